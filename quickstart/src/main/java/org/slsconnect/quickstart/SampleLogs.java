package org.slsconnect.quickstart;

import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import org.slsconnect.emulator.sls.LogGroupBuilder;

/**
 * Realistic sample log groups: ActionTrail audit events (topic {@code actiontrail_audit_event}, the whole event as
 * nested JSON in the {@code event} field, as ActionTrail delivers to SLS) and nginx access logs as Logtail
 * collects them ({@code __hostname__} / {@code __path__} tags).
 */
final class SampleLogs {

    private static final String[] USERS = {"alice", "bob", "ops-robot", "ci-deployer"};
    private static final String[][] API_CALLS = {
        {"Ecs", "ecs.aliyuncs.com", "DescribeInstances"}, {"Ecs", "ecs.aliyuncs.com", "StopInstance"},
        {"Ram", "ram.aliyuncs.com", "CreateAccessKey"}, {"Oss", "oss.aliyuncs.com", "PutBucketAcl"},
        {"Sls", "log.aliyuncs.com", "PullLogs"}, {"Vpc", "vpc.aliyuncs.com", "AuthorizeSecurityGroup"}};
    private static final String[] URIS = {"/", "/index.html", "/api/v1/orders", "/api/v1/orders/42", "/login",
        "/static/app.js", "/static/logo.png", "/healthz", "/api/v1/search?q=%E6%97%A5%E5%BF%97"};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "curl/8.5.0", "kube-probe/1.31"};
    private static final int[] STATUS = {200, 200, 200, 200, 200, 200, 304, 301, 404, 500, 502};

    private final Random random = new Random(42);
    private long seq;

    /** True if the logstore gets ActionTrail events (its name says so), else nginx access logs. */
    static boolean isActionTrail(String logstore) {
        return logstore.toLowerCase().contains("actiontrail");
    }

    /** One log group of {@code logs} logs for the logstore, stamped with the current time. */
    byte[] group(String logstore, int shard, int logs) {
        long now = System.currentTimeMillis();
        return isActionTrail(logstore) ? actionTrail(now, logs) : nginx(now, shard, logs);
    }

    private byte[] actionTrail(long nowMs, int logs) {
        LogGroupBuilder b = new LogGroupBuilder().topic("actiontrail_audit_event").source("actiontrail")
            .tag("__receive_time__", Long.toString(nowMs / 1000));
        for (int i = 0; i < logs; i++) {
            String[] call = API_CALLS[random.nextInt(API_CALLS.length)];
            String user = USERS[random.nextInt(USERS.length)];
            boolean failed = random.nextInt(20) == 0;
            String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"eventVersion\":1,"
                + "\"eventSource\":\"" + call[1] + "\",\"eventType\":\"ApiCall\",\"eventName\":\"" + call[2] + "\","
                + "\"eventTime\":\"" + Instant.ofEpochMilli(nowMs) + "\",\"acsRegion\":\"cn-hangzhou\","
                + "\"serviceName\":\"" + call[0] + "\",\"sourceIpAddress\":\"203.0.113." + random.nextInt(255) + "\","
                + "\"userAgent\":\"aliyun-cli/3.0.230\",\"requestId\":\"" + UUID.randomUUID().toString().toUpperCase() + "\","
                + "\"userIdentity\":{\"type\":\"ram-user\",\"principalId\":\"2" + (100000 + random.nextInt(899999))
                + "\",\"accountId\":\"1234567890123456\",\"userName\":\"" + user + "\"},"
                + "\"requestParameters\":{\"RegionId\":\"cn-hangzhou\",\"PageSize\":50},"
                + "\"isGlobal\":false" + (failed ? ",\"errorCode\":\"Forbidden.RAM\",\"errorMessage\":\"User not authorized to operate on the specified resource.\"" : "")
                + ",\"quickstartSeq\":" + (seq++) + "}";
            b.log(nowMs / 1000, (int) (nowMs % 1000) * 1_000_000, "event", event);
        }
        return b.build();
    }

    private byte[] nginx(long nowMs, int shard, int logs) {
        String host = "web-0" + (shard + 1);
        LogGroupBuilder b = new LogGroupBuilder().topic("").source("10.0.1." + (11 + shard))
            .tag("__hostname__", host).tag("__path__", "/var/log/nginx/access.log");
        for (int i = 0; i < logs; i++) {
            int status = STATUS[random.nextInt(STATUS.length)];
            b.log(nowMs / 1000, null,
                "remote_addr", "198.51.100." + random.nextInt(255),
                "remote_user", "-",
                "time_local", Instant.ofEpochMilli(nowMs).toString(),
                "request_method", random.nextInt(5) == 0 ? "POST" : "GET",
                "request_uri", URIS[random.nextInt(URIS.length)],
                "status", Integer.toString(status),
                "body_bytes_sent", Integer.toString(status == 304 ? 0 : 200 + random.nextInt(40_000)),
                "http_referer", "-",
                "http_user_agent", AGENTS[random.nextInt(AGENTS.length)],
                "request_time", String.format("%.3f", random.nextDouble() / 4),
                "host", "shop.example.com",
                "seq", Long.toString(seq++));
        }
        return b.build();
    }
}
