package org.slsconnect.source.mapping;

import org.slsconnect.source.config.RecordFormatConfig.OversizePolicy;

/**
 * A log whose record is larger than {@code record.max.bytes} under the {@code fail} or {@code skip} policy (or
 * under {@code truncate} when cutting content values cannot make it fit). The shard reader knows the position
 * and decides: fail the task or skip the log.
 */
public final class OversizeRecordException extends RuntimeException {

    private final long size;
    private final long limit;
    private final OversizePolicy policy;

    OversizeRecordException(long size, long limit, OversizePolicy policy, String detail) {
        super("the record would be " + size + " bytes, more than " + org.slsconnect.source.config.RecordFormatConfig.RECORD_MAX_BYTES + "=" + limit
            + (detail == null ? "" : " (" + detail + ")"), null, false, false);
        this.size = size;
        this.limit = limit;
        this.policy = policy;
    }

    public long size() { return size; }
    public long limit() { return limit; }
    /** {@code fail} also when {@code truncate} could not make the record fit. */
    public OversizePolicy policy() { return policy; }
}
