package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

/**
 * -sum_j y_j log softmax(z)_j = logsumexp(z) - y.z (for y summing to one), shifted by
 * max z so that no exponent overflows; dL/dZ = A - Y.
 */
public final class SoftmaxCrossEntropy implements Loss {
    @Override public String kind() { return "ce"; }
    @Override public String pairedOutput() { return "softmax"; }

    @Override public double value(double[] z, double[] a, double[] y) {
        double max = z[0];
        for (double v : z) if (v > max) max = v;
        double sum = 0;
        for (double v : z) sum += Det.exp(v - max);
        double logSumExp = max + Det.log(sum);
        double s = 0;
        for (int j = 0; j < z.length; j++) s += y[j] * (logSumExp - z[j]);
        return s;
    }

    @Override public void gradient(double[] z, double[] a, double[] y, double scale, double[] out) {
        for (int j = 0; j < a.length; j++) out[j] = scale * (a[j] - y[j]);
    }
}
