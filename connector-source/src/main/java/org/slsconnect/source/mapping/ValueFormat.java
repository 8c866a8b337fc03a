package org.slsconnect.source.mapping;

import org.apache.kafka.connect.data.Schema;

/** Turns one SLS log into a Connect record value. Implementations are thread-safe (fetch threads share one). */
interface ValueFormat {

    /** Schema of every value this format produces. */
    Schema schema();

    /** The value of the log in {@code c}; never null and never empty (the Splunk sink fails on both). */
    Object value(LogContext c);
}
