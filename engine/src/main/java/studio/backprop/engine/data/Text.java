package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;

/** String helpers that stay small in the browser builds (String.split pulls in TeaVM's regex engine). */
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
}
