package org.slsconnect.emulator.sls.faults;

/** Ways to damage a successful PullLogs response, for hostile-input tests. */
public enum Corruption {
    /** The compressed body is garbage (same length): the client's lz4/zstd decode fails. */
    BAD_COMPRESSION,
    /** Valid compression and LogGroupList framing, but every LogGroup's bytes are garbage. */
    BAD_PROTOBUF,
    /** The LogGroupList framing is broken (a truncated trailing element). */
    BAD_FRAMING,
    /** {@code x-log-count} is one more than the groups in the body. */
    WRONG_COUNT
}
