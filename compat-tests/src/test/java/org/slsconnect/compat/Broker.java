package org.slsconnect.compat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slsconnect.testsupport.Ports;

/** A single-node KRaft broker+controller of one Kafka release, in its own JVM ({@code kafka.Kafka}). */
final class Broker implements AutoCloseable {

    private final JvmProcess jvm;
    final String bootstrapServers;

    private Broker(JvmProcess jvm, String bootstrapServers) {
        this.jvm = jvm;
        this.bootstrapServers = bootstrapServers;
    }

    static Broker start(KafkaRelease release, Path javaHome, Path dir) throws Exception {
        int port = Ports.free();
        int controllerPort = Ports.free();
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("group.initial.rebalance.delay.ms", "0");
        Path props = dir.resolve("server.properties");
        JvmProcess.writeProperties(props, p);

        String classpath = release.classpath();
        new JvmProcess(javaHome, classpath, dir.resolve("storage-format.log"))
            .run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", props.toString());
        JvmProcess jvm = new JvmProcess(javaHome, classpath, dir.resolve("broker.log"))
            .start(List.of(), "kafka.Kafka", props.toString());
        Broker broker = new Broker(jvm, "127.0.0.1:" + port);
        try (Admin admin = broker.admin()) {
            JvmProcess.await(() -> {
                if (!jvm.alive()) throw new AssertionError("broker exited: see " + jvm.logFile());
                try {
                    return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(90), "Kafka " + release.version() + " broker at " + broker.bootstrapServers);
        } catch (AssertionError e) {
            jvm.close();
            throw e;
        }
        return broker;
    }

    Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"));
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
