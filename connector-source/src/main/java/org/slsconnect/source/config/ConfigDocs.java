package org.slsconnect.source.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/** Renders {@code docs/configuration.md} from the ConfigDef, so the reference cannot drift from the code. */
public final class ConfigDocs {

    private ConfigDocs() {}

    public static String markdown() {
        ConfigDef def = SlsSourceConfig.CONFIG_DEF;
        Map<String, List<ConfigKey>> byGroup = new LinkedHashMap<>();
        for (ConfigKey key : def.configKeys().values()) {
            byGroup.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        StringBuilder md = new StringBuilder();
        md.append("# SLS source connector: configuration reference\n\n")
          .append("Generated from `SlsSourceConfig.CONFIG_DEF` by `ConfigDocs` (the build fails when this file is ")
          .append("out of date; regenerate with `mvn -pl connector-source test -Ddocs.update=true`).\n\n")
          .append("Connector class: `org.slsconnect.source.SlsSourceConnector`. Settings of type `password` are ")
          .append("hidden by the Connect REST API and never logged; give them as config-provider references such ")
          .append("as `${file:/path:key}` or `${env:NAME}`.\n");
        for (Map.Entry<String, List<ConfigKey>> group : byGroup.entrySet()) {
            md.append("\n## ").append(group.getKey()).append("\n");
            group.getValue().sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
            for (ConfigKey key : group.getValue()) {
                md.append("\n### `").append(key.name).append("`\n\n")
                  .append(key.documentation == null ? "" : key.documentation.trim()).append("\n\n")
                  .append("- Type: ").append(key.type.name().toLowerCase()).append("\n")
                  .append("- Default: ").append(defaultOf(key)).append("\n");
                if (key.validator != null && !key.validator.toString().isEmpty()) {
                    md.append("- Valid values: ").append(key.validator).append("\n");
                }
                md.append("- Importance: ").append(key.importance.name().toLowerCase()).append("\n");
            }
        }
        return md.toString();
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) return "required";
        Object v = key.defaultValue;
        if (v == null) return "none";
        String s = v instanceof List ? String.join(",", ((List<?>) v).stream().map(Object::toString).collect(Collectors.toList())) : v.toString();
        return s.isEmpty() ? "\"\" (empty)" : "`" + s + "`";
    }
}
