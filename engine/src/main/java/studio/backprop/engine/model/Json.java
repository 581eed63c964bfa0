package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.Text;

/**
 * A small strict JSON reader (objects become LinkedHashMaps, arrays Lists, numbers Doubles)
 * with a nesting limit, and the string escaping the writers need.
 */
public final class Json {
    public static final int MAX_DEPTH = 32;

    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    public static Object parse(String text) throws ModelException {
        Json p = new Json(text);
        p.space();
        Object v = p.value(0);
        p.space();
        p.expect(p.pos == p.s.length(), "unexpected text after the JSON value");
        return v;
    }

    private void expect(boolean ok, String what) throws ModelException {
        if (!ok) throw new ModelException("JSON error at character " + (pos + 1) + ": " + what);
    }

    private void space() {
        while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) pos++;
    }

    private Object value(int depth) throws ModelException {
        expect(depth <= MAX_DEPTH, "nested deeper than " + MAX_DEPTH + " levels");
        expect(pos < s.length(), "the text ends where a value should be");
        char c = s.charAt(pos);
        if (c == '{') return object(depth);
        if (c == '[') return array(depth);
        if (c == '"') return string();
        if (s.startsWith("true", pos)) { pos += 4; return Boolean.TRUE; }
        if (s.startsWith("false", pos)) { pos += 5; return Boolean.FALSE; }
        if (s.startsWith("null", pos)) { pos += 4; return null; }
        return number();
    }

    private Map<String, Object> object(int depth) throws ModelException {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        space();
        if (pos < s.length() && s.charAt(pos) == '}') { pos++; return map; }
        while (true) {
            space();
            expect(pos < s.length() && s.charAt(pos) == '"', "expected a quoted key");
            String key = string();
            space();
            expect(pos < s.length() && s.charAt(pos) == ':', "expected ':'");
            pos++;
            space();
            map.put(key, value(depth + 1));
            space();
            expect(pos < s.length(), "the text ends inside an object");
            char c = s.charAt(pos++);
            if (c == '}') return map;
            expect(c == ',', "expected ',' or '}'");
        }
    }

    private List<Object> array(int depth) throws ModelException {
        List<Object> list = new ArrayList<>();
        pos++;
        space();
        if (pos < s.length() && s.charAt(pos) == ']') { pos++; return list; }
        while (true) {
            space();
            list.add(value(depth + 1));
            space();
            expect(pos < s.length(), "the text ends inside an array");
            char c = s.charAt(pos++);
            if (c == ']') return list;
            expect(c == ',', "expected ',' or ']'");
        }
    }

    private String string() throws ModelException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            expect(pos < s.length(), "the text ends inside a string");
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c == '\\') {
                expect(pos < s.length(), "the text ends inside an escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': case '\\': case '/': sb.append(e); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u':
                        expect(pos + 4 <= s.length(), "short \\u escape");
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Text.hexDigit(s.charAt(pos++));
                            expect(d >= 0, "bad \\u escape");
                            code = code * 16 + d;
                        }
                        sb.append((char) code);
                        break;
                    default: expect(false, "bad escape \\" + e);
                }
            } else {
                expect(c >= 0x20, "control character inside a string");
                sb.append(c);
            }
            expect(sb.length() <= Limits.MAX_STRING, "string longer than " + Limits.MAX_STRING + " characters");
        }
    }

    private Double number() throws ModelException {
        int start = pos;
        if (pos < s.length() && s.charAt(pos) == '-') pos++;
        int digits = pos;
        while (pos < s.length() && Text.isDigit(s.charAt(pos))) pos++;
        expect(pos > digits, "expected a value");
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            int frac = pos;
            while (pos < s.length() && Text.isDigit(s.charAt(pos))) pos++;
            expect(pos > frac, "expected digits after '.'");
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            int exp = pos;
            while (pos < s.length() && Text.isDigit(s.charAt(pos))) pos++;
            expect(pos > exp, "expected digits in the exponent");
        }
        expect(pos - start <= 40, "number too long");
        return Double.parseDouble(s.substring(start, pos));
    }

    public static String quote(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                String h = Integer.toHexString(c);
                sb.append("\\u").append("0000".substring(h.length())).append(h);
            } else sb.append(c);
        }
        return sb.append('"').toString();
    }
}
