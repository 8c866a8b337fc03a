package org.slsconnect.source.offset;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The Connect source partition and offset of a shard.
 *
 * <p>Partition: {@code {project, logstore, shard}}. Offset: {@code {cursor, skip[, finished]}}: the next log to
 * deliver is the {@code skip}-th log (0-based) reading from {@code cursor}. Normally {@code cursor} is the cursor
 * of the log's own group and {@code skip} its index in the group, so a task killed mid-batch resumes at the next
 * unsent log. {@code finished} marks a read-only shard that has been read to its end.
 *
 * <p>Maps are default-capacity {@link HashMap}s, never {@code Map.of}: Connect finds offsets by the serialized
 * bytes of the partition map, and {@code Map.of} iteration order changes between JVM runs, which loses every
 * offset; a HashMap of another capacity iterates in another order than the maps Connect builds when it reads
 * partitions back, which made offsets altered through the REST API invisible to tasks.
 */
public final class SourceOffsets {

    public static final String PROJECT = "project";
    public static final String LOGSTORE = "logstore";
    public static final String SHARD = "shard";
    public static final String CURSOR = "cursor";
    public static final String SKIP = "skip";
    public static final String FINISHED = "finished";

    private SourceOffsets() {}

    public static Map<String, Object> partition(String project, String logstore, int shard) {
        // Default capacity on purpose: a HashMap's iteration order depends on its table size, and Connect
        // re-serializes partitions it read back (REST offsets API) through default-sized HashMaps.
        Map<String, Object> p = new HashMap<>();
        p.put(PROJECT, project);
        p.put(LOGSTORE, logstore);
        p.put(SHARD, shard);
        return p;
    }

    public static Map<String, Object> offset(String cursor, long skip, boolean finished) {
        Map<String, Object> o = new HashMap<>();
        o.put(CURSOR, cursor);
        o.put(SKIP, skip);
        if (finished) o.put(FINISHED, true);
        return o;
    }

    /** A position read back from the offset store (numbers may come back as Integer or Long). */
    public static final class Position {
        private final String cursor;
        private final long skip;
        private final boolean finished;

        public Position(String cursor, long skip, boolean finished) {
            this.cursor = cursor;
            this.skip = skip;
            this.finished = finished;
        }

        public String cursor() { return cursor; }
        public long skip() { return skip; }
        public boolean finished() { return finished; }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Position)) return false;
            Position p = (Position) o;
            return cursor.equals(p.cursor) && skip == p.skip && finished == p.finished;
        }

        @Override
        public int hashCode() { return Objects.hash(cursor, skip, finished); }

        @Override
        public String toString() { return "cursor " + cursor + " + " + skip + (finished ? " (finished)" : ""); }
    }

    /** Parses a stored or user-supplied offset; throws {@link ConnectException} naming what is wrong. */
    public static Position parse(Map<String, ?> offset) {
        Object cursor = offset.get(CURSOR);
        if (!(cursor instanceof String) || ((String) cursor).isEmpty()) {
            throw new ConnectException("offset " + offset + " needs a non-empty string '" + CURSOR + "'");
        }
        Object skip = offset.containsKey(SKIP) ? offset.get(SKIP) : Long.valueOf(0);
        if (!(skip instanceof Number) || ((Number) skip).longValue() < 0) {
            throw new ConnectException("offset " + offset + ": '" + SKIP + "' must be a number >= 0");
        }
        Object finished = offset.containsKey(FINISHED) ? offset.get(FINISHED) : Boolean.FALSE;
        if (!(finished instanceof Boolean)) {
            throw new ConnectException("offset " + offset + ": '" + FINISHED + "' must be true or false");
        }
        return new Position((String) cursor, ((Number) skip).longValue(), (Boolean) finished);
    }

    /** The shard id of a partition map; throws {@link ConnectException} naming what is wrong. */
    public static int shardOf(Map<String, ?> partition) {
        Object shard = partition.get(SHARD);
        if (!(shard instanceof Number) || ((Number) shard).longValue() < 0) {
            throw new ConnectException("partition " + partition + " needs a number '" + SHARD + "' >= 0");
        }
        return ((Number) shard).intValue();
    }
}
