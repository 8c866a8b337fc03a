package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slsconnect.emulator.sls.faults.FaultScope;
import org.slsconnect.it.KafkaTopics.Rec;

/**
 * Every misconfiguration a user can make, through the Connect REST API: the validate endpoint and connector
 * creation report it on the field to fix, with the fix. Then credentials, permissions and logstores that break
 * after a valid start: the task fails saying what to fix, and neither it nor the connector's shard discovery keeps
 * hitting SLS. Writes the table misconfiguration -> field -> message to {@code target/bad-config-table.md}.
 */
class BadConfigIT extends HarnessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CLASS = "org.slsconnect.source.SlsSourceConnector";
    private static final String LS = "bc_ls";
    /** After a task failed, how long the requests to SLS are counted. */
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(Boolean.getBoolean("reliability.long") ? 10 : 5);

    private final List<String> table = new ArrayList<>();

    @BeforeAll
    void createLogstores() {
        sls.createLogstore(ConnectHarness.PROJECT, LS, 2);
        sls.createLogstore(ConnectHarness.PROJECT, "bc_other", 1);
    }

    @AfterAll
    void writeTable() throws IOException {
        Path out = Path.of("target", "bad-config-table.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "| misconfiguration | reported on | message |\n|---|---|---|\n" + String.join("\n", table) + "\n",
            StandardCharsets.UTF_8);
    }

    private Map<String, String> valid() { return h.sourceConfig("bad-config", LS, 1); }

    /** Validates {@code valid()} changed by {@code change}; the only errors must be on {@code field}, containing {@code expected}. */
    private void expect(String what, String field, String expected, Consumer<Map<String, String>> change) {
        Map<String, String> cfg = valid();
        change.accept(cfg);
        ConfigInfos infos = h.connect.validateConnectorConfig(CLASS, cfg);
        Map<String, List<String>> errors = errors(infos);
        assertEquals(List.of(field), List.copyOf(errors.keySet()), what + ": " + errors);
        String message = String.join(" / ", errors.get(field));
        assertTrue(message.contains(expected), what + ": expected '" + expected + "' in: " + message);
        assertFalse(json(infos).contains(ConnectHarness.ACCESS_KEY_SECRET), what + ": secret in the answer");
        table.add("| " + what + " | validate: `" + field + "` | " + cell(message) + " |");
    }

    private static String cell(String s) {
        String one = s.replace('\n', ' ').replace("|", "\\|");
        return one.length() > 400 ? one.substring(0, 400) + "…" : one;
    }

    private static Map<String, List<String>> errors(ConfigInfos infos) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ConfigInfo info : infos.configs()) {
            if (!info.configValue().errors().isEmpty()) out.put(info.configValue().name(), info.configValue().errors());
        }
        return out;
    }

    private static String json(Object o) {
        try {
            return KafkaTopics.JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        for (String f : List.of("sls.endpoint", "sls.access.key.id", "sls.access.key.secret", "sls.project", "sls.logstores")) {
            expect("missing " + f, f, "Missing required configuration \"" + f + "\"", c -> c.remove(f));
        }
        expect("empty secret", "sls.access.key.secret", "is required and must not be empty", c -> c.put("sls.access.key.secret", " "));
        expect("empty logstore list", "sls.logstores", "must list at least one logstore", c -> c.put("sls.logstores", ""));
    }

    @Test
    void malformedEndpointsSayWhatAValidOneLooksLike() {
        expect("endpoint with a port", "sls.endpoint", "must not contain a port", c -> c.put("sls.endpoint", "http://127.0.0.1:8080"));
        expect("endpoint is an IP address", "sls.endpoint", "not an IP address", c -> c.put("sls.endpoint", "10.0.0.1"));
        expect("endpoint with another scheme", "sls.endpoint", "must start with https://, http://",
            c -> c.put("sls.endpoint", "ftp://cn-hangzhou.log.aliyuncs.com"));
        expect("endpoint with a path", "sls.endpoint", "without a path",
            c -> c.put("sls.endpoint", "https://cn-hangzhou.log.aliyuncs.com/logstores"));
        expect("endpoint with the project in front", "sls.endpoint", "without the project",
            c -> c.put("sls.endpoint", ConnectHarness.PROJECT + "." + sls.endpoint()));
    }

    @Test
    void unreachableOrForeignEndpointIsReportedOnTheEndpoint() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        expect("endpoint unreachable (connection refused)", "sls.endpoint", "could not be reached",
            c -> c.put("sls.proxy.port", Integer.toString(closedPort)));
        sls.faults().unreachable(true);
        try {
            expect("endpoint drops the connection", "sls.endpoint", "could not be reached", c -> { });
        } finally {
            sls.faults().unreachable(false);
        }
        // Something that answers HTTP but is not SLS: the Connect worker's own REST port.
        URI rest = URI.create(h.connect.endpointForResource("connectors"));
        expect("endpoint is not SLS", "sls.endpoint", "The answer is not from SLS",
            c -> c.put("sls.proxy.port", Integer.toString(rest.getPort())));
    }

    @Test
    void credentialsProjectAndLogstoreProblemsLandOnTheirField() {
        expect("unknown project", "sls.project", "Check sls.project and that sls.endpoint is the project's region",
            c -> c.put("sls.project", "no-such-project"));
        sls.faults().failNext(FaultScope.of("ListShards").logstore(LS), 1, 404, "ProjectNotExist",
            "The Project does not exist : " + ConnectHarness.PROJECT);
        expect("project in another region (SLS answers ProjectNotExist)", "sls.project", "sls.endpoint is the project's region", c -> { });
        expect("unknown logstore", "sls.logstores", "LogStoreNotExist", c -> c.put("sls.logstores", LS + ",no_such_logstore"));
        expect("wrong AccessKey id", "sls.access.key.id", "check sls.access.key.id", c -> c.put("sls.access.key.id", "LTAI-unknown"));
        expect("wrong AccessKey secret", "sls.access.key.secret", "Check sls.access.key.secret",
            c -> c.put("sls.access.key.secret", "wrong-secret-value"));
        sls.faults().failNext(FaultScope.of("ListShards").logstore(LS), 1, 403, "Unauthorized",
            "denied by sts or ram, action: log:ListShards, resource: acs:log:*:*:project/" + ConnectHarness.PROJECT + "/logstore/" + LS);
        expect("RAM user may not list shards (403)", "sls.access.key.id", "this call needs log:ListShards", c -> { });
        sls.faults().failNext(FaultScope.of("GetCursor").logstore(LS), 1, 403, "Unauthorized",
            "denied by sts or ram, action: log:GetCursorOrData");
        expect("RAM user may not read (403)", "sls.access.key.id", "this call needs log:GetCursorOrData", c -> { });
        sls.faults().failNext(FaultScope.of("GetCheckPoint").logstore(LS), 1, 403, "Unauthorized",
            "denied by sts or ram, action: log:GetConsumerGroupCheckPoint");
        expect("RAM user may not read consumer-group checkpoints (403, start.position=consumer_group)", "sls.access.key.id",
            "this call needs log:GetConsumerGroupCheckPoint", c -> c.put("start.position", "consumer_group"));
        expect("shard filter matches no shard", "sls.shards", "matches no shard of logstore " + LS, c -> c.put("sls.shards", "7"));
        // A busy SLS is not a configuration error: validation passes and the tasks retry.
        sls.faults().failNext(FaultScope.of("ListShards").logstore(LS), 1, 503, "ServerBusy");
        assertEquals(Map.of(), errors(h.connect.validateConnectorConfig(CLASS, valid())), "ServerBusy during validation");
        table.add("| SLS busy (503) during validation | not an error (logged; tasks retry) | - |");
    }

    @Test
    void positionsTopicsTemplatesNumbersAndConflicts() {
        expect("start.position word", "start.position", "must be begin, end, consumer_group or a time", c -> c.put("start.position", "yesterday"));
        expect("start time without zone", "start.position", "ISO-8601 with a zone", c -> c.put("start.position", "2026-01-31T08:00:00"));
        expect("start.position.fallback=consumer_group", "start.position.fallback", "it is what consumer_group falls back to",
            c -> c.put("start.position.fallback", "consumer_group"));
        expect("stop.time not a time", "stop.time", "is not a time", c -> c.put("stop.time", "tomorrow"));
        expect("stop.time before start time", "stop.time", "must be after start.position", c -> {
            c.put("start.position", "2026-02-01T00:00:00Z");
            c.put("stop.time", "2026-01-01T00:00:00Z");
        });
        expect("topic.pattern with invalid characters", "topic.pattern", "must give a valid Kafka topic name",
            c -> c.put("topic.pattern", "sls/${logstore}"));
        expect("topic.pattern too long", "topic.pattern", "longer than Kafka's limit",
            c -> c.put("topic.pattern", "t".repeat(240) + ".${project}.${logstore}"));
        expect("Splunk header template with an unknown placeholder", "splunk.index", "unknown placeholder",
            c -> c.put("splunk.index", "${nope}"));
        expect("Splunk header template unclosed", "splunk.source", "unclosed ${", c -> c.put("splunk.source", "sls:${project"));
        expect("Splunk rule without =", "splunk.sourcetype.by.logstore", "entries must be <name>=<template>",
            c -> c.put("splunk.sourcetype.by.logstore", LS));
        expect("unknown record.format", "record.format", "must be one of", c -> c.put("record.format", "xml"));
        expect("unknown hec.event.fields entry", "hec.event.fields", "unknown field", c -> c.put("hec.event.fields", "project,region"));
        expect("bad consumer group name", "sls.consumer.group", "letters, digits", c -> c.put("sls.consumer.group", "my group!"));
        expect("fetch.log.groups too large", "fetch.log.groups", "Value must be no more than 1000", c -> c.put("fetch.log.groups", "5000"));
        expect("fetch.threads zero", "fetch.threads", "Value must be at least 1", c -> c.put("fetch.threads", "0"));
        expect("proxy port out of range", "sls.proxy.port", "Value must be no more than 65535", c -> c.put("sls.proxy.port", "70000"));
        expect("number that is not a number", "poll.timeout.ms", "Not a number of type LONG",
            c -> c.put("poll.timeout.ms", "fast"));
        expect("max.buffered.bytes too small", "max.buffered.bytes", "Value must be at least", c -> c.put("max.buffered.bytes", "10"));
        expect("v4 signature without region", "sls.region", "is required when sls.signature.version=v4",
            c -> c.put("sls.signature.version", "v4"));
        expect("proxy host without port", "sls.proxy.port", "must be set (1-65535) when sls.proxy.host is set",
            c -> c.remove("sls.proxy.port"));
        expect("retry backoff above its maximum", "retry.backoff.max.ms", "must be at least retry.backoff.ms",
            c -> c.put("retry.backoff.ms", "10000"));
        expect("tasks.max zero (Connect's own check)", "tasks.max", "Value must be at least 1", c -> c.put("tasks.max", "0"));
        expect("transaction.boundary=connector (not supported)", "transaction.boundary", "does not support",
            c -> c.put("transaction.boundary", "connector"));
    }

    @Test
    void creatingAConnectorWithABadConfigIsRefusedWithTheFieldMessages() throws Exception {
        for (Map.Entry<String, String[]> bad : Map.of(
                "wrong secret", new String[] {"sls.access.key.secret", "wrong-secret-value", "Check sls.access.key.secret"},
                "unknown logstore", new String[] {"sls.logstores", "no_such_ls", "Check sls.logstores"},
                "bad start.position", new String[] {"start.position", "yesterday", "must be begin, end, consumer_group or a time"})
                .entrySet()) {
            Map<String, String> cfg = valid();
            String name = "create-" + bad.getKey().replace(' ', '-').replace(".", "");
            cfg.put("name", name);
            cfg.put(bad.getValue()[0], bad.getValue()[1]);
            var response = h.connect.requestPut(h.connect.endpointForResource("connectors/" + name + "/config"),
                KafkaTopics.JSON.writeValueAsString(cfg));
            String body = String.valueOf(response.getEntity());
            assertEquals(400, response.getStatus(), bad.getKey() + ": " + body);
            assertTrue(body.contains(bad.getValue()[0]) && body.contains(bad.getValue()[2]), bad.getKey() + ": " + body);
            assertFalse(body.contains(ConnectHarness.ACCESS_KEY_SECRET) || body.contains("wrong-secret-value"), body);
            assertFalse(h.connect.connectors().contains(name), "a refused connector must not exist");
            table.add("| create with " + bad.getKey() + " | `PUT /connectors/<name>/config`: HTTP 400, `" + bad.getValue()[0]
                + "` | " + cell(body) + " |");
        }
    }

    // ------------------------------------------------------------ failures after a valid start

    @Test
    void secretRotatedWhileRunningFailsTheTaskQuietlyAndANewSecretResumesWithoutLoss() throws Exception {
        String rotated = "rotated-secret-9c1e";
        SecretsNeverLoggedExtension.watch("rotated secret", rotated);
        try {
            runtimeFailure("secret rotated while running", "rt_rotated", "Check sls.access.key.secret",
                () -> sls.addAccessKey(ConnectHarness.ACCESS_KEY_ID, rotated),
                (name, cfg) -> {
                    cfg.put("sls.access.key.secret", rotated);
                    h.connect.configureConnector(name, cfg);   // the documented fix: update the config
                });
        } finally {
            sls.addAccessKey(ConnectHarness.ACCESS_KEY_ID, ConnectHarness.ACCESS_KEY_SECRET);
        }
    }

    @Test
    void accessKeyRevokedWhileRunningFailsTheTaskQuietlyAndARestartResumes() throws Exception {
        runtimeFailure("AccessKey disabled while running", "rt_revoked", "The AccessKey is unknown, disabled or deleted",
            () -> sls.faults().failNext(FaultScope.any(), Integer.MAX_VALUE, 401, "Unauthorized", "AccessKeyId is disabled"),
            (name, cfg) -> {
                sls.faults().clear();
                h.connect.restartTask(name, 0);
            });
    }

    @Test
    void permissionRemovedWhileRunningFailsTheTaskQuietlyAndARestartResumes() throws Exception {
        runtimeFailure("RAM permission removed while running", "rt_denied", "lacks a permission",
            () -> sls.faults().failNext(FaultScope.any(), Integer.MAX_VALUE, 403, "Unauthorized",
                "denied by sts or ram, action: log:GetCursorOrData"),
            (name, cfg) -> {
                sls.faults().clear();
                h.connect.restartTask(name, 0);
            });
    }

    @Test
    void logstoreDeletedWhileRunningFailsTheTaskQuietly() throws Exception {
        runtimeFailure("logstore deleted while running", "rt_deleted", "Check sls.logstores",
            () -> sls.deleteLogstore(ConnectHarness.PROJECT, "rt_deleted"), null);
    }

    private interface Fix {
        void apply(String name, Map<String, String> config) throws Exception;
    }

    /**
     * Runs a connector until it delivered everything, breaks SLS access with {@code breakIt}, waits for the task to
     * fail with {@code hint} in its trace, counts the SLS requests over {@link #QUIET_WINDOW}, then (when
     * {@code fix} is given) fixes it and checks every log, also those written during the outage, arrives.
     */
    private void runtimeFailure(String scenario, String ls, String hint, Runnable breakIt, Fix fix) throws Exception {
        long t0 = System.nanoTime();
        String name = ls.replace('_', '-');
        sls.createLogstore(ConnectHarness.PROJECT, ls, 2);
        List<String> written = new ArrayList<>();
        for (int s = 0; s < 2; s++) written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, s, 5, 10, "a"));
        Map<String, String> cfg = h.sourceConfig(name, ls, 1);
        h.connect.configureConnector(name, cfg);
        h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, "connector did not start");
        KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);

        breakIt.run();
        if (fix != null) {
            for (int s = 0; s < 2; s++) written.addAll(TestLogs.write(sls, ConnectHarness.PROJECT, ls, s, 5, 10, "b"));
        }
        ConnectHarness.await(() -> "FAILED".equals(taskState(name).state()), WAIT, scenario + ": task FAILED");
        String trace = taskState(name).trace();
        assertTrue(trace.contains(hint), scenario + ": the task's trace must say what to fix: " + trace);
        assertFalse(trace.contains(ConnectHarness.ACCESS_KEY_SECRET), scenario + ": secret in the trace");
        String firstLine = trace.lines().findFirst().orElse("");

        // Measurement window, not pacing: requests the failed task and the connector send in QUIET_WINDOW.
        Map<String, Long> before = sls.requestCounts();
        Thread.sleep(QUIET_WINDOW.toMillis());
        Map<String, Long> during = new HashMap<>();
        sls.requestCounts().forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d > 0) during.put(k, d);
        });
        long total = during.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("quiet window (" + scenario + "): " + during);
        assertEquals(0L, during.getOrDefault("PullLogs", 0L) + during.getOrDefault("GetCursor", 0L),
            scenario + ": a failed task must not keep reading: " + during);
        assertTrue(during.getOrDefault("ListShards", 0L) <= 4, scenario + ": shard discovery must back off: " + during);
        assertTrue(total <= 6, scenario + ": at most a few requests in " + QUIET_WINDOW + ": " + during);

        String outcome = "task FAILED; " + total + " SLS request(s) in the next " + QUIET_WINDOW.toSeconds() + " s " + during;
        if (fix != null) {
            fix.apply(name, cfg);
            h.connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, scenario + ": not running after the fix");
            outcome += "; after the fix the task resumes";
        }
        List<Rec> read = KafkaTopics.readUntil(h.connect.kafka(), List.of(ConnectHarness.topic(ls)), written.size(), WAIT, false);
        Delivery d = Delivery.of(scenario, written, read).report((System.nanoTime() - t0) / 1e9);
        assertEquals(0, d.missing().size(), d.summary());
        h.connect.deleteConnector(name);
        table.add("| " + scenario + " | task trace (`GET /connectors/<name>/status`) | " + cell(firstLine) + " — " + cell(outcome) + " |");
    }

    private ConnectorStateInfo.TaskState taskState(String name) {
        List<ConnectorStateInfo.TaskState> tasks = h.connect.connectorStatus(name).tasks();
        return tasks.isEmpty() ? new ConnectorStateInfo.TaskState(0, "UNASSIGNED", "", "", "") : tasks.get(0);
    }
}
