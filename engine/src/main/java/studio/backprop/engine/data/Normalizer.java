package studio.backprop.engine.data;

/**
 * x' = (x - shift) / scale per input column, fitted on the training part only and kept with
 * the model so that predictions see inputs the way training did. A regression model keeps one
 * for its targets too: the network learns them standardised, and its outputs are turned back.
 */
public final class Normalizer {
    public static final String[] KINDS = {"none", "standard", "minmax"};

    public final String kind;
    public final double[] shift, scale;

    public Normalizer(String kind, double[] shift, double[] scale) {
        this.kind = kind;
        this.shift = shift;
        this.scale = scale;
    }

    public static Normalizer identity(int columns) {
        double[] ones = new double[columns];
        java.util.Arrays.fill(ones, 1.0);
        return new Normalizer("none", new double[columns], ones);
    }

    /** standard: mean 0, deviation 1; minmax: the range maps onto [-1, 1]. */
    public static Normalizer fit(String kind, double[][] x, int columns) {
        if (kind.equals("none") || x.length == 0) return identity(columns);
        double[] shift = new double[columns], scale = new double[columns];
        for (int j = 0; j < columns; j++) {
            if (kind.equals("standard")) {
                double mean = 0;
                for (double[] r : x) mean += r[j];
                mean /= x.length;
                double var = 0;
                for (double[] r : x) var += (r[j] - mean) * (r[j] - mean);
                double sd = Math.sqrt(var / x.length);
                shift[j] = mean;
                scale[j] = sd > 1e-12 ? sd : 1.0;
            } else if (kind.equals("minmax")) {
                double lo = x[0][j], hi = x[0][j];
                for (double[] r : x) {
                    lo = Math.min(lo, r[j]);
                    hi = Math.max(hi, r[j]);
                }
                shift[j] = (lo + hi) / 2;
                scale[j] = hi - lo > 1e-12 ? (hi - lo) / 2 : 1.0;
            } else {
                throw new IllegalArgumentException("unknown normalisation '" + kind + "' (use none, standard or minmax)");
            }
        }
        return new Normalizer(kind, shift, scale);
    }

    public void apply(double[] in, double[] out) {
        for (int j = 0; j < shift.length; j++) out[j] = (in[j] - shift[j]) / scale[j];
    }

    /** The inverse: x = x' scale + shift (a regression network's outputs back in the target's units). */
    public void invert(double[] in, double[] out) {
        for (int j = 0; j < shift.length; j++) out[j] = in[j] * scale[j] + shift[j];
    }

    public boolean isIdentity() {
        for (int j = 0; j < shift.length; j++) if (shift[j] != 0 || scale[j] != 1) return false;
        return true;
    }

    public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][shift.length];
        for (int i = 0; i < x.length; i++) apply(x[i], out[i]);
        return out;
    }
}
