package org.slsconnect.emulator.sls.api;

import org.slsconnect.emulator.sls.ApiKind;

/**
 * A classified request.
 *
 * @param kind          the API
 * @param logstore      logstore name from the path, or null
 * @param shardSegment  the shard path segment as sent ({@code "0"}, {@code "lb"}, {@code "route"}), or null
 * @param consumerGroup consumer group name from the path, or null
 */
public record Route(ApiKind kind, String logstore, String shardSegment, String consumerGroup) {
    /** The shard id if the path names one, else null. */
    public Integer shard() {
        if (shardSegment == null) {
            return null;
        }
        try {
            return Integer.parseInt(shardSegment);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
