package org.slsconnect.emulator.sls.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.slsconnect.emulator.sls.SlsException;

/**
 * The SPL subset SIEM forwarding uses, applied by PullLogs to each log (the {@code query} parameter):
 * <pre>
 * * | where &lt;condition&gt; | project a, b | project-away c | extend d = &lt;value&gt;, ...
 * </pre>
 * Conditions: {@code and}, {@code or}, {@code not}, parentheses; comparisons {@code = != <> < <= > >=};
 * {@code [not] like 'pattern'} ({@code %} any run, {@code _} one character); {@code [not] in (v, ...)};
 * {@code is [not] null}. Values: fields (bare names, or {@code "quoted"} for any other name), {@code 'strings'},
 * numbers, {@code cast(x as bigint|double|varchar)}, {@code try_cast(...)}, {@code + - * / %} on numbers and
 * {@code ||} on strings.
 *
 * <p>As in SLS, every field is a {@code varchar}: comparing one with a number needs a cast
 * ({@code cast(status as bigint) >= 500}); mixing types is a query error, reported when the query is parsed. A
 * missing field is null, and a condition on null is not true. A {@code cast} that fails drops the log as a failed
 * line ({@code try_cast} gives null instead). Anything else (other commands, functions, aggregations) is answered
 * with SLS's {@code 400 ParameterInvalid}, naming what is not supported.
 */
public final class Spl {

    private final List<Command> commands;

    private Spl(List<Command> commands) { this.commands = commands; }

    /** Parses a query; throws {@link SlsException} 400 ParameterInvalid for a bad or unsupported one. */
    public static Spl parse(String query) {
        return new Parser(query).query();
    }

    /** True if the query keeps every log unchanged ({@code *}). */
    public boolean isIdentity() { return commands.isEmpty(); }

    /** What happened to one log. */
    public enum Outcome { KEPT, FILTERED, FAILED }

    /**
     * Applies the query to one log's contents (in order); returns the contents to deliver through {@code out}
     * (cleared first) and whether the log is kept.
     */
    public Outcome apply(Map<String, String> contents, Map<String, String> out) {
        out.clear();
        out.putAll(contents);
        try {
            for (Command c : commands) if (!c.apply(out)) return Outcome.FILTERED;
            return Outcome.KEPT;
        } catch (CastFailed e) {
            return Outcome.FAILED;
        }
    }

    // ---------------------------------------------------------------- commands

    private interface Command {
        /** Changes the log in place; false drops it. */
        boolean apply(Map<String, String> log);
    }

    private record Where(Expr condition) implements Command {
        public boolean apply(Map<String, String> log) { return Boolean.TRUE.equals(condition.eval(log)); }
    }

    private record Project(List<String> fields, boolean away) implements Command {
        public boolean apply(Map<String, String> log) {
            if (away) {
                fields.forEach(log::remove);
            } else {
                Map<String, String> kept = new LinkedHashMap<>();
                for (String f : fields) if (log.containsKey(f)) kept.put(f, log.get(f));
                log.clear();
                log.putAll(kept);
            }
            return true;
        }
    }

    private record Extend(List<String> names, List<Expr> values) implements Command {
        public boolean apply(Map<String, String> log) {
            Object[] computed = new Object[values.size()];
            for (int i = 0; i < computed.length; i++) computed[i] = values.get(i).eval(log);
            for (int i = 0; i < computed.length; i++) {
                if (computed[i] == null) log.remove(names.get(i));
                else log.put(names.get(i), Type.text(computed[i]));
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- expressions

    enum Type {
        VARCHAR, BIGINT, DOUBLE, BOOLEAN, NULL;

        boolean numeric() { return this == BIGINT || this == DOUBLE || this == NULL; }
        boolean text() { return this == VARCHAR || this == NULL; }

        static String text(Object v) { return v.toString(); }

        static Type of(String name) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "bigint": case "integer": case "int": case "long": return BIGINT;
                case "double": case "real": return DOUBLE;
                case "varchar": case "string": return VARCHAR;
                default: throw unsupported("cast to type '" + name + "'");
            }
        }
    }

    private static final class CastFailed extends RuntimeException {
        CastFailed() { super(null, null, false, false); }
    }

    private interface Expr {
        Type type();
        /** String, Long, Double, Boolean or null. */
        Object eval(Map<String, String> log);
    }

    private record Field(String name) implements Expr {
        public Type type() { return Type.VARCHAR; }
        public Object eval(Map<String, String> log) { return log.get(name); }
    }

    private record Literal(Object value, Type type) implements Expr {
        public Object eval(Map<String, String> log) { return value; }
    }

    private record Cast(Expr value, Type type, boolean tolerant) implements Expr {
        public Object eval(Map<String, String> log) {
            Object v = value.eval(log);
            if (v == null) return null;
            try {
                switch (type) {
                    case VARCHAR: return Type.text(v);
                    case BIGINT:
                        if (v instanceof Number n) return n.longValue();
                        return Long.parseLong(v.toString().trim());
                    default:
                        if (v instanceof Number n) return n.doubleValue();
                        return Double.parseDouble(v.toString().trim());
                }
            } catch (NumberFormatException e) {
                if (tolerant) return null;
                throw new CastFailed();
            }
        }
    }

    private record Arithmetic(String op, Expr left, Expr right, Type type) implements Expr {
        public Object eval(Map<String, String> log) {
            Object a = left.eval(log);
            Object b = right.eval(log);
            if (a == null || b == null) return null;
            if (op.equals("||")) return a.toString() + b;
            if (type == Type.BIGINT) {
                long x = (Long) a;
                long y = (Long) b;
                switch (op) {
                    case "+": return x + y;
                    case "-": return x - y;
                    case "*": return x * y;
                    case "/": if (y == 0) throw new CastFailed(); return x / y;
                    default: if (y == 0) throw new CastFailed(); return x % y;
                }
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            switch (op) {
                case "+": return x + y;
                case "-": return x - y;
                case "*": return x * y;
                case "/": return x / y;
                default: return x % y;
            }
        }
    }

    private record Compare(String op, Expr left, Expr right) implements Expr {
        public Type type() { return Type.BOOLEAN; }
        public Object eval(Map<String, String> log) {
            Object a = left.eval(log);
            Object b = right.eval(log);
            if (a == null || b == null) return null;
            int c = a instanceof String ? ((String) a).compareTo((String) b)
                : Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            switch (op) {
                case "=": return c == 0;
                case "!=": case "<>": return c != 0;
                case "<": return c < 0;
                case "<=": return c <= 0;
                case ">": return c > 0;
                default: return c >= 0;
            }
        }
    }

    private record Like(Expr value, Pattern pattern, boolean negated) implements Expr {
        public Type type() { return Type.BOOLEAN; }
        public Object eval(Map<String, String> log) {
            Object v = value.eval(log);
            if (v == null) return null;
            return pattern.matcher((String) v).matches() != negated;
        }
    }

    private record In(Expr value, List<Expr> options, boolean negated) implements Expr {
        public Type type() { return Type.BOOLEAN; }
        public Object eval(Map<String, String> log) {
            Object v = value.eval(log);
            if (v == null) return null;
            for (Expr o : options) {
                Object x = o.eval(log);
                if (x != null && Boolean.TRUE.equals(new Compare("=", new Literal(v, value.type()), new Literal(x, o.type())).eval(log))) {
                    return !negated;
                }
            }
            return negated;
        }
    }

    private record IsNull(Expr value, boolean negated) implements Expr {
        public Type type() { return Type.BOOLEAN; }
        public Object eval(Map<String, String> log) { return (value.eval(log) == null) != negated; }
    }

    private record Logic(String op, Expr left, Expr right) implements Expr {
        public Type type() { return Type.BOOLEAN; }
        public Object eval(Map<String, String> log) {
            Object a = left.eval(log);
            if (op.equals("and")) {
                if (Boolean.FALSE.equals(a)) return false;
                Object b = right.eval(log);
                if (Boolean.FALSE.equals(b)) return false;
                return a == null || b == null ? null : Boolean.TRUE;
            }
            if (Boolean.TRUE.equals(a)) return true;
            Object b = right.eval(log);
            if (Boolean.TRUE.equals(b)) return true;
            return a == null || b == null ? null : Boolean.FALSE;
        }
    }

    private record Not(Expr value) implements Expr {
        public Type type() { return Type.BOOLEAN; }
        public Object eval(Map<String, String> log) {
            Object v = value.eval(log);
            return v == null ? null : !(Boolean) v;
        }
    }

    static SlsException invalid(String message) {
        return SlsException.parameterInvalid("invalid SPL query: " + message);
    }

    static SlsException unsupported(String what) {
        return SlsException.parameterInvalid("SPL " + what + " is not supported");
    }

    // ---------------------------------------------------------------- parser

    private static final class Parser {
        private final String src;
        private int pos;

        Parser(String src) { this.src = src == null ? "" : src; }

        Spl query() {
            skipBlanks();
            if (!eat("*")) {
                throw unsupported("search statement before the first '|' (only '*' is supported): '" + src.trim() + "'");
            }
            List<Command> commands = new ArrayList<>();
            while (true) {
                skipBlanks();
                if (pos >= src.length()) return new Spl(commands);
                expectSymbol("|");
                commands.add(command());
            }
        }

        private Command command() {
            skipBlanks();
            int start = pos;
            while (pos < src.length() && (Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '-')) pos++;
            String name = src.substring(start, pos).toLowerCase(Locale.ROOT);
            switch (name) {
                case "where": {
                    Expr e = or();
                    if (e.type() != Type.BOOLEAN) throw invalid("where needs a condition, got a " + e.type().name().toLowerCase(Locale.ROOT));
                    endOfCommand();
                    return new Where(e);
                }
                case "project":
                case "project-away": {
                    List<String> fields = new ArrayList<>();
                    do {
                        fields.add(fieldName());
                    } while (eatSymbol(","));
                    endOfCommand();
                    return new Project(fields, name.equals("project-away"));
                }
                case "extend": {
                    List<String> names = new ArrayList<>();
                    List<Expr> values = new ArrayList<>();
                    do {
                        names.add(fieldName());
                        expectSymbol("=");
                        values.add(value());
                    } while (eatSymbol(","));
                    endOfCommand();
                    return new Extend(names, values);
                }
                case "":
                    throw invalid("expected a command after '|' at position " + start);
                default:
                    throw unsupported("command '" + name + "'");
            }
        }

        private void endOfCommand() {
            skipBlanks();
            if (pos < src.length() && src.charAt(pos) != '|') {
                throw invalid("unexpected '" + src.substring(pos, Math.min(src.length(), pos + 20)) + "' at position " + pos);
            }
        }

        private Expr or() {
            Expr left = and();
            while (eatKeyword("or")) left = new Logic("or", bool(left), bool(and()));
            return left;
        }

        private Expr and() {
            Expr left = not();
            while (eatKeyword("and")) left = new Logic("and", bool(left), bool(not()));
            return left;
        }

        private Expr not() {
            if (eatKeyword("not")) return new Not(bool(not()));
            return predicate();
        }

        private Expr predicate() {
            Expr left = value();
            if (left.type() == Type.BOOLEAN) return left;      // a parenthesised condition
            skipBlanks();
            for (String op : new String[] {"<=", ">=", "!=", "<>", "=", "<", ">"}) {
                if (eatSymbol(op)) {
                    Expr right = value();
                    comparable(left, right, op);
                    return new Compare(op, left, right);
                }
            }
            boolean negated = eatKeyword("not");
            if (eatKeyword("like")) {
                if (!left.type().text()) throw invalid("like needs a varchar, got " + left.type().name().toLowerCase(Locale.ROOT));
                return new Like(left, likePattern(stringLiteral()), negated);
            }
            if (eatKeyword("in")) {
                expectSymbol("(");
                List<Expr> options = new ArrayList<>();
                do {
                    Expr o = value();
                    comparable(left, o, "in");
                    options.add(o);
                } while (eatSymbol(","));
                expectSymbol(")");
                return new In(left, options, negated);
            }
            if (negated) throw invalid("expected like or in after not at position " + pos);
            if (eatKeyword("is")) {
                boolean not = eatKeyword("not");
                if (!eatKeyword("null")) throw invalid("expected null after is at position " + pos);
                return new IsNull(left, not);
            }
            return left;          // a value: the caller says whether one is allowed here
        }

        private static void comparable(Expr a, Expr b, String op) {
            boolean ok = (a.type().numeric() && b.type().numeric()) || (a.type().text() && b.type().text());
            if (!ok) {
                throw invalid("'" + op + "' cannot be applied to " + a.type().name().toLowerCase(Locale.ROOT) + ", "
                    + b.type().name().toLowerCase(Locale.ROOT) + " (fields are varchar: cast them, e.g. "
                    + "cast(status as bigint) >= 500)");
            }
        }

        private static Expr bool(Expr e) {
            if (e.type() != Type.BOOLEAN) throw invalid("expected a condition, got a " + e.type().name().toLowerCase(Locale.ROOT));
            return e;
        }

        private Expr value() {
            Expr left = term();
            while (true) {
                skipBlanks();
                String op = eatSymbol("||") ? "||" : eatSymbol("+") ? "+" : eatSymbol("-") ? "-" : null;
                if (op == null) return left;
                left = arithmetic(op, left, term());
            }
        }

        private Expr term() {
            Expr left = unary();
            while (true) {
                skipBlanks();
                String op = eatSymbol("*") ? "*" : eatSymbol("/") ? "/" : eatSymbol("%") ? "%" : null;
                if (op == null) return left;
                left = arithmetic(op, left, unary());
            }
        }

        private static Expr arithmetic(String op, Expr a, Expr b) {
            if (op.equals("||")) {
                if (!a.type().text() || !b.type().text()) throw invalid("'||' needs varchar operands");
                return new Arithmetic(op, a, b, Type.VARCHAR);
            }
            if (!a.type().numeric() || !b.type().numeric()) {
                throw invalid("'" + op + "' cannot be applied to " + a.type().name().toLowerCase(Locale.ROOT) + ", "
                    + b.type().name().toLowerCase(Locale.ROOT) + " (cast fields to bigint or double)");
            }
            Type t = a.type() == Type.DOUBLE || b.type() == Type.DOUBLE ? Type.DOUBLE : Type.BIGINT;
            return new Arithmetic(op, a, b, t);
        }

        private Expr unary() {
            skipBlanks();
            if (eatSymbol("-")) {
                Expr v = unary();
                return arithmetic("-", new Literal(0L, Type.BIGINT), v);
            }
            return primary();
        }

        private Expr primary() {
            skipBlanks();
            if (pos >= src.length()) throw invalid("unexpected end of query");
            char c = src.charAt(pos);
            if (c == '(') {
                pos++;
                Expr e = or();
                expectSymbol(")");
                return e;
            }
            if (c == '\'') return new Literal(stringLiteral(), Type.VARCHAR);
            if (c == '"') return new Field(quotedName());
            if (Character.isDigit(c) || c == '.') return number();
            String word = word();
            if (word.isEmpty()) throw invalid("unexpected '" + c + "' at position " + pos);
            String lower = word.toLowerCase(Locale.ROOT);
            skipBlanks();
            if (pos < src.length() && src.charAt(pos) == '(') {
                if (lower.equals("cast") || lower.equals("try_cast")) {
                    pos++;
                    Expr v = value();
                    if (!eatKeyword("as")) throw invalid("expected 'as' in " + lower + " at position " + pos);
                    Type t = Type.of(word());
                    expectSymbol(")");
                    return new Cast(v, t, lower.equals("try_cast"));
                }
                throw unsupported("function '" + word + "'");
            }
            if (lower.equals("null")) return new Literal(null, Type.NULL);
            if (lower.equals("true") || lower.equals("false")) return new Literal(Boolean.valueOf(lower), Type.BOOLEAN);
            return new Field(word);
        }

        private Expr number() {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                || src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) pos++;
            String n = src.substring(start, pos);
            try {
                if (n.contains(".") || n.contains("e") || n.contains("E")) return new Literal(Double.parseDouble(n), Type.DOUBLE);
                return new Literal(Long.parseLong(n), Type.BIGINT);
            } catch (NumberFormatException e) {
                throw invalid("bad number '" + n + "'");
            }
        }

        private String fieldName() {
            skipBlanks();
            if (pos < src.length() && src.charAt(pos) == '"') return quotedName();
            String w = word();
            if (w.isEmpty()) throw invalid("expected a field name at position " + pos);
            return w;
        }

        private String word() {
            skipBlanks();
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) pos++;
            return src.substring(start, pos);
        }

        private String quotedName() {
            return quoted('"');
        }

        private String stringLiteral() {
            skipBlanks();
            if (pos >= src.length() || src.charAt(pos) != '\'') throw invalid("expected a 'string' at position " + pos);
            return quoted('\'');
        }

        /** A quoted token; the quote is escaped by doubling it, as in SQL. */
        private String quoted(char quote) {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= src.length()) throw invalid("unterminated " + quote + " quote");
                char c = src.charAt(pos++);
                if (c == quote) {
                    if (pos < src.length() && src.charAt(pos) == quote) {
                        out.append(quote);
                        pos++;
                        continue;
                    }
                    return out.toString();
                }
                out.append(c);
            }
        }

        private static Pattern likePattern(String like) {
            StringBuilder re = new StringBuilder();
            for (char c : like.toCharArray()) {
                if (c == '%') re.append(".*");
                else if (c == '_') re.append('.');
                else re.append(Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        }

        private void skipBlanks() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
        }

        private boolean eat(String s) {
            if (src.startsWith(s, pos)) {
                pos += s.length();
                return true;
            }
            return false;
        }

        private boolean eatSymbol(String s) {
            skipBlanks();
            // '|' alone separates commands: never take it as the start of '||', nor '||' as a separator.
            if (s.equals("|") && src.startsWith("||", pos)) return false;
            return eat(s);
        }

        private void expectSymbol(String s) {
            if (!eatSymbol(s)) {
                throw invalid("expected '" + s + "' at position " + pos
                    + (pos < src.length() ? " ('" + src.substring(pos, Math.min(src.length(), pos + 20)) + "')" : ""));
            }
        }

        private boolean eatKeyword(String k) {
            skipBlanks();
            int end = pos + k.length();
            if (end <= src.length() && src.regionMatches(true, pos, k, 0, k.length())
                && (end == src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_'))) {
                pos = end;
                return true;
            }
            return false;
        }
    }
}
