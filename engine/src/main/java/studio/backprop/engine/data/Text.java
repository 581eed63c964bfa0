package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * String helpers that stay small in the browser builds: String.split pulls in TeaVM's regex
 * engine, and Character's tests and String's case mapping its Unicode tables (4 KB gzipped). The
 * keywords, dates and JSON the engine reads are ASCII.
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
}
