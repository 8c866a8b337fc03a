package org.slsconnect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slsconnect.emulator.hec.HecCode;
import org.slsconnect.emulator.hec.HecEmulator;
import org.slsconnect.emulator.hec.HecToken;
import org.slsconnect.emulator.hec.PrivateCa;

/**
 * What HEC's answers and TLS problems do to Splunk's sink (v2.2.1), each reproduced once against the HEC emulator,
 * as docs/troubleshooting.md describes them: an untrusted certificate or a wrong host name, code 7 (index not
 * allowed), code 6 (the sink drops the batch), and useACK not matching {@code splunk.hec.ack.enabled}. Code 9/503 is
 * {@link SplunkOutageIT}. Records are produced straight into Kafka as the source's {@code hec_event} values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplunkHecAnswersIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOKEN = "it-hec-token";

    private Path dir;
    private ConnectHarness h;
    private Admin admin;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("hec-answers-it");
        h = new ConnectHarness(SplunkSinkJar.workerProps(), Map.of(), 1);
        admin = h.connect.kafka().createAdminClient();
    }

    @AfterAll
    void stop() {
        if (admin != null) admin.close();
        if (h != null) h.close();
    }

    @Test
    void anUntrustedCertificateOrWrongHostNameIsRefusedAtPostAndEverythingIsDeliveredAfterTheFix() throws Exception {
        PrivateCa ca = PrivateCa.create(dir.resolve("right"), "right-ca", "127.0.0.1", "localhost");
        PrivateCa otherCa = PrivateCa.create(dir.resolve("other"), "other-ca", "127.0.0.1", "localhost");
        PrivateCa wrongName = PrivateCa.create(dir.resolve("name"), "right-ca-2", "splunk-hec.example.com");
        String topic = "hec-tls";
        List<String> ids = produce(topic, 200, "main");
        try (HecEmulator hec = HecEmulator.builder().port(0).token(TOKEN, true).tls(ca.serverContext()).build().start()) {
            Map<String, String> sink = sink(topic, hec, true);
            sink.put("splunk.hec.ssl.validate.certs", "true");
            sink.put("splunk.hec.ssl.trust.store.path", otherCa.trustStore().toString());
            sink.put("splunk.hec.ssl.trust.store.password", otherCa.password());
            ConnectRestException untrusted = assertThrows(ConnectRestException.class, () -> h.connect.configureConnector("tls-sink", sink));
            System.out.println("HEC ANSWERS: wrong CA -> POST /connectors " + untrusted.statusCode() + ": " + untrusted.getMessage());
            assertTrue(untrusted.getMessage().contains("PKIX path building failed"), untrusted.getMessage());
            assertEquals(0, hec.eventCount(), "nothing reached HEC");
            assertEquals(Map.of(), committed("tls-sink"), "nothing consumed");
        }
        try (HecEmulator hec = HecEmulator.builder().port(0).token(TOKEN, true).tls(wrongName.serverContext()).build().start()) {
            Map<String, String> sink = sink(topic, hec, true);
            sink.put("splunk.hec.ssl.trust.store.path", wrongName.trustStore().toString());
            sink.put("splunk.hec.ssl.trust.store.password", wrongName.password());
            ConnectRestException badName = assertThrows(ConnectRestException.class, () -> h.connect.configureConnector("tls-sink", sink));
            System.out.println("HEC ANSWERS: wrong host name -> POST /connectors " + badName.statusCode() + ": " + badName.getMessage());
            assertTrue(badName.getMessage().contains("SSL"), badName.getMessage());
            assertEquals(0, hec.eventCount(), "nothing reached HEC");
        }
        try (HecEmulator hec = HecEmulator.builder().port(0).token(TOKEN, true).tls(ca.serverContext()).build().start()) {
            Map<String, String> sink = sink(topic, hec, true);
            sink.put("splunk.hec.ssl.trust.store.path", ca.trustStore().toString());
            sink.put("splunk.hec.ssl.trust.store.password", ca.password());
            h.connect.configureConnector("tls-sink", sink);
            ConnectHarness.await(() -> idsAt(hec).containsAll(ids), WAIT, "every record at HEC once the right CA is trusted");
            assertEquals(ids.size(), hec.dataEvents().size(), "each once");
            h.connect.deleteConnector("tls-sink");
        }
    }

    @Test
    void code7IncorrectIndexBlocksThePartitionUntilTheIndexIsAllowedThenEverythingArrives() throws Exception {
        String topic = "hec-code7";
        List<String> ids = produce(topic, 100, "not_allowed");
        try (HecEmulator hec = HecEmulator.builder().port(0)
                .token(HecToken.builder(TOKEN).ack(true).allowedIndexes("main").build()).build().start()) {
            h.connect.configureConnector("code7-sink", sink(topic, hec, true));
            ConnectHarness.await(() -> rejected(hec, HecCode.INCORRECT_INDEX) >= 3, WAIT, "the sink to retry the code 7 batch");
            assertEquals(0, hec.dataEvents().size(), "nothing indexed");
            assertEquals(Map.of(), committed("code7-sink"), "no offset committed: the records stay in Kafka");
            System.out.println("HEC ANSWERS: code 7 -> " + rejected(hec, HecCode.INCORRECT_INDEX) + " retries, task "
                + h.connect.connectorStatus("code7-sink").tasks().get(0).state());
            hec.addToken(HecToken.builder(TOKEN).ack(true).allowedIndexes("main", "not_allowed").build());
            ConnectHarness.await(() -> idsAt(hec).containsAll(ids), WAIT, "every record at HEC once the index is allowed");
            h.connect.deleteConnector("code7-sink");
        }
    }

    @Test
    void code6InvalidDataFormatMakesTheSinkDropTheBatch() throws Exception {
        String topic = "hec-code6";
        try (HecEmulator hec = HecEmulator.builder().port(0).token(TOKEN, true).build().start()) {
            h.connect.configureConnector("code6-sink", sink(topic, hec, true));
            hec.faults().rejectNext(1, HecCode.INVALID_DATA_FORMAT);   // after the sink's configuration check
            List<String> ids = produce(topic, 100, "main");
            ConnectHarness.await(() -> rejected(hec, HecCode.INVALID_DATA_FORMAT) == 1, WAIT, "the first batch answered with code 6");
            List<String> later = produce(topic, 100, "main");
            ConnectHarness.await(() -> idsAt(hec).containsAll(later), WAIT, "the records after the rejected batch at HEC");
            ConnectHarness.await(() -> committedTotal("code6-sink") >= ids.size() + later.size(), WAIT, "offsets past the dropped batch");
            Set<String> lost = new java.util.TreeSet<>(ids);
            lost.removeAll(idsAt(hec));
            System.out.println("HEC ANSWERS: code 6 -> " + lost.size() + " of " + ids.size() + " records dropped by the sink, offsets committed");
            assertTrue(!lost.isEmpty(), "the sink treats code 6 as success and drops the batch (no retry)");
            assertEquals(1, rejected(hec, HecCode.INVALID_DATA_FORMAT));
            h.connect.deleteConnector("code6-sink");
        }
    }

    @Test
    void ackSettingsThatDoNotMatchTheTokensUseAckResendForeverOrAreRefusedAtPost() throws Exception {
        String topic = "hec-ackmismatch";
        List<String> ids = produce(topic, 50, "main");
        try (HecEmulator hec = HecEmulator.builder().port(0).token(TOKEN, false).build().start()) {
            Map<String, String> sink = sink(topic, hec, true);
            sink.put("splunk.hec.event.timeout", "5");
            h.connect.configureConnector("ack-sink", sink);
            ConnectHarness.await(() -> hec.dataEvents().size() >= 2 * ids.size(), WAIT, "the batch to be resent after event.timeout");
            System.out.println("HEC ANSWERS: useACK off, splunk.hec.ack.enabled=true -> " + hec.dataEvents().size() + " events for "
                + ids.size() + " records, committed offsets " + committed("ack-sink"));
            assertEquals(Map.of(), committed("ack-sink"), "never committed: no ackId comes back");
            h.connect.deleteConnector("ack-sink");
        }
        try (HecEmulator hec = HecEmulator.builder().port(0).token(TOKEN, true).build().start()) {
            // The other way round: the sink's configuration check carries no channel without acks, HEC wants one.
            ConnectRestException noChannel = assertThrows(ConnectRestException.class,
                () -> h.connect.configureConnector("ack-sink2", sink(topic, hec, false)));
            System.out.println("HEC ANSWERS: useACK on, splunk.hec.ack.enabled=false -> POST /connectors "
                + noChannel.statusCode() + ": " + noChannel.getMessage());
            assertTrue(noChannel.getMessage().contains("Data channel is missing"), noChannel.getMessage());
            assertEquals(0, hec.dataEvents().size());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Map<String, String> sink(String topic, HecEmulator hec, boolean ack) {
        Map<String, String> sink = SplunkSinkIT.sinkConfig(topic, hec);
        sink.put("splunk.hec.ack.enabled", Boolean.toString(ack));
        sink.put("splunk.header.support", "false");
        sink.put("splunk.hec.backoff.threshhold.seconds", "1");   // (sic)
        return sink;
    }

    /** Produces {@code n} hec_event values (one partition) for {@code index}; returns their ids. */
    private List<String> produce(String topic, int n, String index) throws Exception {
        if (!admin.listTopics().names().get().contains(topic)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        List<String> ids = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < n; i++) {
            String id = topic + "-" + System.nanoTime() + "-" + i;
            h.connect.kafka().produce(topic, null, "{\"time\":" + now + ".123456,\"host\":\"h\",\"source\":\"s\",\"sourcetype\":\"st\","
                + "\"index\":\"" + index + "\",\"event\":{\"id\":\"" + id + "\"}}");
            ids.add(id);
        }
        return ids;
    }

    private static Set<String> idsAt(HecEmulator hec) {
        return hec.dataEvents().stream().map(e -> e.event().path("id").asText()).collect(Collectors.toSet());
    }

    private static long rejected(HecEmulator hec, HecCode code) {
        return hec.requests().stream().filter(r -> r.code() == code.code() && r.path().endsWith("/event")).count();
    }

    /** The sink's committed offsets ({@code connect-<name>} consumer group). */
    private Map<TopicPartition, OffsetAndMetadata> committed(String connector) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>(admin.listConsumerGroupOffsets("connect-" + connector)
            .partitionsToOffsetAndMetadata().get());
        m.values().removeIf(o -> o == null || o.offset() == 0);
        return m;
    }

    private long committedTotal(String connector) {
        try {
            return committed(connector).values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            return 0;
        }
    }

}
