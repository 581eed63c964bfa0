package studio.backprop.engine.nn;

/** Mean over the outputs of (A - Y)^2; dL/dA = 2 (A - Y) / k. */
public final class MeanSquaredError implements Loss {
    @Override public String kind() { return "mse"; }
    @Override public String pairedOutput() { return null; }

    @Override public double value(double[] z, double[] a, double[] y) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - y[j];
            s += d * d;
        }
        return s / a.length;
    }

    @Override public void gradient(double[] z, double[] a, double[] y, double scale, double[] out) {
        double c = 2.0 * scale / a.length;
        for (int j = 0; j < a.length; j++) out[j] = c * (a[j] - y[j]);
    }
}
