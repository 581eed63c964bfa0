package studio.backprop.engine.nn;

import studio.backprop.engine.math.Det;

/**
 * Cross-entropy at every step of a sequence, for a {@link StepSoftmax} output: y holds each
 * step's true class (an index, one per step), z and a the steps' logits and probabilities, step
 * after step. A sample's loss is the mean over its T steps of -log softmax(z_t)[y_t] (so the loss
 * is in nats per symbol: a text's), and dL/dZ_t = (A_t - onehot(y_t)) / T.
 */
public final class StepCrossEntropy implements Loss {
    public static final String KIND = "stepce";

    @Override public String kind() { return KIND; }
    @Override public String pairedOutput() { return Modules.STEP_SOFTMAX; }

    @Override public double value(double[] z, double[] a, double[] y) {
        int steps = y.length, n = z.length / steps;
        double s = 0;
        for (int t = 0; t < steps; t++) {
            int at = t * n;
            double max = z[at];
            for (int j = 1; j < n; j++) if (z[at + j] > max) max = z[at + j];
            double sum = 0;
            for (int j = 0; j < n; j++) sum += Det.exp(z[at + j] - max);
            s += max + Det.log(sum) - z[at + (int) y[t]];
        }
        return s / steps;
    }

    @Override public void gradient(double[] z, double[] a, double[] y, double scale, double[] out) {
        int steps = y.length, n = a.length / steps;
        double k = scale / steps;
        for (int t = 0; t < steps; t++) {
            int at = t * n, truth = (int) y[t];
            for (int j = 0; j < n; j++) out[at + j] = k * (a[at + j] - (j == truth ? 1.0 : 0.0));
        }
    }
}
