package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.nn.Param;

/**
 * Adam (Kingma and Ba): first and second moments of the gradient, each divided by
 * 1 - beta^t to undo their bias towards zero in the first steps.
 */
public final class Adam implements Optimizer {
    private final double beta1, beta2, eps;
    private final double[][][] m, v;
    /** beta1^t and beta2^t, kept as running products (no pow, so every platform agrees). */
    private double beta1t = 1, beta2t = 1;
    /** 1 / (1 - beta^t) for this step's t. */
    private double c1, c2;

    public Adam(List<Param> params, double beta1, double beta2, double eps) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[params.size()][][];
        this.v = new double[params.size()][][];
        for (int i = 0; i < params.size(); i++) {
            double[][] w = params.get(i).value;
            int cols = w.length == 0 ? 0 : w[0].length;
            m[i] = new double[w.length][cols];
            v[i] = new double[w.length][cols];
        }
    }

    @Override public String kind() { return "adam"; }

    @Override public void begin() {
        beta1t *= beta1;
        beta2t *= beta2;
        c1 = 1.0 / (1.0 - beta1t);
        c2 = 1.0 / (1.0 - beta2t);
    }

    @Override public void update(int i, Param p, int from, int to, double lr) {
        for (int r = from; r < to; r++) {
            double[] w = p.value[r], g = p.grad[r], mr = m[i][r], vr = v[i][r];
            for (int j = 0; j < w.length; j++) {
                mr[j] = beta1 * mr[j] + (1 - beta1) * g[j];
                vr[j] = beta2 * vr[j] + (1 - beta2) * g[j] * g[j];
                // left to right on purpose: TeaVM's JavaScript output drops the
                // parentheses of a product on the right of '*' (see Det.kernelCos)
                w[j] = Det.single(w[j] - mr[j] * c1 / (Math.sqrt(vr[j] * c2) + eps) * lr);
            }
        }
    }
}
