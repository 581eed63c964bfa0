package studio.backprop.engine.train;

import studio.backprop.engine.math.Det;
import studio.backprop.engine.nn.Param;

/** W <- W - lr dL/dW. With batch size 1 this is the seed's per-sample SGD. */
public final class Sgd implements Optimizer {
    @Override public String kind() { return "sgd"; }

    @Override public void update(int i, Param p, int from, int to, double lr) {
        for (int r = from; r < to; r++) {
            double[] w = p.value[r], g = p.grad[r];
            for (int j = 0; j < w.length; j++) w[j] = Det.single(w[j] - lr * g[j]);
        }
    }
}
