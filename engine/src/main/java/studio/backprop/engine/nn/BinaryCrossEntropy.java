package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

/**
 * -y log(sigmoid z) - (1 - y) log(1 - sigmoid z), written as softplus(z) - y z so that
 * logits of +-1000 give finite values; dL/dZ = A - Y.
 */
public final class BinaryCrossEntropy implements Loss {
    @Override public String kind() { return "bce"; }
    @Override public String pairedOutput() { return "sigmoid"; }

    @Override public double value(double[] z, double[] a, double[] y) {
        double s = 0;
        for (int j = 0; j < z.length; j++) s += Det.log1pExp(z[j]) - y[j] * z[j];
        return s;
    }

    @Override public void gradient(double[] z, double[] a, double[] y, double scale, double[] out) {
        for (int j = 0; j < a.length; j++) out[j] = scale * (a[j] - y[j]);
    }
}
