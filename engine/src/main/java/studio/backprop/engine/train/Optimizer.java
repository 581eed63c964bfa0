package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.Param;

/** Updates parameters from their gradients. Only optimisers write weights during training. */
public interface Optimizer {
    String kind();

    void step(List<Param> params, double learningRate);


    static Optimizer of(String kind, List<Param> params) {
        switch (kind) {
            case "sgd": return new Sgd();
            case "momentum": return new Momentum(params, 0.9);
            case "adam": return new Adam(params, 0.9, 0.999, 1e-8);
            default: throw new IllegalArgumentException("unknown optimiser '" + kind + "' (use sgd, momentum or adam)");
        }
    }
}
