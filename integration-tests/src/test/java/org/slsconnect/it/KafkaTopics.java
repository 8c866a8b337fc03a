package org.slsconnect.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads what the connector wrote, with bounded waiting. */
final class KafkaTopics {

    static final ObjectMapper JSON = new ObjectMapper();

    private KafkaTopics() {}

    /** One record as the tests look at it. */
    record Rec(String topic, int partition, String key, JsonNode value, long timestamp, Map<String, String> headers) {
        String id() { return value.path("id").asText(); }
    }

    /**
     * Reads the topics from the beginning until at least {@code expectedDistinctIds} distinct ids were seen (or
     * the timeout passes), then keeps reading until a poll comes back empty, so duplicates are seen too.
     */
    static List<Rec> readUntil(EmbeddedKafkaCluster kafka, Collection<String> topics, int expectedDistinctIds,
                               Duration timeout, boolean readCommitted) {
        return read(kafka, topics, expectedDistinctIds, timeout, readCommitted, KafkaTopics::toRec);
    }

    /**
     * As {@link #readUntil}, but each record keeps only its id (top-level {@code id}, or {@code event.id} of an
     * {@code hec_event} record), so long runs fit in memory.
     */
    static List<Rec> readIdsUntil(EmbeddedKafkaCluster kafka, Collection<String> topics, int expectedDistinctIds,
                                  Duration timeout, boolean readCommitted) {
        return read(kafka, topics, expectedDistinctIds, timeout, readCommitted, r -> {
            JsonNode value = toRec(r).value();
            String id = value.has("id") ? value.path("id").asText() : value.path("event").path("id").asText();
            return new Rec(r.topic(), r.partition(), null, JSON.createObjectNode().put("id", id), r.timestamp(), Map.of());
        });
    }

    private static List<Rec> read(EmbeddedKafkaCluster kafka, Collection<String> topics, int expectedDistinctIds,
                                  Duration timeout, boolean readCommitted, Function<ConsumerRecord<byte[], byte[]>, Rec> map) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        if (readCommitted) props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Rec> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(props, topics.toArray(new String[0]))) {
            boolean reached = false;
            while (System.currentTimeMillis() < deadline) {
                var batch = consumer.poll(Duration.ofMillis(reached ? 1500 : 500));
                if (reached && batch.isEmpty()) break;
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    Rec rec = map.apply(r);
                    out.add(rec);
                    ids.add(rec.id());
                }
                if (ids.size() >= expectedDistinctIds) reached = true;
            }
        }
        return out;
    }

    /**
     * Records in a topic now: the sum of its partitions' end offsets (0 while the topic does not exist). Nothing is
     * deleted in these tests, so this is every record written; with transactions the commit markers count too.
     */
    static long endOffsets(Admin admin, String topic) {
        return sumOffsets(admin, topic, OffsetSpec.latest());
    }

    /** The sum of the partitions' log start offsets: above 0 once retention deleted records. */
    static long startOffsets(Admin admin, String topic) {
        return sumOffsets(admin, topic, OffsetSpec.earliest());
    }

    private static long sumOffsets(Admin admin, String topic, OffsetSpec spec) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), spec));
            long sum = 0;
            for (var info : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values()) sum += info.offset();
            return sum;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) return 0;
            throw new AssertionError("cannot read the offsets of " + topic, e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("cannot read the offsets of " + topic, e);
        }
    }

    /** Waits until the topic holds at least {@code atLeast} records; returns how many it holds then. */
    /** Waits until the topic holds {@code n} more records (offsets) than now: the pipeline is moving. */
    static void awaitGrowth(Admin admin, String topic, long n, Duration timeout) {
        awaitEndOffsets(admin, topic, endOffsets(admin, topic) + n, timeout, topic + " to grow by " + n);
    }

    static long awaitEndOffsets(Admin admin, String topic, long atLeast, Duration timeout, String what) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        long now;
        while ((now = endOffsets(admin, topic)) < atLeast) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + ": " + topic + " holds "
                    + now + " records, expected at least " + atLeast);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        return now;
    }

    private static Rec toRec(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new HashMap<>();
        r.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
        try {
            return new Rec(r.topic(), r.partition(), r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                JSON.readTree(r.value()), r.timestamp(), headers);
        } catch (java.io.IOException e) {
            throw new AssertionError("record value is not JSON: " + new String(r.value(), java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    /** Ids written but not read. */
    static Set<String> missing(Collection<String> written, List<Rec> read) {
        Set<String> missing = new HashSet<>(written);
        for (Rec r : read) missing.remove(r.id());
        return missing;
    }

    /** How many records beyond the first copy of each id. */
    static int duplicates(List<Rec> read) {
        Set<String> seen = new HashSet<>();
        int dups = 0;
        for (Rec r : read) if (!seen.add(r.id())) dups++;
        return dups;
    }
}
