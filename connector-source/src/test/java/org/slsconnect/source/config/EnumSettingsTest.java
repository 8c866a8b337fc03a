package org.slsconnect.source.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, bug 2: every enumerated setting accepts any case (and surrounding blanks) and then behaves exactly as
 * its lower-case value; before, {@code record.key=SHARD} passed validation and gave null keys and
 * {@code compression=ZSTD} silently used lz4.
 */
class EnumSettingsTest {

    private static SlsSourceConfig config(String key, String value) {
        Map<String, String> p = SlsSourceConfigTest.valid();
        p.put(SlsSourceConfig.REGION, "cn-hangzhou");
        p.put(key, value);
        return new SlsSourceConfig(p);
    }

    private static RecordFormatConfig format(String key, String value) {
        Map<String, String> p = SlsSourceConfigTest.valid();
        p.put(key, value);
        return new RecordFormatConfig(p);
    }

    @Test
    void mixedCaseValuesBehaveAsTheirLowerCase() {
        assertTrue(config(SlsSourceConfig.RECORD_KEY, "SHARD").keyByShard());
        assertFalse(config(SlsSourceConfig.RECORD_KEY, "None").keyByShard());
        assertEquals(SlsSourceConfig.Compression.ZSTD, config(SlsSourceConfig.COMPRESSION, "ZSTD").compression());
        assertEquals(SlsSourceConfig.Compression.LZ4, config(SlsSourceConfig.COMPRESSION, " Lz4 ").compression());
        assertEquals("v4", config(SlsSourceConfig.SIGNATURE_VERSION, "V4").signatureVersion());
        assertEquals(SlsSourceConfig.ExpiredCursorPolicy.LATEST,
            config(SlsSourceConfig.EXPIRED_CURSOR_POLICY, "Latest").expiredCursorPolicy());
        assertEquals(RecordFormatConfig.Format.HEC_EVENT, format(RecordFormatConfig.RECORD_FORMAT, "HEC_Event").format());
        assertTrue(format(RecordFormatConfig.VALUE_TYPE, "BYTES").valueAsBytes());
        assertEquals(RecordFormatConfig.KeyCollisionPolicy.KEEP_METADATA,
            format(RecordFormatConfig.KEY_COLLISION_POLICY, "Keep_Metadata").keyCollisionPolicy());
        assertEquals(RecordFormatConfig.DuplicateKeyPolicy.LAST,
            format(RecordFormatConfig.DUPLICATE_KEY_POLICY, "LAST").duplicateKeyPolicy());
        assertEquals(RecordFormatConfig.InvalidUtf8Policy.BASE64,
            format(RecordFormatConfig.INVALID_UTF8_POLICY, "Base64").invalidUtf8Policy());
        assertEquals(RecordFormatConfig.OversizePolicy.SKIP, format(RecordFormatConfig.OVERSIZE_POLICY, "SKIP ").oversizePolicy());
    }

    @Test
    void unknownValuesAreRejectedWithTheAllowedOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> config(SlsSourceConfig.COMPRESSION, "gzip"));
        assertTrue(e.getMessage().contains(SlsSourceConfig.COMPRESSION) && e.getMessage().contains("lz4, zstd"),
            e.getMessage());
        ConfigException f = assertThrows(ConfigException.class, () -> format(RecordFormatConfig.OVERSIZE_POLICY, "drop"));
        assertTrue(f.getMessage().contains("fail, truncate, skip"), f.getMessage());
    }
}
