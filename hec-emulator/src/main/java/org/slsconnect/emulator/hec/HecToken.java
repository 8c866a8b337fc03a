package org.slsconnect.emulator.hec;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * An HEC token definition (immutable). Mirrors the per-token settings of a Splunk HEC input:
 * indexer acknowledgement, allowed indexes, default index/source/sourcetype/host, query-string auth, enabled.
 */
public final class HecToken {
    /** Index used when neither the event nor the token names one (Splunk's default index). */
    public static final String DEFAULT_INDEX = "main";

    private final String value;
    private final boolean ack;
    private final Set<String> allowedIndexes;
    private final String defaultIndex;
    private final String defaultSourcetype;
    private final String defaultSource;
    private final String defaultHost;
    private final boolean queryStringAuth;
    private final boolean enabled;

    private HecToken(Builder b) {
        this.value = Objects.requireNonNull(b.value, "token value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("token value must not be empty");
        }
        this.ack = b.ack;
        this.allowedIndexes = Set.copyOf(b.allowedIndexes);
        String def = b.defaultIndex;
        if (def == null || def.isEmpty()) {
            def = b.allowedIndexes.isEmpty() ? DEFAULT_INDEX : b.allowedIndexes.iterator().next();
        }
        this.defaultIndex = def;
        this.defaultSourcetype = b.defaultSourcetype;
        this.defaultSource = b.defaultSource;
        this.defaultHost = b.defaultHost;
        this.queryStringAuth = b.queryStringAuth;
        this.enabled = b.enabled;
    }

    /** A token with ack on or off, any index allowed, default index {@code main}. */
    public static HecToken of(String value, boolean ack) {
        return builder(value).ack(ack).build();
    }

    public static Builder builder(String value) {
        return new Builder(value);
    }

    /** A builder pre-filled with this token's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(value).ack(ack).allowedIndexes(allowedIndexes).defaultIndex(defaultIndex)
                .defaultSourcetype(defaultSourcetype).defaultSource(defaultSource).defaultHost(defaultHost)
                .queryStringAuth(queryStringAuth).enabled(enabled);
        return b;
    }

    public String value() {
        return value;
    }

    /** Whether indexer acknowledgement ({@code useACK}) is on for this token. */
    public boolean ack() {
        return ack;
    }

    /** Allowed indexes; empty means any index. The default index is always allowed. */
    public Set<String> allowedIndexes() {
        return allowedIndexes;
    }

    /** Index used when the event has no (or an empty) {@code index}. */
    public String defaultIndex() {
        return defaultIndex;
    }

    /** Token default sourcetype, or null (then {@code httpevent} is used). */
    public String defaultSourcetype() {
        return defaultSourcetype;
    }

    /** Token default source, or null. */
    public String defaultSource() {
        return defaultSource;
    }

    /** Token default host, or null. */
    public String defaultHost() {
        return defaultHost;
    }

    /** Whether {@code ?token=} authentication is accepted for this token (otherwise code 16). */
    public boolean queryStringAuth() {
        return queryStringAuth;
    }

    /** A disabled token is answered with 403 code 1. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether events of this token may go to {@code index}. */
    public boolean allows(String index) {
        return allowedIndexes.isEmpty() || allowedIndexes.contains(index) || defaultIndex.equals(index);
    }

    @Override
    public String toString() {
        return "HecToken{ack=" + ack + ", allowedIndexes=" + allowedIndexes + ", defaultIndex=" + defaultIndex
                + ", enabled=" + enabled + ", queryStringAuth=" + queryStringAuth + "}";
    }

    public static final class Builder {
        private final String value;
        private boolean ack;
        private final Set<String> allowedIndexes = new LinkedHashSet<>();
        private String defaultIndex;
        private String defaultSourcetype;
        private String defaultSource;
        private String defaultHost;
        private boolean queryStringAuth;
        private boolean enabled = true;

        private Builder(String value) {
            this.value = value;
        }

        public Builder ack(boolean ack) {
            this.ack = ack;
            return this;
        }

        /** Restricts the token to these indexes (others get code 7). The first one is the default index unless set. */
        public Builder allowedIndexes(String... indexes) {
            return allowedIndexes(Arrays.asList(indexes));
        }

        public Builder allowedIndexes(Collection<String> indexes) {
            allowedIndexes.clear();
            for (String i : indexes) {
                if (i != null && !i.isBlank()) {
                    allowedIndexes.add(i.trim());
                }
            }
            return this;
        }

        public Builder defaultIndex(String index) {
            this.defaultIndex = index;
            return this;
        }

        public Builder defaultSourcetype(String sourcetype) {
            this.defaultSourcetype = sourcetype;
            return this;
        }

        public Builder defaultSource(String source) {
            this.defaultSource = source;
            return this;
        }

        public Builder defaultHost(String host) {
            this.defaultHost = host;
            return this;
        }

        public Builder queryStringAuth(boolean allowed) {
            this.queryStringAuth = allowed;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public HecToken build() {
            return new HecToken(this);
        }
    }
}
