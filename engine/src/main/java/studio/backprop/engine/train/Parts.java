package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;

/**
 * Data-parallel training: a mini-batch split into P contiguous parts, the gradient of each part
 * computed on its own (in the browser, part k on worker k, from the same weights), and the part
 * gradients added in the fixed order 0, 1, ..., P-1. Because the order is fixed, a run gives the
 * same weights whether one worker computes the parts in turn (the JVM, the tests) or P workers
 * compute them at once. Gradients and weights travel flat: every parameter in network order,
 * row by row.
 */
public final class Parts {
    private Parts() {}

    /** The most parts (workers) a run may use. */
    public static final int MAX = 8;

    /** First row of part k of a batch of {@code rows} rows split into {@code parts}. */
    public static int start(int k, int parts, int rows) {
        return k * rows / parts;
    }

    public static void weights(Network net, double[] flat) {
        int at = 0;
        for (Param p : net.params()) for (double[] r : p.value) {
            System.arraycopy(r, 0, flat, at, r.length);
            at += r.length;
        }
    }

    public static void setWeights(Network net, double[] flat) {
        int at = 0;
        for (Param p : net.params()) for (double[] r : p.value) {
            System.arraycopy(flat, at, r, 0, r.length);
            at += r.length;
        }
    }

    /**
     * The gradient of the loss over a part's rows, their inputs already in {@code net.input(y.rows)}
     * and their targets in y, each sample's gradient times {@code scale}, left in the network's grads
     * (all zero for a part of no rows); returns the summed loss of those rows. The rows are rows
     * firstRow, firstRow + 1, ... of the batch with this seed (for dropout's masks).
     */
    public static double gradientHere(Network net, Loss loss, Mat y, double scale, int batchSeed, int firstRow) {
        if (y.rows == 0) {
            for (Param p : net.params()) p.zeroGrad();
            return 0;
        }
        net.forward(batchSeed, firstRow);
        return net.backward(loss, y, scale, false);
    }

    /** The network's gradient, flat (as {@link #weights} lays out the weights). */
    public static void gradients(Network net, double[] flat) {
        int at = 0;
        for (Param p : net.params()) for (double[] r : p.grad) {
            System.arraycopy(r, 0, flat, at, r.length);
            at += r.length;
        }
    }

    /** The batch gradient: the parts' gradients added in part order, into the parameters' grads. */
    static void sum(Network net, double[][] grads) {
        int at = 0;
        for (Param p : net.params()) for (double[] r : p.grad) {
            for (int j = 0; j < r.length; j++) {
                double g = grads[0][at + j];
                for (int k = 1; k < grads.length; k++) g += grads[k][at + j];
                r[j] = g;
            }
            at += r.length;
        }
    }
}
