package studio.backprop.engine.sound;

import studio.backprop.engine.math.Det;

/**
 * The discrete Fourier transform X_k = sum_n x_n e^{-2 pi i k n / N} of a power-of-two length N,
 * by the radix-2 Cooley-Tukey butterflies (bit-reversed order, then log2 N passes). The twiddles
 * come from the engine's own {@link Det#cos} and {@link Det#sin} and every sum runs in a fixed
 * order, so a transform gives the same bits on the JVM, in JavaScript and in WebAssembly.
 * {@link #dft} is the plain sum it is checked against.
 */
public final class Fft {
    public final int n;
    private final double[] cos, sin;
    private final int[] reversed;

    public Fft(int n) {
        if (n < 2 || Integer.bitCount(n) != 1) throw new IllegalArgumentException("the FFT length must be a power of two, got " + n);
        this.n = n;
        cos = new double[n / 2];
        sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double a = 2 * Math.PI * k / n;
            cos[k] = Det.cos(a);
            sin[k] = -Det.sin(a);
        }
        reversed = new int[n];
        int bits = Integer.numberOfTrailingZeros(n);
        for (int i = 0; i < n; i++) reversed[i] = Integer.reverse(i) >>> (32 - bits);
    }

    /** The transform of re + i im, in place. */
    public void transform(double[] re, double[] im) {
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int size = 2; size <= n; size <<= 1) {
            int half = size / 2, step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    int a = start + k, b = a + half;
                    double wr = cos[k * step], wi = sin[k * step];
                    double br = re[b] * wr - im[b] * wi, bi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - br;
                    im[b] = im[a] - bi;
                    re[a] += br;
                    im[a] += bi;
                }
            }
        }
    }

    /** |X_k|^2 for k = 0 .. N/2 of a real signal (its other half mirrors these). */
    public double[] power(double[] x) {
        double[] re = x.clone(), im = new double[n];
        transform(re, im);
        double[] p = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) p[k] = re[k] * re[k] + im[k] * im[k];
        return p;
    }

    /** The definition, O(N^2): X_k = sum_n x_n (cos(2 pi k n / N) - i sin(2 pi k n / N)); {re, im}. */
    public static double[][] dft(double[] re, double[] im) {
        int n = re.length;
        double[] outRe = new double[n], outIm = new double[n];
        for (int k = 0; k < n; k++) {
            for (int t = 0; t < n; t++) {
                double a = 2 * Math.PI * ((long) k * t % n) / n;
                outRe[k] += re[t] * Math.cos(a) + im[t] * Math.sin(a);
                outIm[k] += im[t] * Math.cos(a) - re[t] * Math.sin(a);
            }
        }
        return new double[][] {outRe, outIm};
    }
}
