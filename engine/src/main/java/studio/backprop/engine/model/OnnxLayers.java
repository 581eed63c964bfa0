package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.LeakyReLU;
import studio.backprop.engine.nn.Shape;

/**
 * An ONNX graph walked node by node as the engine's layers (see {@link OnnxImport} for what is
 * read): each layer's weights in the engine's layout, the shapes along the chain, the
 * normalisation before the first layer and the target scaling after the last.
 */
final class OnnxLayers {
    final OnnxReader g;
    String current;
    Shape shape, inputShape;
    int[] rawDims;
    boolean nhwcInput, nhwc;
    /** The HWC-to-CHW order the next dense layer's rows need (after a flatten of NHWC maps), or null. */
    int[] rowOrder;
    double[] shift, scale, targetScale, targetShift;
    final List<OnnxLayer> layers = new ArrayList<>();
    private final OnnxFeatures featureReader = new OnnxFeatures();
    /** This app's 2-D features, as indices into Features.KEYS (none: the inputs are the columns). */
    int[] featureList = new int[0];
    /** After the last layer: a Softmax or Sigmoid seen. */
    String outputActivation;
    /** The last layer's output still takes a bias (an Add right after MatMul, Gemm or Conv). */
    boolean biasOpen;
    /** A sequence is time-major [T, N, D] (after a Transpose of [N, T, D]); a recurrent node's output axis to squeeze (-1: none). */
    boolean timeMajor;
    int squeezeAxis = -1;

    OnnxLayers(OnnxReader g) {
        this.g = g;
    }

    static ModelException no(OnnxReader.Node n, String why) {
        return new ModelException("its " + n.label() + " " + why);
    }

    OnnxReader.Tensor constant(OnnxReader.Node n, int input) throws ModelException {
        if (input < 0 || n.inputs.size() <= input || n.inputs.get(input).isEmpty()) return null;
        OnnxReader.Tensor t = g.constants.get(n.inputs.get(input));
        if (t == null) throw no(n, "takes '" + n.inputs.get(input) + "', which is not a constant (only a chain of layers is read)");
        return t;
    }

    long attr(OnnxReader.Node n, String name, long fallback) {
        OnnxReader.Attribute a = n.attributes.get(name);
        return a == null || a.i == null ? fallback : a.i;
    }

    long[] ints(OnnxReader.Node n, String name) {
        OnnxReader.Attribute a = n.attributes.get(name);
        if (a == null) return null;
        long[] out = new long[a.ints.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.ints.get(i);
        return out;
    }

    void node(OnnxReader.Node n) throws ModelException {
        if (!n.domain.isEmpty() && !n.domain.equals("ai.onnx")) throw no(n, "is of domain '" + n.domain + "' (the standard operators are read)");
        if (n.inputs.isEmpty() || n.outputs.isEmpty()) throw no(n, "has no input or no output");
        String in = n.inputs.get(0);
        if (features(n)) return;
        if (!in.equals(current)) throw no(n, "takes '" + in + "', not the output of the node before (only a chain of layers is read)");
        if (shape == null && !n.op.equals("Transpose")) {
            // an image input without a Transpose: NCHW already
            shape = new Shape(rawDims[1], rawDims[2], rawDims[3]);
            nhwcInput = false;
        }
        if (inputShape == null && shape != null) inputShape = shape;
        String out = n.outputs.get(0);
        switch (n.op) {
            case "Identity": break;
            case "RNN": case "GRU": case "LSTM":
                add(OnnxRecurrent.read(this, n));
                biasOpen = false;
                return; // (its output is Y or Y_h: read sets current)
            case "Squeeze": OnnxRecurrent.squeeze(this, n); break;
            case "Dropout": dropout(n); break;
            case "Transpose": transpose(n); break;
            case "Flatten":
                Limits.check(attr(n, "axis", 1) == 1, "its " + n.label() + " flattens from axis " + attr(n, "axis", 1) + " (axis 1 is read)");
                flatten();
                break;
            case "Reshape": reshape(n); break;
            case "Gemm": gemm(n); break;
            case "MatMul": matMul(n); break;
            case "Conv": OnnxConv.read(this, n); break;
            case "MaxPool": pool(n); break;
            case "Relu": activation(n, "relu"); break;
            case "Tanh": activation(n, "tanh"); break;
            case "Sigmoid": activation(n, "sigmoid"); break;
            case "Sin": activation(n, "sine"); break;
            case "LeakyRelu": {
                OnnxReader.Attribute a = n.attributes.get("alpha");
                double alpha = a == null || a.f == null ? 0.01 : a.f;
                if (alpha != (float) LeakyReLU.SLOPE) throw no(n, "has slope " + alpha + " (the engine's leaky ReLU has " + LeakyReLU.SLOPE + ")");
                activation(n, "leaky-relu");
                break;
            }
            case "Softmax": {
                long axis = attr(n, "axis", -1);
                if (shape.spatial() || (axis != -1 && axis != 1)) throw no(n, "is not over the classes of a flat output");
                last(n, "softmax");
                break;
            }
            case "Sub": case "Add": case "Div": case "Mul": arithmetic(n); break;
            default:
                throw no(n, "is not supported (read: Gemm, MatMul, Add, Conv, MaxPool, RNN, GRU, LSTM, Relu, Tanh, Sigmoid, LeakyRelu, Sin, Softmax, "
                        + "Flatten, Reshape, Squeeze, Transpose, Dropout, Identity, and Sub, Div, Mul by constants; a text model's OneHot is not)");
        }
        current = out;
    }

    /** This app's 2-D features (see {@link OnnxFeatures}): a node of them consumed, or false. */
    private boolean features(OnnxReader.Node n) throws ModelException {
        boolean fromInput = n.inputs.get(0).equals(current) && layers.isEmpty() && shape != null && !shape.spatial() && shift == null;
        if (!featureReader.read(n, fromInput, constant(n, n.op.equals("Gather") ? 1 : -1))) return false;
        if (n.op.equals("Concat")) {
            featureList = featureReader.list;
            current = n.outputs.get(0);
            shape = Shape.flat(featureList.length);
            inputShape = null;
        }
        return true;
    }

    private void dropout(OnnxReader.Node n) throws ModelException {
        double rate = 0.5;
        OnnxReader.Attribute a = n.attributes.get("ratio");
        if (a != null && a.f != null) rate = a.f;
        OnnxReader.Tensor t = constant(n, 1);
        if (t != null && t.values.length == 1) rate = t.values[0];
        OnnxLayer l = new OnnxLayer(LayerSpec.Kind.DROPOUT);
        l.rate = Math.min(0.95, Math.max(0, Math.floor(rate * 1e6 + 0.5) / 1e6));
        layers.add(l);
        biasOpen = false;
    }

    private void transpose(OnnxReader.Node n) throws ModelException {
        long[] perm = ints(n, "perm");
        if (shape != null && shape.sequence && Arrays.equals(perm, new long[] {1, 0, 2})) {
            timeMajor = !timeMajor; // [N, T, D] and [T, N, D]
            return;
        }
        if (shape == null && nhwcInput && Arrays.equals(perm, new long[] {0, 3, 1, 2})) {
            // Keras: NHWC images in; the engine's input is CHW, which is what this gives
            shape = new Shape(rawDims[3], rawDims[1], rawDims[2]);
            inputShape = shape;
            nhwcInput = true;
            return;
        }
        if (shape != null && shape.spatial() && !nhwc && Arrays.equals(perm, new long[] {0, 2, 3, 1})) {
            nhwc = true;
            return;
        }
        if (shape != null && shape.spatial() && nhwc && Arrays.equals(perm, new long[] {0, 3, 1, 2})) {
            nhwc = false;
            return;
        }
        throw no(n, "permutes the axes " + Arrays.toString(perm) + " (read: NHWC to NCHW at the input, NCHW to NHWC before a flatten)");
    }

    private void flatten() {
        if (shape.spatial() && nhwc) {
            // HWC order: flat index (y W + x) C + c holds the engine's (c H + y) W + x
            int c = shape.channels, h = shape.height, wd = shape.width;
            rowOrder = new int[c * h * wd];
            for (int ch = 0; ch < c; ch++) for (int y = 0; y < h; y++) for (int x = 0; x < wd; x++) {
                rowOrder[(ch * h + y) * wd + x] = (y * wd + x) * c + ch;
            }
            nhwc = false;
        }
        shape = Shape.flat(shape.size());
    }

    private void reshape(OnnxReader.Node n) throws ModelException {
        OnnxReader.Tensor t = constant(n, 1);
        if (t == null) throw no(n, "has no shape");
        double[] to = t.values;
        if (!shape.spatial() && !shape.sequence && to.length == 3 && layers.isEmpty() && to[1] > 0 && to[2] > 0 && to[1] * to[2] == shape.size()) {
            // flat rows [N, T D] as a sequence [N, T, D], step after step
            shape = Shape.sequence((int) to[1], (int) to[2]);
            inputShape = shape;
            return;
        }
        if (!shape.spatial() && to.length == 4 && layers.isEmpty()) {
            int c = (int) to[1], h = (int) to[2], wd = (int) to[3];
            if (c > 0 && h > 0 && wd > 0 && (long) c * h * wd == shape.size()) {
                shape = new Shape(c, h, wd);
                inputShape = shape;
                return;
            }
        }
        if (to.length == 2 && (to[1] == -1 || to[1] == shape.size())) {
            flatten();
            return;
        }
        throw no(n, "reshapes to " + Arrays.toString(to) + " (read: flat rows to [N, C, H, W] at the input, [N, -1] before a dense layer)");
    }

    private void gemm(OnnxReader.Node n) throws ModelException {
        Limits.check(attr(n, "transA", 0) == 0, "its " + n.label() + " transposes its input (transA)");
        OnnxReader.Attribute alpha = n.attributes.get("alpha"), beta = n.attributes.get("beta");
        if ((alpha != null && alpha.f != null && alpha.f != 1) || (beta != null && beta.f != null && beta.f != 1)) {
            throw no(n, "scales by alpha or beta (1 is read)");
        }
        dense(n, constant(n, 1), attr(n, "transB", 0) == 1);
        OnnxReader.Tensor c = constant(n, 2);
        if (c != null) bias(n, c);
    }

    private void matMul(OnnxReader.Node n) throws ModelException {
        dense(n, constant(n, 1), false);
    }

    private void dense(OnnxReader.Node n, OnnxReader.Tensor w, boolean transposed) throws ModelException {
        if (w == null || w.dims.length != 2) throw no(n, "has no 2-D weight matrix");
        if (shape.spatial()) throw no(n, "gets image maps " + shape + " (a Flatten comes first)");
        int in = transposed ? w.dims[1] : w.dims[0], out = transposed ? w.dims[0] : w.dims[1];
        if (in != shape.size()) throw no(n, "takes " + in + " values, and gets " + shape.size());
        OnnxLayer l = new OnnxLayer(LayerSpec.Kind.DENSE);
        l.units = out;
        l.w = new double[in][out];
        for (int i = 0; i < in; i++) {
            int row = rowOrder == null ? i : rowOrder[i];
            for (int j = 0; j < out; j++) l.w[i][j] = transposed ? w.values[j * in + row] : w.values[row * out + j];
        }
        rowOrder = null;
        l.b = new double[out];
        add(l);
        shape = Shape.flat(out);
    }

    void add(OnnxLayer l) throws ModelException {
        if (outputActivation != null || targetScale != null || targetShift != null) {
            throw new ModelException("it has a layer after its output's " + (outputActivation != null ? outputActivation : "scaling"));
        }
        layers.add(l);
        biasOpen = true;
    }

    void bias(OnnxReader.Node n, OnnxReader.Tensor c) throws ModelException {
        OnnxLayer l = layers.get(layers.size() - 1);
        int width = l.b.length;
        if (c.values.length == width) {
            for (int j = 0; j < width; j++) l.b[j] += c.values[j];
        } else if (c.values.length == 1) {
            for (int j = 0; j < width; j++) l.b[j] += c.values[0];
        } else {
            throw no(n, "adds " + c.values.length + " values to " + width + " outputs");
        }
    }

    private void pool(OnnxReader.Node n) throws ModelException {
        if (!shape.spatial() || nhwc) throw no(n, "does not get NCHW image maps");
        long[] k = ints(n, "kernel_shape"), strides = ints(n, "strides"), pads = ints(n, "pads");
        if (k == null || k.length != 2 || k[0] != k[1]) throw no(n, "has no square window");
        if (strides == null || strides[0] != k[0] || strides[1] != k[1]) throw no(n, "has strides other than its window (the engine's pools do not overlap)");
        if (pads != null) for (long p : pads) if (p != 0) throw no(n, "pads its input");
        OnnxReader.Attribute auto = n.attributes.get("auto_pad");
        if (auto != null && auto.s != null && !auto.s.equals("NOTSET") && !auto.s.equals("VALID")) throw no(n, "pads " + auto.s);
        int side = (int) k[0];
        if (attr(n, "ceil_mode", 0) == 1 && (shape.height % side != 0 || shape.width % side != 0)) throw no(n, "rounds its output size up (ceil_mode)");
        if (side < 2 || side > LayerSpec.MAX_KERNEL || side > shape.height || side > shape.width) throw no(n, "has a window of " + side);
        OnnxLayer l = new OnnxLayer(LayerSpec.Kind.POOL);
        l.kernel = side;
        layers.add(l);
        biasOpen = false;
        shape = new Shape(shape.channels, (shape.height - side) / side + 1, (shape.width - side) / side + 1);
    }

    private void activation(OnnxReader.Node n, String kind) throws ModelException {
        OnnxLayer l = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (kind.equals("sigmoid") && l != null && l.kind == LayerSpec.Kind.DENSE && l.activation == null && biasOpen) {
            // a sigmoid on the last dense layer may be the output's: settled at the end
            l.activation = kind;
            biasOpen = false;
            return;
        }
        if (l == null || (l.kind != LayerSpec.Kind.DENSE && l.kind != LayerSpec.Kind.CONV) || l.activation != null) {
            throw no(n, "does not follow a dense or conv layer (each layer takes one activation, right after it)");
        }
        l.activation = kind;
        biasOpen = false;
    }

    private void last(OnnxReader.Node n, String kind) throws ModelException {
        OnnxLayer l = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (l == null || l.kind != LayerSpec.Kind.DENSE || l.activation != null) throw no(n, "does not follow the last dense layer");
        outputActivation = kind;
        l.activation = kind;
        biasOpen = false;
    }

    private void arithmetic(OnnxReader.Node n) throws ModelException {
        OnnxReader.Tensor c = constant(n, 1);
        if (c == null) throw no(n, "has no constant operand");
        boolean before = layers.isEmpty();
        int width = shape.size();
        if (before) {
            double[] v = spread(n, c, width);
            if (shift == null) {
                shift = new double[width];
                scale = new double[width];
                Arrays.fill(scale, 1);
            }
            switch (n.op) {
                case "Sub":
                    check(n, allOnes(scale), "subtracts after a division");
                    for (int j = 0; j < width; j++) shift[j] += v[j];
                    return;
                case "Add":
                    check(n, allOnes(scale), "adds after a division");
                    for (int j = 0; j < width; j++) shift[j] -= v[j];
                    return;
                case "Div":
                    for (int j = 0; j < width; j++) {
                        check(n, v[j] != 0 && scale[j] == 1, "divides by zero, or twice");
                        scale[j] = v[j];
                    }
                    return;
                default:
                    throw no(n, "multiplies the input (the normalisation read is (x - shift) / scale: Sub, then Div)");
            }
        }
        OnnxLayer l = layers.get(layers.size() - 1);
        if (n.op.equals("Add") && biasOpen) {
            bias(n, c);
            return;
        }
        if (l.kind != LayerSpec.Kind.DENSE || l.activation != null || shape.spatial()) throw no(n, "comes between layers");
        double[] v = spread(n, c, shape.size());
        if (n.op.equals("Mul") && targetScale == null && targetShift == null) {
            targetScale = v;
            biasOpen = false;
            return;
        }
        if (n.op.equals("Add") && targetShift == null) {
            targetShift = v;
            return;
        }
        throw no(n, "comes after the last layer (read there: Mul, then Add, by constants: a regression's scaling)");
    }

    private void check(OnnxReader.Node n, boolean ok, String why) throws ModelException {
        if (!ok) throw no(n, why);
    }

    private static boolean allOnes(double[] v) {
        for (double x : v) if (x != 1) return false;
        return true;
    }

    /** A constant broadcast over the flat values: one value, one per value, or one per channel ([C, 1, 1] or [1, C, 1, 1]). */
    private double[] spread(OnnxReader.Node n, OnnxReader.Tensor c, int width) throws ModelException {
        double[] out = new double[width];
        if (c.values.length == 1) {
            Arrays.fill(out, c.values[0]);
        } else if (c.values.length == width) {
            out = c.values.clone();
        } else if (shape.spatial() && c.values.length == shape.channels) {
            int per = shape.height * shape.width;
            for (int j = 0; j < width; j++) out[j] = c.values[j / per];
        } else {
            throw no(n, "has " + c.values.length + " values for " + width + " inputs");
        }
        return out;
    }
}
