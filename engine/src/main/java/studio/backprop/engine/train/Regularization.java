package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.Param;

/** Adds the penalty's gradient to dL/dW (never to the biases W0): L2 rate W, L1 rate sign(W). */
public final class Regularization {
    private Regularization() {}

    public static void addGradient(String kind, double rate, List<Param> params) {
        for (Param p : params) addGradient(kind, rate, p, 0, p.value.length);
    }

    /** The same for rows [from, to) of one parameter. */
    public static void addGradient(String kind, double rate, Param p, int from, int to) {
        if (rate == 0 || !p.regularised || kind.equals("none")) return;
        boolean l1 = kind.equals("l1");
        if (!l1 && !kind.equals("l2")) throw new IllegalArgumentException("unknown regularisation '" + kind + "' (use none, l1 or l2)");
        for (int r = from; r < to; r++) {
            double[] w = p.value[r], g = p.grad[r];
            for (int j = 0; j < w.length; j++) {
                g[j] += l1 ? (w[j] > 0 ? rate : w[j] < 0 ? -rate : 0) : rate * w[j];
            }
        }
    }
}
