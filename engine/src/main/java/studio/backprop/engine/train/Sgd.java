package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.nn.Param;

/** W <- W - lr dL/dW. With batch size 1 this is the seed's per-sample SGD. */
public final class Sgd implements Optimizer {
    @Override public String kind() { return "sgd"; }

    @Override public void step(List<Param> params, double lr) {
        for (Param p : params) {
            for (int r = 0; r < p.value.length; r++) {
                double[] w = p.value[r], g = p.grad[r];
                for (int j = 0; j < w.length; j++) w[j] = Det.single(w[j] - lr * g[j]);
            }
        }
    }
}
