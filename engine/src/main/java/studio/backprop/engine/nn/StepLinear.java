package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Mat;

/**
 * {@link Linear} at every step of a sequence, with the same weights ("time-distributed"): for
 * each step t, Z_t = W^T A_t + W0, W m x n. u holds {@code steps} inputs of m values, v as many
 * outputs of n, step after step. dL/dW and dL/dW0 are summed over the steps and the samples.
 */
public final class StepLinear implements Module {
    public final int m, n, steps;
    public final Param W, W0;

    public StepLinear(int m, int n, int steps) {
        if (m < 1 || n < 1 || steps < 1) throw new IllegalArgumentException("a per-step linear layer needs inputs, outputs and steps, got " + m + ", " + n + ", " + steps);
        this.m = m;
        this.n = n;
        this.steps = steps;
        W = new Param("W", m, n, true);
        W0 = new Param("W0", 1, n, false);
    }

    @Override public String kind() { return Modules.STEP_LINEAR; }

    @Override public int[] shape() { return new int[] {m, n, steps}; }

    @Override public int outputSize(int inputSize) {
        if (inputSize != steps * m) throw new IllegalArgumentException("per-step linear expects " + steps + " steps of " + m + ", got " + inputSize);
        return steps * n;
    }

    @Override public void forward(Mat u, Mat v) {
        double[] b = W0.value[0];
        double[][] w = W.value;
        for (int i = 0; i < u.rows; i++) {
            double[] a = u.row[i], z = v.row[i];
            for (int t = 0; t < steps; t++) {
                int at = t * m, out = t * n;
                for (int j = 0; j < n; j++) z[out + j] = b[j];
                for (int k = 0; k < m; k++) {
                    double ak = a[at + k];
                    if (ak == 0.0) continue;
                    double[] wk = w[k];
                    for (int j = 0; j < n; j++) z[out + j] += ak * wk[j];
                }
            }
        }
    }

    /** dL/dA_t = W dL/dZ_t at each step. */
    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        double[][] w = W.value;
        for (int i = 0; i < u.rows; i++) {
            double[] d = dLdv.row[i], out = dLdu.row[i];
            for (int t = 0; t < steps; t++) {
                int at = t * n;
                for (int k = 0; k < m; k++) {
                    double[] wk = w[k];
                    double s = 0;
                    for (int j = 0; j < n; j++) s += wk[j] * d[at + j];
                    out[t * m + k] = s;
                }
            }
        }
    }

    /** dL/dW = sum over samples and steps of A_t (dL/dZ_t)^T; dL/dW0 = the sum of dL/dZ_t. */
    @Override public void weightGrad(Mat u, Mat dLdv) {
        double[][] g = W.grad;
        double[] g0 = W0.grad[0];
        for (int i = 0; i < u.rows; i++) {
            double[] a = u.row[i], d = dLdv.row[i];
            for (int t = 0; t < steps; t++) {
                int at = t * m, dt = t * n;
                for (int k = 0; k < m; k++) {
                    double ak = a[at + k];
                    if (ak == 0.0) continue;
                    double[] gk = g[k];
                    for (int j = 0; j < n; j++) gk[j] += ak * d[dt + j];
                }
                for (int j = 0; j < n; j++) g0[j] += d[dt + j];
            }
        }
    }

    @Override public List<Param> params() {
        return List.of(W, W0);
    }
}
