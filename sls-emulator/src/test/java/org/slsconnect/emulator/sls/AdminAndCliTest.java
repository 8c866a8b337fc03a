package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.Consts;
import com.aliyun.openservices.log.request.PullLogsRequest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.emulator.sls.Sdk.assertLogError;

/** The /_emulator admin API, the command line, and many concurrent connections. */
class AdminAndCliTest {
    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> admin(SlsEmulator emu, String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.url() + "/_emulator" + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminApiDrivesTheEmulator() throws Exception {
        try (SlsEmulator emu = SlsEmulator.builder().accessKey("ak", "sk").build().start()) {
            assertEquals(200, admin(emu, "GET", "/health", null).statusCode());
            assertEquals(200, admin(emu, "POST", "/projects", "{\"project\":\"p\"}").statusCode());
            assertEquals(200, admin(emu, "POST", "/logstores", "{\"project\":\"p\",\"logstore\":\"ls\",\"shards\":2,\"ttl\":3}").statusCode());
            HttpResponse<String> dup = admin(emu, "POST", "/logstores", "{\"project\":\"p\",\"logstore\":\"ls\",\"shards\":2}");
            assertEquals(400, dup.statusCode());
            assertTrue(dup.body().contains("LogStoreAlreadyExist"));
            assertTrue(dup.headers().firstValue("x-log-requestid").isPresent());

            HttpResponse<String> appended = admin(emu, "POST", "/append",
                    "{\"project\":\"p\",\"logstore\":\"ls\",\"shard\":0,\"topic\":\"t\",\"logs\":[{\"__time__\":1700000000,\"msg\":\"hi\"},{\"msg\":\"there\"}]}");
            assertEquals("{\"sequence\":0}", appended.body());
            admin(emu, "POST", "/append", "{\"project\":\"p\",\"logstore\":\"ls\",\"shard\":0,\"logs\":[{\"msg\":\"2\"}]}");
            LogGroupDecoder.LogGroup g = LogGroupDecoder.decode(emu.logGroup("p", "ls", 0, 0));
            assertEquals("t", g.topic());
            assertEquals("hi", g.logs().get(0).get("msg"));
            assertEquals(1_700_000_000L, g.logs().get(0).time());

            assertTrue(admin(emu, "GET", "/shards?project=p&logstore=ls", null).body().contains("\"logGroupCount\":2"));
            assertEquals("{\"children\":[2,3]}", admin(emu, "POST", "/split", "{\"project\":\"p\",\"logstore\":\"ls\",\"shard\":1}").body());
            assertEquals("{\"merged\":4}", admin(emu, "POST", "/merge", "{\"project\":\"p\",\"logstore\":\"ls\",\"shard\":2}").body());
            assertEquals("{\"dropped\":1}", admin(emu, "POST", "/expire", "{\"project\":\"p\",\"logstore\":\"ls\",\"shard\":0,\"count\":1}").body());
            assertEquals(1, emu.logGroupCount("p", "ls", 0));

            Client client = Sdk.client(emu, "ak", "sk");
            String begin = client.GetCursor("p", "ls", 0, Consts.CursorMode.BEGIN).GetCursor();
            // Faults over HTTP.
            assertEquals(200, admin(emu, "POST", "/faults",
                    "{\"type\":\"fail\",\"kind\":\"PullLogs\",\"count\":1,\"status\":503,\"errorCode\":\"ServerBusy\"}").statusCode());
            assertLogError("ServerBusy", () -> client.pullLogs(new PullLogsRequest("p", "ls", 0, 10, begin)));
            admin(emu, "POST", "/faults", "{\"type\":\"corrupt\",\"count\":1,\"corruption\":\"wrong_count\"}");
            var wrong = client.pullLogs(new PullLogsRequest("p", "ls", 0, 10, begin));
            assertLogError("LogGroupCountNotMatch", wrong::getLogGroups);
            admin(emu, "POST", "/faults", "{\"type\":\"latency\",\"kind\":\"ListShards\",\"millis\":50}");
            admin(emu, "POST", "/faults", "{\"type\":\"unreachable\",\"on\":true}");
            assertTrue(admin(emu, "GET", "/faults", null).body().contains("unreachable"), "admin works while unreachable");
            assertLogError("RequestError", () -> Sdk.clientWithoutRetry(emu, "ak", "sk").ListShard("p", "ls"));
            assertEquals(200, admin(emu, "DELETE", "/faults", null).statusCode());
            assertEquals(1, client.pullLogs(new PullLogsRequest("p", "ls", 0, 10, begin)).getCount());

            assertEquals(200, admin(emu, "POST", "/settings", "{\"expiredCursorBehavior\":\"READ_FROM_BEGIN\"}").statusCode());
            assertEquals(ExpiredCursorBehavior.READ_FROM_BEGIN, emu.expiredCursorBehavior());
            assertTrue(admin(emu, "POST", "/clock", "{\"epochMillis\":1900000000000}").body().contains("1900000000"));
            assertEquals(1_900_000_000L, emu.nowSeconds());
            admin(emu, "POST", "/clock", "{}");

            assertTrue(admin(emu, "GET", "/requests", null).body().contains("\"PullLogs\":3"));
            assertLogError("ConsumerGroupNotExist", () -> client.UpdateCheckPoint("p", "ls", "g-missing", 0, begin));
            emu.createConsumerGroup("p", "ls", "g", 60, false);
            client.UpdateCheckPoint("p", "ls", "g", 0, begin);
            assertEquals("{\"checkpoint\":\"" + begin + "\"}", admin(emu, "GET", "/checkpoint?project=p&logstore=ls&group=g&shard=0", null).body());

            assertEquals(404, admin(emu, "GET", "/nope", null).statusCode());
            assertEquals(200, admin(emu, "POST", "/reset", null).statusCode());
            assertLogError("ProjectNotExist", () -> client.ListShard("p", "ls"));
            assertEquals("{}", admin(emu, "GET", "/requests", null).body().replace("{\"ListShards\":1}", "{}"));
            client.shutdown();
        }
    }

    @Test
    void commandLineStartsAPreProvisionedEmulator() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SlsEmulator emu = Main.start(new String[]{"--port", "0", "--access-key-id", "cli", "--access-key-secret", "secret",
                "--key", "second:s2", "--project", "demo", "--logstore", "events:3", "--logstore", "other/audit:1:7",
                "--expired-cursor", "read-from-begin", "--log-level", "warn"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String line = out.toString(StandardCharsets.UTF_8).trim();
            assertEquals("SLS emulator listening on 127.0.0.1:" + emu.port() + " (proxy mode: point the SDK's proxy at it, endpoint sls.test)", line);
            assertEquals(3, emu.shards("demo", "events").size());
            assertEquals(1, emu.shards("other", "audit").size());
            assertEquals(ExpiredCursorBehavior.READ_FROM_BEGIN, emu.expiredCursorBehavior());
            Client c = Sdk.client(emu, "second", "s2");
            assertEquals(3, c.ListShard("demo", "events").GetShards().size());
            c.shutdown();
        } finally {
            emu.close();
        }
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertNull(Main.start(new String[]{"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8)));
        assertTrue(help.toString(StandardCharsets.UTF_8).contains("--access-key-id"));
        assertThrows(IllegalArgumentException.class, () -> Main.start(new String[]{"--bogus"}, System.out));
        assertThrows(IllegalArgumentException.class, () -> Main.start(new String[]{"--logstore", "nope:1"}, System.out));
    }

    @Test
    void hostWithoutProjectUsesTheDefaultProject() throws Exception {
        // Open mode (no keys) and a default project: plain HTTP to 127.0.0.1 works, as CNAME-mode clients need.
        try (SlsEmulator emu = SlsEmulator.builder().defaultProject("p").project("p").logstore("p", "ls", 1).build().start()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emu.url() + "/logstores")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("{\"count\":1,\"total\":1,\"logstores\":[\"ls\"]}", r.body());
            // A broken %-escape (java.net.URI refuses to send one, so a raw socket does).
            try (java.net.Socket socket = new java.net.Socket(emu.host(), emu.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write("GET /logstores?x=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String head = new String(socket.getInputStream().readNBytes(200), StandardCharsets.US_ASCII);
                assertTrue(head.startsWith("HTTP/1.1 400 Bad Request"), head);
                assertTrue(head.contains("x-log-requestid: "), head);
            }
        }
    }

    @Test
    void manyConcurrentConnections() throws Exception {
        try (SlsEmulator emu = SlsEmulator.builder().accessKey("ak", "sk").project("p").logstore("p", "ls", 4).build().start()) {
            for (int shard = 0; shard < 4; shard++) {
                for (int i = 0; i < 50; i++) {
                    emu.appendLogGroup("p", "ls", shard, new LogGroupBuilder().log(1, null, "i", Integer.toString(i)).build());
                }
            }
            int threads = 32;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int shard = t % 4;
                results.add(pool.submit(() -> {
                    Client c = Sdk.client(emu, "ak", "sk");
                    try {
                        int total = 0;
                        for (int round = 0; round < 5; round++) {
                            String cursor = emu.beginCursor("p", "ls", shard);
                            while (true) {
                                var r = c.pullLogs(new PullLogsRequest("p", "ls", shard, 7, cursor));
                                if (r.getCount() == 0) {
                                    break;
                                }
                                total += r.getLogGroups().size();
                                cursor = r.getNextCursor();
                            }
                        }
                        return total;
                    } finally {
                        c.shutdown();
                    }
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(250, f.get());
            }
            pool.shutdown();
        }
    }
}
