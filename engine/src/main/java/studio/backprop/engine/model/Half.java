package studio.backprop.engine.model;

/**
 * IEEE 754 half precision (binary16) from and to double, with + - * / and comparisons only, so
 * that every platform rounds alike. Values beyond the half range saturate to +-65504.
 */
final class Half {
    private Half() {}

    /** POW2[e] = 2^(e - 24) for e = 0..40. */
    private static final double[] POW2 = new double[41];

    static {
        POW2[24] = 1;
        for (int e = 25; e < POW2.length; e++) POW2[e] = POW2[e - 1] * 2;
        for (int e = 23; e >= 0; e--) POW2[e] = POW2[e + 1] * 0.5;
    }

    static double toDouble(int bits) {
        int sign = (bits >>> 15) & 1, e = (bits >>> 10) & 31, m = bits & 1023;
        double v;
        if (e == 0) v = m * POW2[0]; // subnormal: m x 2^-24
        else if (e == 31) v = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        else v = (1024 + m) * POW2[e - 1];  // (1 + m/1024) x 2^(e - 15)
        return sign == 1 ? -v : v;
    }

    static int fromDouble(double v) {
        int sign = v < 0 || (v == 0 && 1 / v < 0) ? 0x8000 : 0;
        double a = v < 0 ? -v : v;
        if (!(a < 65504)) return sign | (a == a ? 0x7BFF : 0x7E00); // saturate; NaN stays NaN
        if (a < POW2[10]) { // below 2^-14: subnormal steps of 2^-24
            int m = (int) Math.floor(a / POW2[0] + 0.5);
            return sign | m; // m == 1024 rounds up into the smallest normal, which has the same bits
        }
        int e = 1;
        while (e < 30 && a >= POW2[e + 10]) e++; // 2^(e-15) <= a < 2^(e-14)
        int m = (int) Math.floor(a / POW2[e - 1] + 0.5) - 1024;
        if (m == 1024) {
            m = 0;
            e++;
        }
        if (e >= 31) return sign | 0x7BFF;
        return sign | (e << 10) | m;
    }
}
