package org.slsconnect.emulator.sls.api;

import org.slsconnect.emulator.sls.ApiKind;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Requests received per API kind, errors included (an injected 503 is still a PullLogs request). */
public final class RequestCounters {
    private final EnumMap<ApiKind, LongAdder> counts = new EnumMap<>(ApiKind.class);

    public RequestCounters() {
        for (ApiKind k : ApiKind.values()) {
            counts.put(k, new LongAdder());
        }
    }

    void increment(ApiKind kind) {
        counts.get(kind).increment();
    }

    public long count(ApiKind kind) {
        return counts.get(kind).sum();
    }

    /** Non-zero counts by API name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> {
            long n = v.sum();
            if (n > 0) {
                out.put(k.apiName(), n);
            }
        });
        return out;
    }

    public void reset() {
        counts.values().forEach(LongAdder::reset);
    }
}
