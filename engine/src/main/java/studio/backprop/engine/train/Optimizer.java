package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.Param;

/**
 * Updates parameters from their gradients. Only optimisers write weights during training, and
 * they store each new weight as a float ({@link studio.backprop.engine.math.Det#single}): the
 * arithmetic is double, the weights are 32-bit, so an exact model file or link needs 4 bytes a
 * weight and still reproduces the weights bit for bit.
 *
 * <p>A step is {@link #begin} and then {@link #update} over every row of every parameter, in
 * any order and in any split: each weight's update reads only its own gradient and state, so
 * threads may update disjoint rows at once and give the same weights.
 */
public interface Optimizer {
    String kind();

    /** Starts a step (Adam's bias corrections move on a step). */
    default void begin() {}

    /** Updates rows [from, to) of parameter i of the list the optimiser was made for. */
    void update(int i, Param p, int from, int to, double learningRate);

    /** A whole step over every parameter. */
    default void step(List<Param> params, double learningRate) {
        begin();
        for (int i = 0; i < params.size(); i++) update(i, params.get(i), 0, params.get(i).value.length, learningRate);
    }

    static Optimizer of(String kind, List<Param> params) {
        switch (kind) {
            case "sgd": return new Sgd();
            case "momentum": return new Momentum(params, 0.9);
            case "adam": return new Adam(params, 0.9, 0.999, 1e-8);
            default: throw new IllegalArgumentException("unknown optimiser '" + kind + "' (use sgd, momentum or adam)");
        }
    }
}
