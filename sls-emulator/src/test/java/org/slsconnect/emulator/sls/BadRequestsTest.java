package org.slsconnect.emulator.sls;

import com.aliyun.openservices.log.Client;
import com.aliyun.openservices.log.common.Consts;
import com.aliyun.openservices.log.exception.LogException;
import com.aliyun.openservices.log.http.client.ClientConfiguration;
import com.aliyun.openservices.log.http.signer.SignVersion;
import com.aliyun.openservices.log.request.PullLogsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.slsconnect.emulator.sls.Sdk.assertLogError;

/** Each bad request gets a precise error, and the emulator keeps serving the next good one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestsTest {
    static final String P = "proj";
    static final String LS = "ls";

    SlsEmulator emu;
    Client client;
    RawSlsClient raw;

    @BeforeAll
    void start() {
        emu = SlsEmulator.builder().accessKey("ak", "sk").build().start();
        emu.createProject(P);
        emu.createLogstore(P, LS, 2);
        emu.appendLogGroup(P, LS, 0, new LogGroupBuilder().log(1_700_000_000L, null, "k", "v").build());
        client = Sdk.client(emu, "ak", "sk");
        raw = new RawSlsClient(emu, "ak", "sk");
    }

    @AfterAll
    void stop() {
        client.shutdown();
        emu.close();
    }

    /** After every bad request a good one still works. */
    @AfterEach
    void stillServing() throws Exception {
        assertEquals(1, client.pullLogs(new PullLogsRequest(P, LS, 0, 10, emu.beginCursor(P, LS, 0))).getCount());
    }

    @Test
    void unknownAccessKey() {
        Client stranger = Sdk.client(emu, "nobody", "sk");
        LogException e = assertLogError("Unauthorized", () -> stranger.ListShard(P, LS));
        assertEquals(401, e.GetHttpCode());
        assertEquals("AccessKeyId not found: nobody", e.GetErrorMessage());
        stranger.shutdown();
    }

    @Test
    void wrongSecret() {
        Client wrong = Sdk.client(emu, "ak", "not-the-secret");
        assertEquals(401, assertLogError("SignatureNotMatch", () -> wrong.ListShard(P, LS)).GetHttpCode());
        assertLogError("SignatureNotMatch", () -> wrong.PutLogs(P, LS, new LogGroupBuilder().log(1, null).build(), "lz4", null));
        wrong.shutdown();
    }

    @Test
    void missingAuthorization() throws Exception {
        var http = java.net.http.HttpClient.newBuilder()
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress(emu.host(), emu.port()))).build();
        var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://proj.sls.test/logstores")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(401, resp.statusCode());
        assertTrue(resp.body().contains("\"errorCode\":\"Unauthorized\""));
        assertTrue(resp.headers().firstValue("x-log-requestid").orElse("").matches("[0-9A-F]{24}"));
    }

    @Test
    void v4SignaturesVerify() throws Exception {
        ClientConfiguration cfg = Sdk.config(emu, true);
        cfg.setSignatureVersion(SignVersion.V4);
        cfg.setRegion("cn-hangzhou");
        Client v4 = new Client(emu.endpoint(), "ak", "sk", cfg);
        assertEquals(2, v4.ListShard(P, LS).GetShards().size());
        v4.PutLogs(P, LS, new LogGroupBuilder().log(1, null, "v4", "yes").build(), "lz4", "f0000000000000000000000000000000");
        assertEquals(1, emu.logGroupCount(P, LS, 1));
        String begin = v4.GetCursor(P, LS, 1, Consts.CursorMode.BEGIN).GetCursor();
        assertEquals(1, v4.pullLogs(new PullLogsRequest(P, LS, 1, 10, begin)).getCount());
        v4.shutdown();

        ClientConfiguration badCfg = Sdk.config(emu, true);
        badCfg.setSignatureVersion(SignVersion.V4);
        badCfg.setRegion("cn-hangzhou");
        Client badV4 = new Client(emu.endpoint(), "ak", "wrong", badCfg);
        assertLogError("SignatureNotMatch", () -> badV4.ListShard(P, LS));
        Client unknownV4 = new Client(emu.endpoint(), "who", "sk", badCfg);
        assertEquals("AccessKeyId not found: who", assertLogError("Unauthorized", () -> unknownV4.ListShard(P, LS)).GetErrorMessage());
        badV4.shutdown();
        unknownV4.shutdown();
    }

    @Test
    void unknownProjectLogstoreAndShard() {
        assertEquals(404, assertLogError("ProjectNotExist", () -> client.ListShard("nope", LS)).GetHttpCode());
        assertEquals(404, assertLogError("LogStoreNotExist", () -> client.ListShard(P, "nope")).GetHttpCode());
        assertEquals(400, assertLogError("ShardNotExist", () -> client.GetCursor(P, LS, 99, Consts.CursorMode.BEGIN)).GetHttpCode());
        assertLogError("ShardNotExist", () -> client.pullLogs(new PullLogsRequest(P, LS, 99, 10, emu.beginCursor(P, LS, 0))));
        assertLogError("LogStoreNotExist", () -> client.PutLogs(P, "nope", new LogGroupBuilder().log(1, null).build(), "lz4", null));
    }

    @Test
    void countOutOfRange() throws Exception {
        String begin = emu.beginCursor(P, LS, 0);
        for (String count : new String[]{"0", "1001", "-1", "ten"}) {
            RawSlsClient.Response r = raw.get(P, "/logstores/ls/shards/0", Map.of("type", "log", "cursor", begin, "count", count));
            assertEquals(400, r.status(), count);
            assertEquals("ParameterInvalid", r.errorCode(), count);
        }
        assertLogError("ParameterInvalid", () -> client.pullLogs(new PullLogsRequest(P, LS, 0, 1001, begin)));
        assertEquals(1, client.pullLogs(new PullLogsRequest(P, LS, 0, 1000, begin)).getCount());
    }

    @Test
    void malformedCursors() {
        String notANumber = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, assertLogError("InvalidCursor", () -> client.pullLogs(new PullLogsRequest(P, LS, 0, 10, "not-a-cursor!!"))).GetHttpCode());
        assertLogError("InvalidCursor", () -> client.pullLogs(new PullLogsRequest(P, LS, 0, 10, notANumber)));
        assertLogError("InvalidCursor", () -> client.pullLogs(new PullLogsRequest(P, LS, 0, 10, emu.cursor(P, LS, 0, 5)))); // beyond the end
        assertLogError("InvalidCursor", () -> client.GetCursorTime(P, LS, 0, "%%%"));
        assertLogError("InvalidCursor", () -> client.pullLogs(new PullLogsRequest(P, LS, 0, 10, emu.beginCursor(P, LS, 0), "garbage!")));
    }

    @Test
    void badGetCursorFrom() throws Exception {
        RawSlsClient.Response r = raw.get(P, "/logstores/ls/shards/0", Map.of("type", "cursor", "from", "yesterday"));
        assertEquals(400, r.status());
        assertEquals("ParameterInvalid", r.errorCode());
    }

    @Test
    void corruptPutLogsBodies() throws Exception {
        // lz4 that does not decode
        RawSlsClient.Response badLz4 = raw.send(P, "POST", "/logstores/ls/shards/lb", Map.of(),
                Map.of("x-log-compresstype", "lz4", "x-log-bodyrawsize", "100"), new byte[]{(byte) 0xF0, 1, 2, 3});
        assertEquals(400, badLz4.status());
        assertEquals("PostBodyUncompressError", badLz4.errorCode());
        // zstd that does not decode
        RawSlsClient.Response badZstd = raw.send(P, "POST", "/logstores/ls/shards/lb", Map.of(),
                Map.of("x-log-compresstype", "zstd", "x-log-bodyrawsize", "100"), new byte[]{1, 2, 3, 4, 5});
        assertEquals("PostBodyUncompressError", badZstd.errorCode());
        // not a LogGroup (the SDK compresses it fine; the server's protobuf check rejects it)
        byte[] garbage = {(byte) 0x0A, (byte) 0x7F, 1, 2, 3};
        assertEquals(400, assertLogError("PostBodyInvalid", () -> client.PutLogs(P, LS, garbage, "lz4", null)).GetHttpCode());
        // a Log without its required Time field
        byte[] noTime = {0x0A, 0x02, 0x10, 0x01};
        assertLogError("PostBodyInvalid", () -> client.PutLogs(P, LS, noTime, "", null));
        // unknown codec, missing raw size, bad route key
        RawSlsClient.Response badType = raw.send(P, "POST", "/logstores/ls/shards/lb", Map.of(),
                Map.of("x-log-compresstype", "snappy"), new LogGroupBuilder().log(1, null).build());
        assertEquals("InvalidCompressType", badType.errorCode());
        RawSlsClient.Response badKey = raw.send(P, "POST", "/logstores/ls/shards/route", Map.of("key", "xyz"),
                Map.of(), new LogGroupBuilder().log(1, null).build());
        assertEquals("ParameterInvalid", badKey.errorCode());
        assertEquals(1, emu.logGroupCount(P, LS, 0), "nothing was stored");
    }

    @Test
    void unknownApi() throws Exception {
        RawSlsClient.Response r = raw.get(P, "/logstores/ls/nothing", Map.of());
        assertEquals(404, r.status());
        assertEquals("RequestURINotFound", r.errorCode());
        assertEquals(1, emu.requestCount("Unknown"));
    }
}
