package org.slsconnect.source.mapping;

import org.apache.kafka.connect.data.Schema;

import com.aliyun.openservices.log.common.FastLog;
import com.aliyun.openservices.log.common.FastLogGroup;

/** Turns one SLS log into a Connect record value. Implementations are thread-safe (fetch threads share one). */
public interface ValueFormat {

    /** Schema of every value this format produces. */
    Schema schema();

    Object value(ShardContext shard, FastLogGroup group, FastLog log, String eventId);
}
