package org.slsconnect.source.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Field validators; each error message says what a valid value looks like. */
final class Validators {

    private Validators() {}

    private static final Pattern PROJECT = Pattern.compile("[0-9A-Za-z]([0-9A-Za-z_-]{0,126}[0-9A-Za-z])?");
    private static final Pattern LOGSTORE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * The one place an enumerated setting is read: blanks trimmed, any case accepted, so what validation accepts is
     * exactly what the accessor returns. Throws {@link IllegalArgumentException} listing the allowed values.
     */
    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
        throw new IllegalArgumentException("must be one of " + allowed(type));
    }

    /** Validates an enumerated setting by {@link #parse}; the values are shown (and documented) in lower case. */
    static <E extends Enum<E>> ConfigDef.Validator oneOf(Class<E> type) {
        return new ConfigDef.Validator() {
            @Override public void ensureValid(String name, Object value) {
                try {
                    parse(type, value == null ? null : value.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
            @Override public String toString() { return allowed(type); }
        };
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        StringBuilder out = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (out.length() > 0) out.append(", ");
            out.append(e.name().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }

    static final ConfigDef.Validator ENDPOINT = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            String v = value == null ? "" : value.toString().trim();
            if (v.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !v.matches("^(?i)https?://.*")) {
                throw new ConfigException(name, value, "must start with https://, http:// or the host name, e.g. "
                    + "https://cn-hangzhou.log.aliyuncs.com");
            }
            String host = v.replaceFirst("^(?i)https?://", "");
            if (host.endsWith("/")) host = host.substring(0, host.length() - 1);
            if (host.isEmpty()) throw new ConfigException(name, value, "is required, e.g. cn-hangzhou.log.aliyuncs.com");
            if (host.contains("/")) {
                throw new ConfigException(name, value, "must be only the host name, without a path, e.g. "
                    + "https://cn-hangzhou.log.aliyuncs.com");
            }
            if (host.contains(":")) {
                throw new ConfigException(name, value, "must not contain a port: the SLS SDK only talks to ports 80/443. "
                    + "To reach a local emulator or a proxy, keep a domain here and set sls.proxy.host/sls.proxy.port");
            }
            if (!HOST.matcher(host).matches()) throw new ConfigException(name, value, "is not a host name, e.g. cn-hangzhou.log.aliyuncs.com");
            if (IP.matcher(host).matches()) {
                throw new ConfigException(name, value, "must be a domain name, not an IP address (the SDK refuses IPs); "
                    + "use sls.proxy.host to route requests to an address");
            }
        }
        @Override public String toString() { return "host name, optionally with https:// or http://"; }
    };

    static final ConfigDef.Validator NON_EMPTY_PASSWORD = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            // Never echo the value: it is a secret.
            if (value == null || ((Password) value).value().isBlank()) {
                throw new ConfigException(name + " is required and must not be empty");
            }
        }
        @Override public String toString() { return "non-empty"; }
    };

    static final ConfigDef.Validator PROJECT_NAME = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            if (value == null || !PROJECT.matcher(value.toString().trim()).matches()) {
                throw new ConfigException(name, value, "is not an SLS project name (letters, digits, '-' and '_', "
                    + "not first or last, 1-128 characters)");
            }
        }
        @Override public String toString() { return "SLS project name"; }
    };

    static final ConfigDef.Validator LOGSTORE_LIST = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked") List<String> list = (List<String>) value;
            if (list == null || list.stream().allMatch(String::isBlank)) {
                throw new ConfigException(name, value, "must list at least one logstore, e.g. actiontrail_log,nginx_access");
            }
            for (String s : list) {
                if (!LOGSTORE.matcher(s.trim()).matches()) {
                    throw new ConfigException(name, value, "'" + s + "' is not a logstore name (letters, digits, '-' and '_')");
                }
            }
        }
        @Override public String toString() { return "non-empty list of logstore names"; }
    };

    static final ConfigDef.Validator SHARD_LIST = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked") List<String> list = (List<String>) value;
            if (list == null) return;
            for (String s : list) {
                if (s.isBlank()) continue;
                try {
                    if (Integer.parseInt(s.trim()) < 0) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, value, "'" + s + "' is not a shard id (a number >= 0)");
                }
            }
        }
        @Override public String toString() { return "list of shard ids"; }
    };

    static final ConfigDef.Validator TOPIC_PATTERN = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            String v = value == null ? "" : value.toString();
            String sample = v.replace("${project}", "p").replace("${logstore}", "l");
            if (sample.isEmpty() || sample.length() > 249 || !sample.matches("[A-Za-z0-9._-]+")) {
                throw new ConfigException(name, value, "must give a valid Kafka topic name (letters, digits, '.', '_', '-'), "
                    + "optionally with ${project} and ${logstore}");
            }
        }
        @Override public String toString() { return "topic name with optional ${project}, ${logstore}"; }
    };

    static final ConfigDef.Validator START_POSITION = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            try {
                StartPosition.parse(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "must be begin, end, consumer_group or a time: " + e.getMessage());
            }
        }
        @Override public String toString() { return "begin, end, consumer_group, ISO-8601 time with zone, or epoch s/ms"; }
    };

    static final ConfigDef.Validator START_FALLBACK = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            StartPosition p;
            try {
                p = StartPosition.parse(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "must be begin, end or a time: " + e.getMessage());
            }
            if (p.kind() == StartPosition.Kind.CONSUMER_GROUP) {
                throw new ConfigException(name, value, "must be begin, end or a time (it is what consumer_group falls back to)");
            }
        }
        @Override public String toString() { return "begin, end, ISO-8601 time with zone, or epoch s/ms"; }
    };

    static final ConfigDef.Validator OPTIONAL_TIME = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            String v = value == null ? "" : value.toString().trim();
            if (v.isEmpty()) return;
            try {
                TimeParser.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }
        @Override public String toString() { return "empty, ISO-8601 time with zone, or epoch s/ms"; }
    };

    static final ConfigDef.Validator OPTIONAL_NAME = new ConfigDef.Validator() {
        @Override public void ensureValid(String name, Object value) {
            String v = value == null ? "" : value.toString().trim();
            if (!v.isEmpty() && !SlsSourceConfig.isValidName(v)) {
                throw new ConfigException(name, value, "must be letters, digits, '-' and '_', starting with a letter or digit");
            }
        }
        @Override public String toString() { return "consumer group name"; }
    };
}
