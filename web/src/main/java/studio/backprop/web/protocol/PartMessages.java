package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The data-parallel messages between a training worker and its helpers (see Helpers): part-init
 * and part go to a helper (dispatched with {@link ToWorker}), part-done comes back (dispatched
 * with {@link FromWorker}). Each kind with its fields and the factory that makes it.
 */
public final class PartMessages {
    private PartMessages() {}

    /**
     * The network a helper computes parts of: its architecture (inputs, each module's kind, their
     * shape numbers one after another, the math version; see Network.of) and its loss. The weights
     * come with each part.
     */
    public interface PartInit extends Message {
        @JSProperty int getInputs();
        @JSProperty String[] getKinds();
        @JSProperty Int32Array getShapes();
        @JSProperty int getMath();
        @JSProperty String getLoss();
    }
    @JSBody(params = {"inputs", "kinds", "shapes", "math", "loss"}, script = "return {type: 'part-init', inputs: inputs, kinds: kinds,"
            + " shapes: shapes, math: math, loss: loss};")
    public static native PartInit partInit(int inputs, JSObject kinds, Int32Array shapes, int math, String loss);

    /**
     * Part of a batch: the weights to compute at, the part's rows (x and y, flat), the gradient
     * scale, the batch's dropout seed and the part's first row in the batch, and a buffer for the gradient. weights and grad are moved (transferred), not copied,
     * and come back in part-done.
     */
    public interface Part extends Message {
        @JSProperty int getBatch();
        @JSProperty Float64Array getWeights();
        @JSProperty Float64Array getGrad();
        @JSProperty int getRows();
        @JSProperty Float64Array getX();
        @JSProperty Float64Array getY();
        @JSProperty double getScale();
        @JSProperty int getBatchSeed();
        @JSProperty int getFirstRow();
    }
    @JSBody(params = {"batch", "weights", "grad", "rows", "x", "y", "scale", "batchSeed", "firstRow"}, script = "return {type: 'part', batch: batch,"
            + " weights: weights, grad: grad, rows: rows, x: x, y: y, scale: scale, batchSeed: batchSeed, firstRow: firstRow};")
    public static native Part part(int batch, Float64Array weights, Float64Array grad, int rows, Float64Array x, Float64Array y, double scale,
                                   int batchSeed, int firstRow);

    /**
     * A part's summed loss and its gradient (in grad), with both buffers moved back, and the
     * helper's time on it: when it began and ended (ms on the clock all workers share, see
     * Js.clock), and how long of that it computed the gradient (the rest is copying).
     */
    public interface PartDone extends Message {
        @JSProperty int getBatch();
        @JSProperty double getLoss();
        @JSProperty Float64Array getWeights();
        @JSProperty Float64Array getGrad();
        @JSProperty double getBegan();
        @JSProperty double getEnded();
        @JSProperty double getComputeMs();
    }
    @JSBody(params = {"batch", "loss", "weights", "grad", "began", "ended", "computeMs"}, script = "return {type: 'part-done', batch: batch,"
            + " loss: loss, weights: weights, grad: grad, began: began, ended: ended, computeMs: computeMs};")
    public static native PartDone partDone(int batch, double loss, Float64Array weights, Float64Array grad, double began, double ended,
                                           double computeMs);
}
