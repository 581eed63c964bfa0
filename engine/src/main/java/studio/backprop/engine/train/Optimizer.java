package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.Param;

/**
 * Updates parameters from their gradients. Only optimisers write weights during training, and
 * they store each new weight as a float ({@link studio.backprop.engine.math.Det#single}): the
 * arithmetic is double, the weights are 32-bit, so an exact model file or link needs 4 bytes a
 * weight and still reproduces the weights bit for bit.
 */
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
