package studio.backprop.engine.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import studio.backprop.engine.math.Mat;

/**
 * A sequence of modules with the buffers for one mini-batch: A[0] is the input, A[l + 1] the
 * output of module l, and dA[l] the gradient of the loss with respect to A[l]. Buffers grow
 * to the largest batch seen and are then reused, so a training step allocates nothing.
 */
public final class Network {
    public final int inputs;
    private final List<Module> modules;
    private final int[] widths;
    private final List<Param> params;
    private Mat[] A = new Mat[0];
    private Mat[] dA = new Mat[0];

    public Network(int inputs, List<Module> modules) {
        if (modules.isEmpty()) throw new IllegalArgumentException("a network needs at least one module");
        this.inputs = inputs;
        this.modules = List.copyOf(modules);
        this.widths = new int[modules.size() + 1];
        widths[0] = inputs;
        List<Param> ps = new ArrayList<>();
        for (int l = 0; l < modules.size(); l++) {
            widths[l + 1] = modules.get(l).outputSize(widths[l]);
            ps.addAll(modules.get(l).params());
        }
        this.params = Collections.unmodifiableList(ps);
    }

    /** The modules of each hidden layer in turn, then the output layer: {@code outputs} units and the {@code output} activation. */
    public static Network build(int inputs, List<LayerSpec> hidden, int outputs, String output) {
        List<Module> ms = new ArrayList<>();
        int width = inputs;
        for (LayerSpec layer : hidden) {
            for (Module m : layer.modules(width)) {
                ms.add(m);
                width = m.outputSize(width);
            }
        }
        ms.addAll(LayerSpec.dense(outputs, output).modules(width));
        return new Network(inputs, ms);
    }

    public List<Module> modules() { return modules; }
    public List<Param> params() { return params; }
    public int outputs() { return widths[widths.length - 1]; }
    public int width(int l) { return widths[l]; }

    public int parameterCount() {
        int n = 0;
        for (Param p : params) n += p.size();
        return n;
    }

    /** The input buffer, sized to {@code rows} samples; fill it, then call {@link #forward()}. */
    public Mat input(int rows) {
        if (A.length == 0 || A[0].capacity() < rows) allocate(rows);
        for (Mat a : A) a.rows = rows;
        for (Mat d : dA) d.rows = rows;
        return A[0];
    }

    private void allocate(int capacity) {
        A = new Mat[widths.length];
        dA = new Mat[widths.length];
        for (int l = 0; l < widths.length; l++) {
            A[l] = new Mat(capacity, widths[l]);
            dA[l] = new Mat(capacity, widths[l]);
        }
    }

    /** A[l] after {@link #forward()}: the explorer and the views read the activations here. */
    public Mat activation(int l) { return A[l]; }

    /** dA[l] after {@link #backward}. */
    public Mat gradient(int l) { return dA[l]; }

    public Mat forward() {
        for (int l = 0; l < modules.size(); l++) modules.get(l).forward(A[l], A[l + 1]);
        return A[modules.size()];
    }

    /**
     * After {@link #forward()}: zeroes the gradients, then runs backward and weight grad from
     * the last module to the first. {@code scale} multiplies the per-sample gradients (1 for
     * the seed's sum over the batch, 1/B for the mean). Returns the summed loss of the batch.
     */
    public double backward(Loss loss, Mat Y, double scale, boolean needInputGradient) {
        for (Param p : params) p.zeroGrad();
        int L = modules.size();
        boolean paired = loss.pairedOutput() != null;
        if (paired && !loss.pairedOutput().equals(modules.get(L - 1).kind())) {
            throw new IllegalArgumentException(loss.kind() + " needs a " + loss.pairedOutput() + " output");
        }
        Mat Z = A[L - 1], out = A[L];
        Mat start = paired ? dA[L - 1] : dA[L];
        double total = 0;
        for (int i = 0; i < out.rows; i++) {
            total += loss.value(Z.row[i], out.row[i], Y.row[i]);
            loss.gradient(Z.row[i], out.row[i], Y.row[i], scale, start.row[i]);
        }
        for (int l = paired ? L - 2 : L - 1; l >= 0; l--) {
            Module module = modules.get(l);
            module.weightGrad(A[l], dA[l + 1]);
            if (l > 0 || needInputGradient) module.backward(A[l], A[l + 1], dA[l + 1], dA[l]);
        }
        return total;
    }
}
