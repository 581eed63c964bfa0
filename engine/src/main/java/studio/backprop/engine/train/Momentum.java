package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.nn.Param;

/** Heavy ball: V <- mu V - lr dL/dW; W <- W + V. */
public final class Momentum implements Optimizer {
    private final double mu;
    private final double[][][] velocity;

    public Momentum(List<Param> params, double mu) {
        this.mu = mu;
        this.velocity = new double[params.size()][][];
        for (int i = 0; i < params.size(); i++) {
            double[][] v = params.get(i).value;
            velocity[i] = new double[v.length][v.length == 0 ? 0 : v[0].length];
        }
    }

    @Override public String kind() { return "momentum"; }

    @Override public void update(int i, Param p, int from, int to, double lr) {
        for (int r = from; r < to; r++) {
            double[] w = p.value[r], g = p.grad[r], v = velocity[i][r];
            for (int j = 0; j < w.length; j++) {
                v[j] = mu * v[j] - lr * g[j];
                w[j] = Det.single(w[j] + v[j]);
            }
        }
    }
}
