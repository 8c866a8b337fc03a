package org.slsconnect.emulator.sls.store;

import org.slsconnect.emulator.sls.SlsException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The 128-bit (MD5-sized) hash-key space shards partition, shown as 32 lowercase hex digits. */
public final class HashKeys {
    /** 2^128: the exclusive end of the key space. */
    public static final BigInteger SPACE_END = BigInteger.ONE.shiftLeft(128);
    private static final String LAST_KEY = "ffffffffffffffffffffffffffffffff";

    private HashKeys() {
    }

    /** 32 lowercase hex; the end of the space is shown as {@code ffff...ff}, as real SLS does although ranges are exclusive. */
    public static String toHex(BigInteger key) {
        if (key.compareTo(SPACE_END) >= 0) {
            return LAST_KEY;
        }
        String hex = key.toString(16);
        return "0".repeat(32 - hex.length()) + hex;
    }

    /**
     * Parses a hash key from a request. Shorter keys are right-padded with zeros, matching the
     * lexicographic comparison of hex strings real SLS does.
     */
    public static BigInteger parse(String hex) {
        String h = hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.length() > 32 || !h.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw SlsException.parameterInvalid("invalid hash key '" + hex + "': expect up to 32 hex digits");
        }
        return new BigInteger(h + "0".repeat(32 - h.length()), 16);
    }

    /** Boundaries of n even parts of [begin, end): n+1 values, first = begin, last = end. */
    public static List<BigInteger> evenSplit(BigInteger begin, BigInteger end, int n) {
        BigInteger width = end.subtract(begin);
        List<BigInteger> bounds = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            bounds.add(begin.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))));
        }
        bounds.add(end);
        return bounds;
    }
}
