package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Mat;

/**
 * The seed's module API, over a mini-batch (one row per sample). u is the module's input,
 * v its output, dLdv the gradient of the loss with respect to v.
 */
public interface Module {
    /** Name used in model files, URLs and the CLI ("linear", "tanh", ...). */
    String kind();

    /**
     * The numbers that, with its kind, rebuild the module ({@link Modules#create}): Linear's m and
     * n; none for an activation. Model files store them before the module's parameters.
     */
    default int[] shape() {
        return new int[0];
    }

    /** Width of v for an input of width {@code inputSize}. */
    int outputSize(int inputSize);

    /** Forward: u -> v. */
    void forward(Mat u, Mat v);

    /** Backward: u, v, dL/dv -> dL/du. */
    void backward(Mat u, Mat v, Mat dLdv, Mat dLdu);

    /** Weight grad: u, dL/dv -> dL/dW (and dL/dW0), added to the gradients of {@link #params()}. */
    default void weightGrad(Mat u, Mat dLdv) {}

    /** The (parameter, gradient) pairs of this module, in a fixed order. */
    default List<Param> params() {
        return List.of();
    }
}
