package org.slsconnect.source.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * {@link Json#isObjectOrArray}, the scan that decides whether a {@code json.unfold.fields} value is copied as JSON:
 * hand-picked grammar corners, Jackson's limits, and a differential run against the Jackson parse it replaced,
 * whose verdict it must keep on every valid UTF-8 input.
 */
class JsonScanTest {

    /** The verdict before the scanner: a Jackson streaming parse with the default factory, as it was shipped. */
    private static final JsonFactory REFERENCE_FACTORY = new JsonFactory();

    private static boolean jacksonVerdict(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) i++;
        if (i == end || (b[i] != '{' && b[i] != '[')) return false;
        for (int j = off; j < Math.min(end, off + 4); j++) if (b[j] == 0) return false;
        try (JsonParser p = REFERENCE_FACTORY.createParser(b, off, len)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The scan's verdict on the bytes placed inside a larger array, as the SDK's buffers hold them. */
    private static boolean scan(byte[] doc) {
        byte[] framed = new byte[doc.length + 6];
        Arrays.fill(framed, (byte) '"');     // a scan that reads outside its range sees an unclosed string
        System.arraycopy(doc, 0, framed, 3, doc.length);
        return Json.isObjectOrArray(framed, 3, doc.length);
    }

    private static void check(boolean expected, String doc) {
        byte[] b = doc.getBytes(StandardCharsets.UTF_8);
        String shown = show(b);
        assertEquals(expected, jacksonVerdict(b, 0, b.length), "the Jackson reference on " + shown);
        assertEquals(expected, scan(b), "the scan on " + shown);
    }

    @Test
    void grammarCorners() {
        String[] valid = {
            "{}", "[]", "{ }", "[\t]", " \r\n\t{}\n ", "[[]]", "[{}]", "{\"a\":{}}", "{\"\":\"\"}",
            "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}", "[1,2,3]", "[ 1 , 2 ]", "{ \"a\" : 1 , \"b\" : 2 }",
            // strings: every escape, \\u in both cases, escaped lone surrogates (valid JSON text), multi-byte UTF-8
            "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"]", "[\"\\u0041\\u00e9\\u4E2D\\uFFFF\\u0000\"]", "[\"\\ud800\"]",
            "[\"\\udc00\\ud800\"]", "{\"\\ud83d\\ude00\":\"\\uDE00\"}", "[\"é中😀\u007f\"]", "{\"ключ\":\"値\"}",
            "[\"'\"]", "[\"a/b\"]", "{\"a\":\"\\udc00\\ud800x\"}", "{\"a\\ud83d\\ude00b\\uDBFF\\uDFFF\":[]}",
            // numbers
            "[0]", "[-0]", "[0.5e-3]", "[1E+10]", "[1e10]", "[-1.25E-0]", "[123456789012345678901234567890]",
            "[0.0]", "[-0.0e00]", "[9007199254740993]", "[1e999]",
            "[true]", "[false]", "[null]", "{\"a\":null}",
        };
        String[] invalid = {
            "", " ", "{", "[", "}", "]", "{]", "[}", "[[]", "[]]", "{}}", "{\"a\"}", "{\"a\" 1}", "{\"a\":}", "{:1}",
            "{a:1}", "{'a':1}", "{\"a\":1,}", "[1,]", "[,1]", "[1,,2]", "{,}", "[1 2]", "{\"a\":1 \"b\":2}",
            // top level: scalars are not objects or arrays; nothing but whitespace after the value
            "\"{}\"", "1", "true", "null", "{}x", "{}{}", "[][]", "{} 1", "[]\u00a0", "{}\u000b", "\u000c{}",
            "\ufeff{}", "{}\u0000", "\u0000{}", "{/*c*/}", "{}//", "# x\n{}",
            // strings
            "[\"abc]", "[\"\\x\"]", "[\"\\'\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"\\u\"]", "[\"\\\"]", "[\"\\",
            // Jackson 2.21 rejects broken escaped surrogate pairs in names (not in values)
            "{\"\\ud800\":1}", "{\"\\udc00\":1}", "{\"\\ud83d\\u0041\":1}", "{\"\\ud83d\\n\":1}", "{\"\\ud83dx\":1}",
            "{\"\\ude00\\ud83d\":1}", "{\"\\ud83d\\ud83d\":1}", "{\"a\\ud83d\":1}", "{\"\\ud83d\\u",
            "[\"a\tb\"]", "[\"a\nb\"]", "[\"\u0000\"]", "[\"\u001f\"]", "{\"a\u0001\":1}", "['a']",
            // numbers
            "[01]", "[-01]", "[00]", "[1.]", "[.5]", "[-.5]", "[+1]", "[-]", "[1e]", "[1e+]", "[1.e5]", "[0x10]",
            "[NaN]", "[Infinity]", "[-Infinity]", "[1.5.5]", "[1e5e5]", "[- 1]", "[1_000]",
            // literals
            "[tru]", "[truee]", "[True]", "[nul]", "[nulll]", "[fals]", "[true1]", "[undefined]",
        };
        for (String v : valid) check(true, v);
        for (String v : invalid) check(false, v);
    }

    @Test
    void everyByteThatEndsPlainTextIsFoundAtEveryPositionOfAWord() {
        // Strings are scanned 8 bytes at a time: each kind of byte that stops the scan, at each position, among
        // plain bytes of every UTF-8 length. Escapes keep the string valid; a quote ends it early; controls are invalid.
        String[] plain = {"a", "é", "中", "😀", "\u007f", " "};
        String[] stops = {"\\n", "\\\\", "\\u00e9", "\"", "\u0000", "\t", "\u001f"};
        for (String p : plain) {
            for (String stop : stops) {
                for (int at = 0; at < 18; at++) {
                    String text = p.repeat(at) + stop + p.repeat(18 - at);
                    boolean escape = stop.startsWith("\\");
                    check(escape, "[\"" + text + "\"]");
                    check(escape, "{\"" + text + "\":0}");
                }
            }
        }
    }

    @Test
    void nestingIsLimitedToJacksonsThousandLevels() {
        for (String kind : new String[] {"arrays", "objects", "mixed"}) {
            for (int depth : new int[] {1, 63, 64, 65, 128, 129, 999, 1000, 1001, 5000}) {
                StringBuilder s = new StringBuilder();
                for (int level = 0; level < depth; level++) {
                    boolean object = kind.equals("objects") || (kind.equals("mixed") && level % 3 == 1);
                    s.append(object ? "{\"k\":" : "[");
                }
                s.append('1');
                check(depth <= Json.MAX_DEPTH, s + closers(s));
            }
        }
        // Closing a deep level must come back to the right kind of bracket on every level on the way out.
        StringBuilder mixed = new StringBuilder();
        for (int level = 0; level < 999; level++) mixed.append(level % 3 == 0 ? "{\"k\":" : "[0,");
        mixed.append("{}");
        check(true, mixed + closers(mixed));
        String right = closers(mixed);
        for (int fromTop : new int[] {1, 10, 300, 900, 935, 936, 937, 998}) {   // levels 1-64 and 65+ are kept apart
            int at = right.length() - fromTop;
            check(false, mixed + right.substring(0, at) + (right.charAt(at) == ']' ? '}' : ']') + right.substring(at + 1));
        }
    }

    /** The closing brackets for the unclosed ones in a document prefix that has no brackets inside strings. */
    private static String closers(CharSequence prefix) {
        StringBuilder open = new StringBuilder();
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '{' || c == '[') open.append(c);
            else if (c == '}' || c == ']') open.setLength(open.length() - 1);
        }
        StringBuilder close = new StringBuilder();
        for (int i = open.length() - 1; i >= 0; i--) close.append(open.charAt(i) == '{' ? '}' : ']');
        return close.toString();
    }

    @Test
    void numbersOfMoreThanAThousandDigitsStayStringsAsBefore() {
        int max = Json.MAX_NUMBER_DIGITS;
        check(true, "[" + "9".repeat(max) + "]");
        check(false, "[" + "9".repeat(max + 1) + "]");
        check(true, "[-" + "9".repeat(max) + "]");
        check(false, "[-" + "9".repeat(max + 1) + "]");
        // Integer, fraction and exponent digits count together; the sign, point and 'e' do not.
        check(true, "[" + "1".repeat(400) + "." + "2".repeat(400) + "e-" + "3".repeat(200) + "]");
        check(false, "[" + "1".repeat(400) + "." + "2".repeat(400) + "e-" + "3".repeat(201) + "]");
        check(true, "[0." + "0".repeat(max - 1) + "]");
        check(false, "[0." + "0".repeat(max) + "]");
        check(true, "{\"a\":1e" + "0".repeat(max - 1) + "}");
        check(false, "{\"a\":1E+" + "0".repeat(max) + "}");
    }

    @Test
    void namesLongerThanJacksonsLimitStayStringsAsBefore() {
        int max = Json.MAX_NAME_BYTES;
        // Counted in UTF-8 bytes once unescaped: raw bytes, short escapes, \\u escapes of 1, 2 and 3 bytes, and an
        // escaped surrogate pair as the 4-byte character it stands for.
        String[][] units = {{"a", "1"}, {"é", "2"}, {"中", "3"}, {"😀", "4"}, {"\\n", "1"}, {"\\u0041", "1"},
            {"\\u00e9", "2"}, {"\\u4e2d", "3"}, {"\\ud83d\\ude00", "4"}};
        for (String[] unit : units) {
            int bytes = Integer.parseInt(unit[1]);
            int n = max / bytes;
            String fits = unit[0].repeat(n) + "a".repeat(max - n * bytes);
            check(true, "{\"" + fits + "\":1}");
            check(false, "{\"" + fits + "a\":1}");
            check(false, "{\"x\":{\"" + fits + unit[0] + "\":[]}}");
            // Values have no such limit (Jackson skips them without decoding).
            check(true, "{\"x\":\"" + fits + unit[0] + "a\"}");
        }
    }

    @Test
    void offsetAndLengthBoundTheScan() {
        byte[] b = "xx{\"a\":[1,2]}yy".getBytes(StandardCharsets.UTF_8);
        assertTrue(Json.isObjectOrArray(b, 2, 11));
        assertFalse(Json.isObjectOrArray(b, 2, 10));    // the closing brace is outside the range
        assertFalse(Json.isObjectOrArray(b, 2, 12));    // a 'y' is inside it
        assertFalse(Json.isObjectOrArray(b, 2, 0));
        byte[] number = "[12]3".getBytes(StandardCharsets.UTF_8);
        assertFalse(Json.isObjectOrArray(number, 0, 3));    // "[12": the digits must not run past the end
    }

    /**
     * Random valid documents (seeded), each also with random byte replacements, insertions, deletions and
     * truncations; inputs that are not valid UTF-8 are skipped, as the caller never passes them.
     */
    @Test
    void agreesWithTheJacksonParseOnGeneratedInputs() {
        Random r = new Random(20261206);
        Generator gen = new Generator(r);
        List<String> disagreements = new ArrayList<>();
        int cases = 0, valid = 0, deep = 0;
        long started = System.nanoTime();
        for (int doc = 0; doc < 70_000; doc++) {
            boolean deepDoc = doc % 500 == 0;
            byte[] original = deepDoc ? gen.deepDocument() : gen.document();
            if (deepDoc) deep++;
            for (int variant = 0; variant < 5; variant++) {
                byte[] input = variant == 0 ? original : gen.mutate(original);
                if (!Utf8.isValid(input, 0, input.length)) continue;
                cases++;
                boolean expected = jacksonVerdict(input, 0, input.length);
                if (expected) valid++;
                if (scan(input) != expected && disagreements.size() < 20) {
                    disagreements.add((expected ? "Jackson accepts, the scan rejects: " : "Jackson rejects, the scan accepts: ")
                        + show(input));
                }
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(List.of(), disagreements, disagreements.size() + " disagreements (first 20 shown)");
        // The run must have exercised both verdicts in bulk, not just one.
        assertTrue(cases >= 300_000, cases + " cases");
        assertTrue(valid >= cases / 5 && valid <= cases * 4 / 5, valid + " of " + cases + " valid");
        System.out.printf("JsonScanTest: %d cases (%d valid objects/arrays, %d deep documents) agree with Jackson, %d ms%n",
            cases, valid, deep, ms);
    }

    /** Random JSON text that covers the grammar, with whitespace between tokens and some scalar documents. */
    private static final class Generator {
        private static final String[] ESCAPES = {"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"};
        private static final String[] CHARS = {"a", "Z", " ", "'", "{", "}", "[", "]", ":", ",", "-", "1", "e", "u",
            "\u007f", "\u0080", "é", "\u07ff", "\u0800", "中", "\uffff", "😀", "\udbff\udfff"};
        /** Bytes a mutation writes: the grammar's own characters, the near misses around them, and controls. */
        private static final byte[] MUTATIONS = " \t\r\n\u000b\f\u0000\u0001\u001f{}[]:,\"\\/-+.0123456789eEuabfnrtlsxAF'#*"
            .getBytes(StandardCharsets.UTF_8);

        private final Random r;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Generator(Random r) { this.r = r; }

        byte[] document() {
            out.reset();
            whitespace();
            if (r.nextInt(10) == 0) scalar();
            else container(r.nextInt(4));
            whitespace();
            return out.toByteArray();
        }

        /** Nesting from 60 to 1010 levels, mixed objects and arrays, some with siblings after the inner value. */
        byte[] deepDocument() {
            out.reset();
            int levels = 60 + r.nextInt(951);
            List<String> closers = new ArrayList<>();
            for (int i = 0; i < levels; i++) {
                boolean object = r.nextBoolean();
                text(object ? "{\"k\":" : "[");
                boolean sibling = r.nextInt(4) == 0;
                closers.add(object ? (sibling ? ",\"x\":0}" : "}") : (sibling ? ",[]]" : "]"));
            }
            scalar();
            for (int i = closers.size() - 1; i >= 0; i--) text(closers.get(i));
            return out.toByteArray();
        }

        private void text(String s) { out.writeBytes(s.getBytes(StandardCharsets.UTF_8)); }

        private void whitespace() {
            if (r.nextInt(3) != 0) return;
            for (int n = 1 + r.nextInt(3); n > 0; n--) out.write(" \t\r\n".charAt(r.nextInt(4)));
        }

        private void value(int depthLeft) {
            if (depthLeft > 0 && r.nextInt(3) == 0) container(depthLeft - 1);
            else scalar();
        }

        private void container(int depthLeft) {
            boolean object = r.nextBoolean();
            out.write(object ? '{' : '[');
            int members = r.nextInt(5);
            whitespace();
            for (int m = 0; m < members; m++) {
                if (m > 0) {
                    out.write(',');
                    whitespace();
                }
                if (object) {
                    string();
                    whitespace();
                    out.write(':');
                    whitespace();
                }
                value(depthLeft);
                whitespace();
            }
            out.write(object ? '}' : ']');
        }

        private void scalar() {
            int kind = r.nextInt(6);
            if (kind < 2) string();
            else if (kind < 4) number();
            else text(new String[] {"true", "false", "null"}[r.nextInt(3)]);
        }

        private void string() {
            out.write('"');
            for (int n = r.nextInt(8); n > 0; n--) {
                int kind = r.nextInt(10);
                if (kind == 0) text(ESCAPES[r.nextInt(ESCAPES.length)]);
                else if (kind == 2) text(String.format("\\u%04x\\u%04X", 0xD800 + r.nextInt(0x400), 0xDC00 + r.nextInt(0x400)));
                else if (kind == 1) {
                    String hex = String.format("%04x", r.nextInt(4) == 0 ? 0xD800 + r.nextInt(0x800) : r.nextInt(0x10000));
                    text("\\u" + (r.nextBoolean() ? hex : hex.toUpperCase()));
                } else text(CHARS[r.nextInt(CHARS.length)]);
            }
            out.write('"');
        }

        private void number() {
            if (r.nextBoolean()) out.write('-');
            if (r.nextInt(4) == 0) out.write('0');
            else {
                out.write('1' + r.nextInt(9));
                for (int n = r.nextInt(r.nextInt(5) == 0 ? 30 : 4); n > 0; n--) out.write('0' + r.nextInt(10));
            }
            if (r.nextInt(3) == 0) {
                out.write('.');
                for (int n = 1 + r.nextInt(4); n > 0; n--) out.write('0' + r.nextInt(10));
            }
            if (r.nextInt(4) == 0) {
                out.write(r.nextBoolean() ? 'e' : 'E');
                int sign = r.nextInt(3);
                if (sign > 0) out.write(sign == 1 ? '+' : '-');
                for (int n = 1 + r.nextInt(3); n > 0; n--) out.write('0' + r.nextInt(10));
            }
        }

        /** One to three random edits of a copy. */
        byte[] mutate(byte[] doc) {
            byte[] b = doc;
            for (int edits = 1 + r.nextInt(r.nextInt(4) == 0 ? 3 : 1); edits > 0; edits--) {
                int at = r.nextInt(b.length + 1);
                byte any = r.nextInt(4) == 0 ? (byte) r.nextInt(0x80) : MUTATIONS[r.nextInt(MUTATIONS.length)];
                int edit = r.nextInt(5);
                if (edit == 0 && at < b.length) {      // replace
                    b = b.clone();
                    b[at] = any;
                } else if (edit <= 1) {                 // insert
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = any;
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                } else if (edit == 2) {                 // delete one to three bytes
                    int n = Math.min(b.length - at, 1 + r.nextInt(3));
                    byte[] c = new byte[b.length - n];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + n, c, at, b.length - at - n);
                    b = c;
                } else if (edit == 3) {                 // truncate
                    b = Arrays.copyOf(b, at);
                } else {                                // duplicate a slice in place
                    int n = Math.min(b.length - at, 1 + r.nextInt(8));
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at + n);
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                }
            }
            return b;
        }
    }

    /** The input as a Java string literal, controls escaped, so a failure can be pasted into a test. */
    private static String show(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("\"");
        if (s.length() > 2000) s = s.substring(0, 2000) + "...(" + b.length + " bytes)";
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
