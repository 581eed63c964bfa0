package studio.backprop.engine.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import studio.backprop.engine.math.Det;
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
    /** The same as arrays, and the dropout modules: what a step walks (a List's get is a virtual call in TeaVM's output). */
    private final Module[] layers;
    private final Param[] paramArray;
    private final Dropout[] dropouts;
    /** The loss whose pairing with the output module {@link #backward} has checked. */
    private Loss checked;
    private Mat[] A = new Mat[0];
    private Mat[] dA = new Mat[0];

    public Network(int inputs, List<Module> modules) {
        if (modules.isEmpty()) throw new IllegalArgumentException("a network needs at least one module");
        this.inputs = inputs;
        this.modules = List.copyOf(modules);
        this.widths = new int[modules.size() + 1];
        widths[0] = inputs;
        List<Param> ps = new ArrayList<>();
        List<Dropout> ds = new ArrayList<>();
        for (int l = 0; l < modules.size(); l++) {
            widths[l + 1] = modules.get(l).outputSize(widths[l]);
            ps.addAll(modules.get(l).params());
            if (modules.get(l) instanceof Dropout) {
                ((Dropout) modules.get(l)).place(l);
                ds.add((Dropout) modules.get(l));
            }
        }
        this.params = Collections.unmodifiableList(ps);
        this.layers = this.modules.toArray(new Module[0]);
        this.paramArray = ps.toArray(new Param[0]);
        this.dropouts = ds.toArray(new Dropout[0]);
    }

    /**
     * The modules of each hidden layer in turn, then the output layer: {@code outputs} units and
     * the {@code output} activation; activations of math version {@code math}
     * ({@link Det#MATH}). A layer that does not fit its input (a kernel larger than
     * the image, pooling to nothing, a conv on a table) is named in the message. A text's
     * symbols ({@link Shape#tokens}) are read one-hot; the output {@code stepsoftmax} is one
     * at every step (every layer keeps the steps: dense layers become {@link StepLinear}).
     */
    public static Network build(Shape input, List<LayerSpec> hidden, int outputs, String output, int math) {
        List<Module> ms = new ArrayList<>();
        Shape shape = input;
        if (input.tokens()) {
            ms.add(new OneHot(input.vocab, input.height));
            shape = Shape.sequence(input.height, input.vocab);
        }
        // an output at every step (a text's next symbol): every layer keeps the steps
        boolean perStep = output.equals(Modules.STEP_SOFTMAX);
        if (perStep && !shape.sequence) throw new IllegalArgumentException("an output at every step needs a sequence, and gets " + shape);
        for (int l = 0; l < hidden.size(); l++) {
            LayerSpec layer = hidden.get(l);
            // a recurrent layer hands every step's state to a recurrent layer after it, its last step's to anything else
            boolean sequences = perStep || LayerSpec.sequencesAfter(hidden, l);
            Shape next;
            try {
                next = perStep && layer.kind == LayerSpec.Kind.DENSE ? Shape.sequence(shape.height, layer.units) : layer.output(shape, sequences);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (l + 1) + " '" + layer + "' does not fit: " + e.getMessage());
            }
            if (perStep && layer.kind == LayerSpec.Kind.DENSE) {
                ms.add(new StepLinear(shape.width, layer.units, shape.height));
                ms.add(Modules.activation(layer.activation, math));
            } else {
                ms.addAll(layer.modules(shape, math, sequences));
            }
            shape = next;
        }
        if (perStep) {
            ms.add(new StepLinear(shape.width, outputs, shape.height));
            ms.add(new StepSoftmax(outputs));
        } else {
            ms.addAll(LayerSpec.dense(outputs, output).modules(shape, math));
        }
        return new Network(input.size(), ms);
    }

    /** The same with today's math ({@link Det#MATH}). */
    public static Network build(Shape input, List<LayerSpec> hidden, int outputs, String output) {
        return build(input, hidden, outputs, output, Det.MATH);
    }

    /** The same for flat inputs (tables, 2-D sets). */
    public static Network build(int inputs, List<LayerSpec> hidden, int outputs, String output) {
        return build(Shape.flat(inputs), hidden, outputs, output, Det.MATH);
    }

    /** Each module's kind, in order (with {@link #shapes}, what {@link #of} rebuilds the architecture from). */
    public String[] kinds() {
        String[] k = new String[modules.size()];
        for (int l = 0; l < k.length; l++) k[l] = modules.get(l).kind();
        return k;
    }

    /** Each module's shape numbers ({@link Module#shape}), one module's after another's. */
    public int[] shapes() {
        int n = 0;
        for (Module m : modules) n += m.shape().length;
        int[] all = new int[n];
        int at = 0;
        for (Module m : modules) for (int d : m.shape()) all[at++] = d;
        return all;
    }

    /** A network of the architecture {@link #kinds} and {@link #shapes} describe, its weights zero, its activations of this math version. */
    public static Network of(int inputs, String[] kinds, int[] shapes, int math) {
        List<Module> ms = new ArrayList<>();
        int at = 0;
        for (String kind : kinds) {
            int[] shape = java.util.Arrays.copyOfRange(shapes, at, at + Modules.shapeSize(kind));
            at += shape.length;
            ms.add(Modules.create(kind, shape, math));
        }
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

    /** Forward for predictions and evaluation: dropout passes its input through. */
    public Mat forward() {
        for (Dropout d : dropouts) d.evaluate();
        return run();
    }

    /**
     * Forward for training: dropout draws its masks for rows firstRow, firstRow + 1, ... of the
     * batch with this seed (so a part of a batch draws the same masks as the whole batch).
     */
    public Mat forward(int batchSeed, int firstRow) {
        for (Dropout d : dropouts) d.train(batchSeed, firstRow);
        return run();
    }

    private Mat run() {
        for (int l = 0; l < layers.length; l++) layers[l].forward(A[l], A[l + 1]);
        return A[layers.length];
    }

    /**
     * After {@link #forward()}: zeroes the gradients, then runs backward and weight grad from
     * the last module to the first. {@code scale} multiplies the per-sample gradients (1 for
     * the seed's sum over the batch, 1/B for the mean). Returns the summed loss of the batch.
     */
    public double backward(Loss loss, Mat Y, double scale, boolean needInputGradient) {
        for (Param p : paramArray) p.zeroGrad();
        int L = layers.length;
        boolean paired = loss.pairedOutput() != null;
        if (loss != checked) {
            if (paired && !loss.pairedOutput().equals(layers[L - 1].kind())) {
                throw new IllegalArgumentException(loss.kind() + " needs a " + loss.pairedOutput() + " output");
            }
            checked = loss;
        }
        Mat Z = A[L - 1], out = A[L];
        Mat start = paired ? dA[L - 1] : dA[L];
        double total = 0;
        for (int i = 0; i < out.rows; i++) {
            total += loss.value(Z.row[i], out.row[i], Y.row[i]);
            loss.gradient(Z.row[i], out.row[i], Y.row[i], scale, start.row[i]);
        }
        for (int l = paired ? L - 2 : L - 1; l >= 0; l--) {
            Module module = layers[l];
            module.weightGrad(A[l], dA[l + 1]);
            if (l > 0 || needInputGradient) module.backward(A[l], A[l + 1], dA[l + 1], dA[l]);
        }
        return total;
    }
}
