package org.slsconnect.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.slsconnect.emulator.sls.LogGroupBuilder;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * Deterministic, realistic SLS log groups: ActionTrail audit events (nested JSON text with CJK in {@code event},
 * occasionally with large {@code responseElements}), nginx access logs collected by Logtail (tags
 * {@code __hostname__}, {@code __path__}, {@code __receive_time__}), and Java application logs (sometimes with a
 * stack trace). About 25 logs per group, a nanosecond part on half the logs, tags on about 37% of the groups,
 * roughly 0.9 KB of content per log (close to the corpus of {@code mapping-floor.md}).
 */
public final class Corpus {

    /** Serialized LogGroups (what SLS stores and what a PullLogs LogGroupList frames) and their totals. */
    public record Groups(List<byte[]> groups, long logs, long contentBytes, long rawBytes) {
        public double bytesPerLog() { return logs == 0 ? 0 : (double) contentBytes / logs; }
    }

    private Corpus() {}

    static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Safari/537.36";
    static final String[] UAS = {UA, "curl/8.4.0", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "aliyun-sdk-java/3.17.1(Linux/5.10.134-16.al8.x86_64/amd64;17.0.9)", "Go-http-client/1.1"};
    static final String[] EVENTS = {"DeleteBucket", "PutObject", "GetObject", "ConsoleSignin", "DescribeInstances", "CreateAccessKey",
        "AttachPolicyToUser", "RunInstances", "ModifySecurityGroupRule", "ListBuckets"};
    static final String[] USERS = {"张三", "李四", "alice", "bob", "王五 🚀", "ops-bot", "数据平台-ETL"};
    static final String[] PATHS = {"/api/v1/items/", "/search?q=%E6%97%A5%E5%BF%97&lang=zh&page=", "/static/js/app.", "/login?next=/console/", "/api/v2/orders/"};

    /** {@code count} groups from {@code seed}; the same arguments always give the same bytes. */
    public static Groups generate(long seed, int count) {
        Random rnd = new Random(seed);
        List<byte[]> out = new ArrayList<>(count);
        long logs = 0, content = 0, raw = 0;
        long baseTime = 1_700_000_000L;
        for (int g = 0; g < count; g++) {
            int kind = rnd.nextInt(100);   // 40% trail, 45% nginx, 15% app
            LogGroupBuilder b = new LogGroupBuilder();
            long[] sizes = new long[2];
            int n = 15 + rnd.nextInt(21);
            long t = baseTime + g;
            if (kind < 40) {
                b.topic("actiontrail_audit_event").source("actiontrail");
                if (rnd.nextInt(100) < 20) b.tag("__receive_time__", Long.toString(t + 1));
                for (int i = 0; i < n; i++) trail(b, rnd, t, i, sizes);
            } else if (kind < 85) {
                String host = "web-" + (g % 40);
                b.topic("").source("10.0.0." + (g % 200));
                if (rnd.nextInt(100) < 60) {
                    b.tag("__hostname__", host).tag("__path__", "/var/log/nginx/access.log").tag("__receive_time__", Long.toString(t + 1));
                }
                for (int i = 0; i < n; i++) nginx(b, rnd, t, i, sizes);
            } else {
                b.topic("app").source("10.0.1." + (g % 50));
                if (rnd.nextInt(100) < 30) b.tag("__hostname__", "app-" + (g % 8)).tag("__pack_id__", Long.toHexString(rnd.nextLong()) + "-" + g);
                for (int i = 0; i < n; i++) app(b, rnd, t, i, sizes);
            }
            byte[] bytes = b.build();
            out.add(bytes);
            logs += sizes[0];
            content += sizes[1];
            raw += bytes.length;
        }
        return new Groups(out, logs, content, raw);
    }

    private static Integer ns(Random rnd, int i) { return i % 2 == 0 ? rnd.nextInt(1_000_000_000) : null; }

    private static void add(LogGroupBuilder b, long t, Integer ns, long[] sizes, String... kv) {
        b.log(t, ns, kv);
        sizes[0]++;
        for (String s : kv) sizes[1] += utf8Length(s);
    }

    private static void trail(LogGroupBuilder b, Random rnd, long t, int i, long[] sizes) {
        String user = USERS[rnd.nextInt(USERS.length)];
        StringBuilder ev = new StringBuilder(1200);
        ev.append("{\"eventId\":\"").append(new java.util.UUID(rnd.nextLong(), rnd.nextLong())).append("\",\"eventName\":\"")
            .append(EVENTS[rnd.nextInt(EVENTS.length)]).append("\",\"eventSource\":\"oss.aliyuncs.com\",\"eventTime\":\"2023-11-14T22:")
            .append(10 + rnd.nextInt(50)).append(":20Z\",\"eventType\":\"ApiCall\",\"eventVersion\":1,\"acsRegion\":\"cn-hangzhou\",")
            .append("\"requestId\":\"").append(Long.toHexString(rnd.nextLong()).toUpperCase()).append("\",\"serviceName\":\"Oss\",")
            .append("\"sourceIpAddress\":\"203.0.113.").append(rnd.nextInt(255)).append("\",\"userAgent\":\"aliyun-cli/3.0 \\\"quoted\\\"\",")
            .append("\"isGlobal\":false,\"userIdentity\":{\"type\":\"ram-user\",\"principalId\":\"").append(200000 + rnd.nextInt(800000))
            .append("\",\"accountId\":\"1234567890\",\"accessKeyId\":\"LTAI****").append(rnd.nextInt(10000)).append("\",\"userName\":\"")
            .append(user).append("\"},\"requestParameters\":{\"BucketName\":\"logs-备份-").append(rnd.nextInt(100))
            .append("\",\"tags\":[\"a\",\"b\"],\"n\":null,\"size\":").append(rnd.nextInt(1 << 20)).append("},")
            .append("\"additionalEventData\":{\"loginAccount\":\"").append(user).append("@example.com\",\"isMFAChecked\":\"")
            .append(rnd.nextBoolean()).append("\"},\"referencedResources\":{\"ACS::OSS::Bucket\":[\"logs-备份\"]}");
        if (rnd.nextInt(4) == 0) {
            ev.append(",\"responseElements\":{\"Items\":[");
            int items = 1 + rnd.nextInt(25);
            for (int k = 0; k < items; k++) {
                if (k > 0) ev.append(',');
                ev.append("{\"Key\":\"logs/2023/11/14/part-").append(rnd.nextInt(100000)).append(".gz\",\"Size\":").append(rnd.nextInt(1 << 24))
                    .append(",\"ETag\":\"").append(Long.toHexString(rnd.nextLong())).append("\"}");
            }
            ev.append("]}");
        }
        ev.append('}');
        add(b, t, ns(rnd, i), sizes, "event", ev.toString(), "owner_id", "1234567890");
    }

    private static void nginx(LogGroupBuilder b, Random rnd, long t, int i, long[] sizes) {
        String path = PATHS[rnd.nextInt(PATHS.length)] + rnd.nextInt(100000);
        add(b, t, ns(rnd, i), sizes,
            "remote_addr", "198.51.100." + rnd.nextInt(255), "remote_user", "-",
            "time_local", "14/Nov/2023:22:13:" + (10 + rnd.nextInt(50)) + " +0000",
            "request", (rnd.nextInt(5) == 0 ? "POST " : "GET ") + path + " HTTP/1.1",
            "status", rnd.nextInt(10) == 0 ? "404" : "200", "body_bytes_sent", Integer.toString(rnd.nextInt(100000)),
            "http_referer", rnd.nextBoolean() ? "-" : "https://www.example.com/page/" + rnd.nextInt(1000),
            "http_user_agent", UAS[rnd.nextInt(UAS.length)], "http_x_forwarded_for", "-",
            "request_time", "0.0" + rnd.nextInt(100), "upstream_response_time", "0.0" + rnd.nextInt(100),
            "upstream_addr", "10.1.0." + rnd.nextInt(20) + ":8080", "host", "api.example.com",
            "request_id", Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()));
    }

    private static void app(LogGroupBuilder b, Random rnd, long t, int i, long[] sizes) {
        boolean error = rnd.nextInt(8) == 0;
        String msg = error
            ? "Failed to process order " + rnd.nextInt(1_000_000) + ": 订单处理失败\njava.lang.IllegalStateException: inventory mismatch\n"
                + "\tat com.example.shop.OrderService.reserve(OrderService.java:" + rnd.nextInt(500) + ")\n"
                + "\tat com.example.shop.OrderService.place(OrderService.java:88)\n\tat com.example.shop.api.OrderController.create(OrderController.java:41)\n"
                + "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n"
                + "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)\n\t... 57 more"
            : "Order " + rnd.nextInt(1_000_000) + " placed by user " + rnd.nextInt(100000) + " total=" + rnd.nextInt(10000) + ".00 CNY";
        add(b, t, ns(rnd, i), sizes, "level", error ? "ERROR" : "INFO", "thread", "http-nio-8080-exec-" + rnd.nextInt(200),
            "logger", "com.example.shop.OrderService", "trace_id", Long.toHexString(rnd.nextLong()), "message", msg);
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    /** A PullLogs body: the groups framed as a LogGroupList ({@code 0x0A varint(len) group}...) and LZ4 raw-block compressed. */
    public record PullBody(byte[] compressed, int rawSize, int groupCount) {}

    public static PullBody pullBody(List<byte[]> groups) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (byte[] g : groups) {
            raw.write(0x0A);
            int len = g.length;
            while ((len & ~0x7F) != 0) { raw.write((len & 0x7F) | 0x80); len >>>= 7; }
            raw.write(len);
            raw.writeBytes(g);
        }
        byte[] bytes = raw.toByteArray();
        LZ4Compressor c = LZ4Factory.fastestInstance().fastCompressor();
        byte[] out = new byte[c.maxCompressedLength(bytes.length)];
        int n = c.compress(bytes, 0, bytes.length, out, 0, out.length);
        return new PullBody(java.util.Arrays.copyOf(out, n), bytes.length, groups.size());
    }

    /** Logs and content bytes of one serialized group, read back with the emulator's decoder. */
    public static Groups statsOf(byte[] group) {
        org.slsconnect.emulator.sls.LogGroupDecoder.LogGroup d = org.slsconnect.emulator.sls.LogGroupDecoder.decode(group);
        long content = 0;
        for (var log : d.logs()) for (var c : log.contents()) content += c.keyBytes().length + c.valueBytes().length;
        return new Groups(List.of(group), d.logs().size(), content, group.length);
    }
}
