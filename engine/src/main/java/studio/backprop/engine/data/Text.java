package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * String helpers that stay small in the browser builds: String.split pulls in TeaVM's regex
 * engine, Character's tests and String's case mapping its Unicode tables (4 KB gzipped), and
 * String's charset conversions java.nio's coders. The keywords, dates and JSON the engine reads
 * are ASCII.
 */
public final class Text {
    private Text() {}

    /** s cut at every {@code sep}; empty pieces are kept, so "a,,b" gives three. */
    public static String[] split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                parts.add(s.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(s.substring(from));
        return parts.toArray(new String[0]);
    }

    /** ASCII-only case-insensitive equality, enough for the keywords the engine reads. */
    public static boolean equalsAscii(String a, String b) {
        if (a.length() != b.length()) return false;
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x >= 'A' && x <= 'Z') x += 'a' - 'A';
            if (y >= 'A' && y <= 'Z') y += 'a' - 'A';
            if (x != y) return false;
        }
        return true;
    }

    /** s with A-Z as a-z, every other character as it is. */
    public static String lowerAscii(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) if (c[i] >= 'A' && c[i] <= 'Z') c[i] += 'a' - 'A';
        return new String(c);
    }

    /** 0-9 only (Character.isDigit also takes other scripts' digits, which no date or JSON number has). */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value of a hexadecimal digit (either case), or -1. */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    /** s as UTF-8, as {@code s.getBytes(UTF_8)} gives it (a lone surrogate becomes '?'). */
    public static byte[] utf8(String s) {
        byte[] out = new byte[3 * s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length() && s.charAt(i + 1) >= 0xDC00 && s.charAt(i + 1) <= 0xDFFF) {
                int cp = 0x10000 + ((c - 0xD800) << 10) + (s.charAt(++i) - 0xDC00);
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else if (c >= 0xD800 && c <= 0xDFFF) {
                out[n++] = '?';
            } else {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** UTF-8 bytes as text: {@link #fromUtf8(byte[], int, int)} of all of them. */
    public static String fromUtf8(byte[] b) {
        return fromUtf8(b, 0, b.length);
    }

    /**
     * UTF-8 bytes [from, from + length) as text, as {@code new String(b, from, length, UTF_8)}
     * gives it: each ill-formed piece becomes U+FFFD (the longest start of a sequence that could
     * still be well formed, except that the JVM takes an encoded surrogate, ED A0-BF xx, whole).
     */
    public static String fromUtf8(byte[] b, int from, int length) {
        char[] out = new char[length];
        int n = 0, i = from, end = from + length;
        while (i < end) {
            int b0 = b[i++] & 0xFF;
            if (b0 < 0x80) {
                out[n++] = (char) b0;
                continue;
            }
            int need, cp, lower = 0x80, upper = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) lower = 0xA0;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) lower = 0x90;
                if (b0 == 0xF4) upper = 0x8F;
            } else {
                out[n++] = '\uFFFD';
                continue;
            }
            boolean whole = true;
            for (int k = 0; k < need; k++, lower = 0x80, upper = 0xBF) {
                int c = i < end ? b[i] & 0xFF : -1;
                if (c < lower || c > upper) {
                    whole = false;
                    break;
                }
                cp = cp << 6 | c & 0x3F;
                i++;
            }
            if (!whole || cp >= 0xD800 && cp <= 0xDFFF) { // as the JVM: an encoded surrogate is one piece
                out[n++] = '\uFFFD';
            } else if (cp >= 0x10000) {
                out[n++] = (char) (0xD800 + (cp - 0x10000 >> 10));
                out[n++] = (char) (0xDC00 + (cp - 0x10000 & 0x3FF));
            } else {
                out[n++] = (char) cp;
            }
        }
        return new String(out, 0, n);
    }
}
