package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogContent;
import com.aliyun.openservices.log.common.LogGroupData;
import com.aliyun.openservices.loghub.client.ClientWorker;
import com.aliyun.openservices.loghub.client.ILogHubCheckPointTracker;
import com.aliyun.openservices.loghub.client.config.LogHubConfig;
import com.aliyun.openservices.loghub.client.exceptions.LogHubCheckPointException;
import com.aliyun.openservices.loghub.client.interfaces.ILogHubProcessor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs Alibaba's loghub-client-lib ClientWorker in its own JVM (started by {@link ClientWorkerTest}
 * with a hosts file and a SOCKS proxy, since 0.6.41 can only talk to {@code <project>.<endpoint>:80}).
 * Counts every log by its "id" content and prints one RESULT line.
 *
 * <p>Args: endpoint project logstore consumerGroup accessKeyId accessKeySecret expectedLogs timeoutSeconds
 */
public final class ClientWorkerMain {
    static final Map<String, Integer> SEEN = new ConcurrentHashMap<>();
    static final AtomicLong TOTAL = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String project = args[1];
        String logstore = args[2];
        String group = args[3];
        long expected = Long.parseLong(args[6]);
        long timeoutMillis = Long.parseLong(args[7]) * 1000;

        LogHubConfig config = new LogHubConfig(group, "consumer-1", endpoint, project, logstore, args[4], args[5],
                LogHubConfig.ConsumePosition.BEGIN_CURSOR);
        config.setHeartBeatIntervalMillis(500);
        config.setFetchIntervalMillis(50);
        ClientWorker worker = new ClientWorker(() -> new CountingProcessor(), config);
        Thread thread = new Thread(worker, "client-worker");
        thread.setDaemon(true);
        thread.start();

        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (TOTAL.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        // Keep running a little longer: a duplicate delivery would show up now.
        Thread.sleep(1_500);
        worker.shutdown();
        Thread.sleep(500);
        long duplicates = SEEN.values().stream().filter(n -> n > 1).count();
        System.out.println("RESULT total=" + TOTAL.get() + " distinct=" + SEEN.size() + " duplicates=" + duplicates);
        System.out.flush();
        System.exit(TOTAL.get() == expected ? 0 : 1);
    }

    static final class CountingProcessor implements ILogHubProcessor {
        @Override
        public void initialize(int shardId) {
        }

        @Override
        public String process(List<LogGroupData> logGroups, ILogHubCheckPointTracker checkpoints) {
            for (LogGroupData g : logGroups) {
                for (FastLog log : g.GetFastLogGroup().getLogs()) {
                    for (FastLogContent c : log.getContents()) {
                        if (c.getKey().equals("id")) {
                            SEEN.merge(c.getValue(), 1, Integer::sum);
                            TOTAL.incrementAndGet();
                        }
                    }
                }
            }
            try {
                checkpoints.saveCheckPoint(true);
            } catch (LogHubCheckPointException e) {
                System.err.println("checkpoint failed: " + e);
            }
            return null;
        }

        @Override
        public void shutdown(ILogHubCheckPointTracker checkpoints) {
            try {
                checkpoints.saveCheckPoint(true);
            } catch (LogHubCheckPointException e) {
                System.err.println("final checkpoint failed: " + e);
            }
        }
    }
}
