package studio.backprop.engine.data;

/**
 * Decimal text to double with the same bits on every platform. TeaVM's parseFloat is lossy,
 * so digits are gathered here: up to 15 significant digits are exact in a double, and one
 * multiplication or division by an exact power of ten (10^0..10^22) then rounds correctly,
 * which covers every number a CSV of measurements holds. Longer inputs are still parsed the
 * same way everywhere, if not always to the nearest double.
 */
public final class Numbers {
    private Numbers() {}

    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    /** The value of s, or NaN when s is not a plain decimal number (no hex, no "Infinity"). */
    public static double parse(String s) {
        int n = s.length(), i = 0;
        while (i < n && s.charAt(i) == ' ') i++;
        while (n > i && s.charAt(n - 1) == ' ') n--;
        if (i == n) return Double.NaN;
        boolean negative = false;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            negative = s.charAt(i) == '-';
            i++;
        }
        double mantissa = 0;
        int digits = 0, exponent = 0, significant = 0;
        boolean dot = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                if (significant < 17) {
                    if (mantissa != 0 || c != '0') significant++;
                    mantissa = mantissa * 10 + (c - '0');
                    if (dot) exponent--;
                } else if (!dot) {
                    exponent++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) return Double.NaN;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                expNegative = s.charAt(i) == '-';
                i++;
            }
            int e = 0, expDigits = 0;
            for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++, expDigits++) {
                if (e < 100000) e = e * 10 + (s.charAt(i) - '0');
            }
            if (expDigits == 0) return Double.NaN;
            exponent += expNegative ? -e : e;
        }
        if (i != n) return Double.NaN;
        double v = scale(mantissa, exponent);
        return negative ? -v : v;
    }

    private static double scale(double m, int e) {
        if (m == 0) return 0;
        while (e > 22) {
            m *= 1e22;
            e -= 22;
            if (m == Double.POSITIVE_INFINITY) return m;
        }
        while (e < -22) {
            m /= 1e22;
            e += 22;
            if (m == 0) return 0;
        }
        return e >= 0 ? m * POW10[e] : m / POW10[-e];
    }

    /** Cells that mean "no value". */
    public static boolean isMissing(String s) {
        String t = s.trim();
        return t.isEmpty() || t.equals("?") || Text.equalsAscii(t, "NA") || Text.equalsAscii(t, "N/A")
                || Text.equalsAscii(t, "NaN") || Text.equalsAscii(t, "null");
    }
}
