package studio.backprop.engine.sound;

import studio.backprop.engine.math.Det;

/**
 * Mel filters: triangles over a power spectrum's bins, evenly spaced on the mel scale
 * m(f) = 2595 log10(1 + f / 700) (HTK's). Band b rises from the edge b to the edge b + 1 and
 * falls to the edge b + 2 of the bands + 2 edges from m(low) to m(high); its weight at a bin of
 * frequency f is (f - f_b) / (f_{b+1} - f_b) on the way up and (f_{b+2} - f) / (f_{b+2} - f_{b+1})
 * on the way down, its peak 1.
 */
public final class Mel {
    private Mel() {}

    public static double mel(double hz) {
        return 2595 * Det.log(1 + hz / 700) / Det.log(10);
    }

    public static double hz(double mel) {
        return 700 * (Det.exp(mel / 2595 * Det.log(10)) - 1);
    }

    /** The filters' edges in Hz: bands + 2 of them, from low to high. */
    public static double[] edges(int bands, double low, double high) {
        double[] f = new double[bands + 2];
        double m0 = mel(low), m1 = mel(high);
        for (int i = 0; i < f.length; i++) f[i] = i == 0 ? low : i == f.length - 1 ? high : hz(m0 + (m1 - m0) * i / (bands + 1));
        return f;
    }

    /** weights[b][k] for the bins k = 0 .. fftSize / 2 (bin k at k rate / fftSize Hz). */
    public static double[][] bank(int bands, int fftSize, int rate, double low, double high) {
        double[] edge = edges(bands, low, high);
        double[][] w = new double[bands][fftSize / 2 + 1];
        for (int b = 0; b < bands; b++) {
            for (int k = 0; k <= fftSize / 2; k++) {
                double f = (double) k * rate / fftSize;
                if (f > edge[b] && f < edge[b + 1]) w[b][k] = (f - edge[b]) / (edge[b + 1] - edge[b]);
                else if (f >= edge[b + 1] && f < edge[b + 2]) w[b][k] = (edge[b + 2] - f) / (edge[b + 2] - edge[b + 1]);
            }
        }
        return w;
    }
}
