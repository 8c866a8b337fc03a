package org.slsconnect.quickstart;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The quickstart's settings: command-line flags, then system properties ({@code -Dquickstart.check=true}), then
 * environment variables ({@code SLS_ENDPOINT}), then a properties file ({@code --config FILE}, default
 * {@code quickstart.properties} in the working directory if it exists). Property {@code sls.endpoint} is the
 * environment variable {@code SLS_ENDPOINT} and the system property {@code quickstart.sls.endpoint}.
 */
final class Settings {

    static final String USAGE = String.join("\n",
        "usage: java -jar quickstart/target/quickstart.jar [options]",
        "  --check               non-interactive: write --logs logs, exit 0 when all are in Kafka (and at HEC), else 1",
        "  --logs N              logs written in --check mode (default 20000)",
        "  --timeout SECONDS     --check gives up after this long (default 300)",
        "  --rate N              logs per second written to the SLS emulator while it runs (default 200)",
        "  --interval SECONDS    progress line every SECONDS (default 5)",
        "  --rest-port PORT      Connect REST port (default 8083; 0 = any free port)",
        "  --data-dir DIR        Kafka data, logs, secrets and unzipped plugins (default quickstart-data; wiped at start)",
        "  --repo DIR            the repository root (default: found from the working directory or the jar)",
        "  --config FILE         properties file with the settings below (default ./quickstart.properties)",
        "settings (property / environment variable):",
        "  sls.endpoint / SLS_ENDPOINT                  a real SLS endpoint instead of the emulator, e.g. cn-hangzhou.log.aliyuncs.com",
        "  sls.access.key.id / SLS_ACCESS_KEY_ID, sls.access.key.secret / SLS_ACCESS_KEY_SECRET",
        "  sls.project / SLS_PROJECT, sls.logstores / SLS_LOGSTORES   (default: those of connector-config/sls-source.json)",
        "  start.position / START_POSITION              with a real SLS: where shards start (default end: new logs only; begin replays the history)",
        "  checkpoint.mirror.enabled / CHECKPOINT_MIRROR_ENABLED   with a real SLS: write SLS consumer group checkpoints (default false)",
        "  splunk.hec.uri / SPLUNK_HEC_URI               a real Splunk HEC instead of the emulator, e.g. https://splunk:8088",
        "  splunk.hec.token / SPLUNK_HEC_TOKEN, splunk.hec.ssl.validate.certs / SPLUNK_HEC_SSL_VALIDATE_CERTS",
        "  splunk.hec.ssl.trust.store.path / SPLUNK_HEC_SSL_TRUST_STORE_PATH, splunk.hec.ssl.trust.store.password / ..._PASSWORD",
        "  splunk.sink.jar / SPLUNK_SINK_JAR             Splunk Connect for Kafka jar or zip (default: ../shared/splunk-kafka-connect/",
        "                                               splunk-kafka-connect-v2.2.1.jar from the repo root, else a plugins/ folder there)");

    private final Map<String, String> flags;
    private final Properties file;

    private Settings(Map<String, String> flags, Properties file) {
        this.flags = flags;
        this.file = file;
    }

    static Settings parse(String[] args) throws IOException {
        Map<String, String> flags = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--check")) {
                flags.put("check", "true");
            } else if (a.equals("--help") || a.equals("-h")) {
                flags.put("help", "true");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                flags.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument: " + a);
            }
        }
        Properties file = new Properties();
        Path config = Path.of(flags.getOrDefault("config", "quickstart.properties"));
        if (Files.isRegularFile(config)) {
            try (Reader r = Files.newBufferedReader(config)) {
                file.load(r);
            }
        } else if (flags.containsKey("config")) {
            throw new IllegalArgumentException("no such file: " + config);
        }
        return new Settings(flags, file);
    }

    /** The setting {@code key} (e.g. {@code sls.endpoint}), or null. */
    String get(String key) {
        String v = flags.get(key);
        if (v == null) v = System.getProperty("quickstart." + key);
        if (v == null) v = System.getenv(key.toUpperCase().replace('.', '_'));
        if (v == null) v = file.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String get(String key, String dflt) {
        String v = get(key);
        return v == null ? dflt : v;
    }

    int getInt(String key, int dflt) {
        return Integer.parseInt(get(key, Integer.toString(dflt)));
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(get(key, "false"));
    }
}
