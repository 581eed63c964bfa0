package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.Param;

/** Adds the penalty's gradient to dL/dW (never to the biases W0): L2 rate W, L1 rate sign(W). */
public final class Regularization {
    private Regularization() {}

    public static void addGradient(String kind, double rate, List<Param> params) {
        if (kind.equals("none") || rate == 0) return;
        boolean l1 = kind.equals("l1");
        if (!l1 && !kind.equals("l2")) throw new IllegalArgumentException("unknown regularisation '" + kind + "' (use none, l1 or l2)");
        for (Param p : params) {
            if (!p.regularised) continue;
            for (int r = 0; r < p.value.length; r++) {
                double[] w = p.value[r], g = p.grad[r];
                for (int j = 0; j < w.length; j++) {
                    g[j] += l1 ? (w[j] > 0 ? rate : w[j] < 0 ? -rate : 0) : rate * w[j];
                }
            }
        }
    }
}
