package studio.backprop.engine.sound;

import studio.backprop.engine.math.Det;

/**
 * A sound at another rate, by band-limited interpolation: each output sample y_n, at input time
 * t_n = n from/to, is sum_k x_k h(k - t_n) with the low-pass kernel
 * h(t) = 2 f_c sinc(2 f_c t) w(t / W): cut-off f_c a little under half the lower of the two
 * rates (in cycles per input sample), a Hann window w over W = {@value #ZEROS} zero crossings on
 * each side. The times t_n repeat every L = to / gcd outputs, so the kernel is tabulated once per
 * phase; the arithmetic is the engine's own ({@link Det}), in a fixed order.
 */
public final class Resample {
    static final int ZEROS = 10;
    /** Of the Nyquist frequency of the lower rate: the part passed (the rest rolls off). */
    static final double PASS = 0.95;

    private Resample() {}

    public static float[] of(float[] x, int from, int to) {
        if (from == to) return x.clone();
        int g = gcd(from, to), up = to / g, down = from / g;
        double fc = 0.5 * PASS * Math.min(1.0, (double) up / down);
        int half = (int) Math.ceil(ZEROS / (2 * fc)), taps = 2 * half;
        // the kernel at the taps k = i - half + 1 .. i + half around input sample i, for each phase p (t_n = i + p / up)
        boolean tabulate = (long) up * taps <= 2_000_000;
        double[] table = tabulate ? new double[up * taps] : null;
        if (tabulate) for (int p = 0; p < up; p++) kernel(table, p * taps, p, up, half, fc);
        double[] own = tabulate ? null : new double[taps];
        int n = (int) ((long) x.length * up / down);
        float[] y = new float[n];
        int i = 0, p = 0;
        for (int out = 0; out < n; out++) {
            double[] h = table;
            int at = p * taps;
            if (!tabulate) {
                kernel(own, 0, p, up, half, fc);
                h = own;
                at = 0;
            }
            double sum = 0;
            int first = i - half + 1;
            for (int j = 0; j < taps; j++) {
                int k = first + j;
                if (k >= 0 && k < x.length) sum += x[k] * h[at + j];
            }
            y[out] = (float) sum;
            p += down;
            while (p >= up) {
                p -= up;
                i++;
            }
        }
        return y;
    }

    private static void kernel(double[] h, int at, int p, int up, int half, double fc) {
        double frac = (double) p / up;
        for (int j = 0; j < 2 * half; j++) {
            double t = (j - half + 1) - frac, a = Math.abs(t);
            if (a >= half) {
                h[at + j] = 0;
                continue;
            }
            double x = 2 * fc * t;
            double sinc = x == 0 ? 1 : Det.sin(Math.PI * x) / (Math.PI * x);
            double w = 0.5 + 0.5 * Det.cos(Math.PI * t / half);
            h[at + j] = 2 * fc * sinc * w;
        }
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
