package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.LeakyReLU;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Shape;
import studio.backprop.engine.train.Settings;

/**
 * An ONNX file trained elsewhere (PyTorch's torch.onnx.export, Keras through tf2onnx) or by this
 * app ({@link Onnx}), as a studio model: its graph read as the engine's layers, its weights taken
 * as they are (float32 in the file).
 *
 * <p>The graph is a chain from one input to one output. Read: Gemm (transB 0 or 1) or MatMul with
 * an Add of its bias; Conv (square kernel, equal strides, "same" padding as the engine pads) and
 * MaxPool (window = stride); the activations Relu, Tanh, Sigmoid, LeakyRelu (slope 0.01), Sin after a
 * layer, Softmax at the end; Flatten and Reshape (to an image at the start, flat before a dense
 * layer); Transpose between NHWC and NCHW (Keras' layout: an NHWC input, and a flatten in HWC order,
 * whose next dense layer's rows are put back in the engine's CHW order); Dropout; Identity. Before
 * the first layer, Sub/Add and Div by constants become the model's normalisation; after the last
 * dense layer, Mul and Add by constants its target scaling; this app's own 2-D features (Gather,
 * Mul, Sin, Concat) are read back too. Any other operator or layout gets a message naming it and its
 * node.
 *
 * <p>The data: this app's files say theirs (metadata "settings"); another tool's model is placed
 * on the built-in set of its shape (784 inputs and 10 outputs: MNIST; 4 and 3: iris; an image of
 * another size or colour: the user's own images; ...), and a classifier whose last layer gives
 * logits gets the softmax its training loss applied.
 */
public final class OnnxImport {
    private OnnxImport() {}

    /** A layer as read, with its weights in the engine's layout (dense: in x out; conv: C K K x F). */
    private static final class Layer {
        final LayerSpec.Kind kind;
        int units, kernel, stride;
        double rate;
        double[][] w;
        double[] b;
        String activation;

        Layer(LayerSpec.Kind kind) {
            this.kind = kind;
        }
    }

    public static boolean isOnnx(byte[] b) {
        // a ModelProto opens with its ir_version (field 1, varint) in every exporter
        return b.length > 2 && b[0] == 0x08;
    }

    public static Model read(byte[] bytes) throws ModelException {
        OnnxReader g = OnnxReader.read(bytes);
        Limits.check(g.inputs.size() == 1, "the graph has " + g.inputs.size() + " inputs (one is read)");
        Limits.check(g.outputs.size() == 1, "the graph has " + g.outputs.size() + " outputs (one is read)");
        OnnxReader.Value input = g.inputs.get(0);
        int[] dims = input.dims;
        Limits.check(dims.length == 2 || dims.length == 4, "its input '" + input.name + "' has " + dims.length
                + " dimensions (a batch of rows [N, k] or of images [N, C, H, W] is read)");
        for (int d = 1; d < dims.length; d++) Limits.check(dims[d] > 0, "its input '" + input.name + "' has no fixed size in dimension " + d);
        Walk w = new Walk(g);
        w.current = input.name;
        if (dims.length == 2) {
            w.shape = Shape.flat(dims[1]);
        } else {
            w.nhwcInput = true; // settled by the first node: a Transpose to NCHW, or none
            w.rawDims = dims;
        }
        for (OnnxReader.Node n : g.nodes) w.node(n);
        Limits.check(w.current.equals(g.outputs.get(0).name), "the graph's output '" + g.outputs.get(0).name + "' is not the end of its chain of layers");
        return w.model();
    }

    private static final class Walk {
        final OnnxReader g;
        String current;
        Shape shape, inputShape;
        int[] rawDims;
        boolean nhwcInput, nhwc;
        /** The HWC-to-CHW order the next dense layer's rows need (after a flatten of NHWC maps), or null. */
        int[] rowOrder;
        double[] shift, scale, targetScale, targetShift;
        final List<Layer> layers = new ArrayList<>();
        /** This app's 2-D features: value name to feature index. */
        final Map<String, Integer> features = new LinkedHashMap<>();
        final Map<String, Integer> columns = new LinkedHashMap<>();
        int[] featureList = new int[0];
        /** After the last layer: a Softmax or Sigmoid seen. */
        String outputActivation;
        /** The last layer's output still takes a bias (an Add right after MatMul, Gemm or Conv). */
        boolean biasOpen;

        Walk(OnnxReader g) {
            this.g = g;
        }

        private ModelException no(OnnxReader.Node n, String why) {
            return new ModelException("its " + n.label() + " " + why);
        }

        private OnnxReader.Tensor constant(OnnxReader.Node n, int input) throws ModelException {
            if (n.inputs.size() <= input || n.inputs.get(input).isEmpty()) return null;
            OnnxReader.Tensor t = g.constants.get(n.inputs.get(input));
            if (t == null) throw no(n, "takes '" + n.inputs.get(input) + "', which is not a constant (only a chain of layers is read)");
            return t;
        }

        private long attr(OnnxReader.Node n, String name, long fallback) {
            OnnxReader.Attribute a = n.attributes.get(name);
            return a == null || a.i == null ? fallback : a.i;
        }

        private long[] ints(OnnxReader.Node n, String name) {
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
                case "Dropout": dropout(n); break;
                case "Transpose": transpose(n); break;
                case "Flatten":
                    Limits.check(attr(n, "axis", 1) == 1, "its " + n.label() + " flattens from axis " + attr(n, "axis", 1) + " (axis 1 is read)");
                    flatten();
                    break;
                case "Reshape": reshape(n); break;
                case "Gemm": gemm(n); break;
                case "MatMul": matMul(n); break;
                case "Conv": conv(n); break;
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
                    throw no(n, "is not supported (read: Gemm, MatMul, Add, Conv, MaxPool, Relu, Tanh, Sigmoid, LeakyRelu, Sin, Softmax, "
                            + "Flatten, Reshape, Transpose, Dropout, Identity, and Sub, Div, Mul by constants)");
            }
            current = out;
        }

        /** This app's 2-D features: Gather of a column, Mul and Sin of columns, their Concat. */
        private boolean features(OnnxReader.Node n) throws ModelException {
            boolean fromInput = n.inputs.get(0).equals(current) && layers.isEmpty() && shape != null && !shape.spatial() && shift == null;
            if (n.op.equals("Gather") && fromInput) {
                OnnxReader.Tensor index = constant(n, 1);
                if (index == null || index.values.length != 1 || attr(n, "axis", 0) != 1) throw no(n, "gathers other than one input column");
                columns.put(n.outputs.get(0), (int) index.values[0]);
                return true;
            }
            if (columns.isEmpty()) return false;
            String a = n.inputs.get(0), b = n.inputs.size() > 1 ? n.inputs.get(1) : null;
            Integer ca = columns.get(a), cb = b == null ? null : columns.get(b);
            int f = -1;
            if (n.op.equals("Mul") && ca != null && cb != null) f = ca == 0 && cb == 0 ? 2 : ca == 1 && cb == 1 ? 3 : 4;
            else if (n.op.equals("Sin") && ca != null) f = ca == 0 ? 5 : 6;
            if (f >= 0) {
                features.put(n.outputs.get(0), f);
                return true;
            }
            if (n.op.equals("Concat")) {
                int[] list = new int[n.inputs.size()];
                for (int i = 0; i < list.length; i++) {
                    String v = n.inputs.get(i);
                    Integer col = columns.get(v), feat = features.get(v);
                    if (col == null && feat == null) throw no(n, "joins '" + v + "', which is none of the 2-D features");
                    list[i] = feat != null ? feat : col;
                }
                featureList = list;
                columns.clear();
                current = n.outputs.get(0);
                shape = Shape.flat(list.length);
                inputShape = null;
                return true;
            }
            throw no(n, "is not one of this app's 2-D features (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2)");
        }

        private void dropout(OnnxReader.Node n) throws ModelException {
            double rate = 0.5;
            OnnxReader.Attribute a = n.attributes.get("ratio");
            if (a != null && a.f != null) rate = a.f;
            OnnxReader.Tensor t = constant(n, 1);
            if (t != null && t.values.length == 1) rate = t.values[0];
            Layer l = new Layer(LayerSpec.Kind.DROPOUT);
            l.rate = Math.min(0.95, Math.max(0, Math.floor(rate * 1e6 + 0.5) / 1e6));
            layers.add(l);
            biasOpen = false;
        }

        private void transpose(OnnxReader.Node n) throws ModelException {
            long[] perm = ints(n, "perm");
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
            Layer l = new Layer(LayerSpec.Kind.DENSE);
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

        private void add(Layer l) throws ModelException {
            if (outputActivation != null || targetScale != null || targetShift != null) {
                throw new ModelException("it has a layer after its output's " + (outputActivation != null ? outputActivation : "scaling"));
            }
            layers.add(l);
            biasOpen = true;
        }

        private void bias(OnnxReader.Node n, OnnxReader.Tensor c) throws ModelException {
            Layer l = layers.get(layers.size() - 1);
            int width = l.b.length;
            if (c.values.length == width) {
                for (int j = 0; j < width; j++) l.b[j] += c.values[j];
            } else if (c.values.length == 1) {
                for (int j = 0; j < width; j++) l.b[j] += c.values[0];
            } else {
                throw no(n, "adds " + c.values.length + " values to " + width + " outputs");
            }
        }

        private void conv(OnnxReader.Node n) throws ModelException {
            if (!shape.spatial()) throw no(n, "gets " + shape.size() + " flat values (a conv needs images: an input of [N, C, H, W] or a Reshape)");
            if (nhwc) throw no(n, "gets NHWC maps");
            OnnxReader.Tensor w = constant(n, 1);
            if (w == null || w.dims.length != 4) throw no(n, "has no 4-D filters");
            int f = w.dims[0], c = w.dims[1], kh = w.dims[2], kw = w.dims[3];
            if (attr(n, "group", 1) != 1) throw no(n, "is a grouped convolution");
            if (c != shape.channels) throw no(n, "has filters of " + c + " channels for " + shape.channels);
            if (kh != kw) throw no(n, "has a " + kh + "\u00d7" + kw + " kernel (square kernels are read)");
            long[] strides = ints(n, "strides"), dil = ints(n, "dilations"), pads = ints(n, "pads");
            int s = strides == null ? 1 : (int) strides[0];
            if (strides != null && (strides.length != 2 || strides[1] != s)) throw no(n, "has strides " + Arrays.toString(strides) + " (equal strides are read)");
            if (dil != null) for (long d : dil) if (d != 1) throw no(n, "is dilated");
            if (kh > LayerSpec.MAX_KERNEL || s > LayerSpec.MAX_KERNEL || f > LayerSpec.MAX_FILTERS) throw no(n, "is larger than the engine's conv layers (" + LayerSpec.MAX_FILTERS + " filters, kernels up to " + LayerSpec.MAX_KERNEL + ")");
            Conv2D same = new Conv2D(c, shape.height, shape.width, 1, kh, s);
            OnnxReader.Attribute auto = n.attributes.get("auto_pad");
            String autoPad = auto == null || auto.s == null ? "NOTSET" : auto.s;
            long[] want = {same.padTop, same.padLeft, same.padBottom, same.padRight};
            boolean fits = autoPad.equals("SAME_UPPER") || (autoPad.equals("NOTSET") && Arrays.equals(pads == null ? new long[4] : pads, want))
                    || (autoPad.equals("VALID") && Arrays.equals(new long[4], want));
            if (!fits) {
                throw no(n, "pads " + (autoPad.equals("NOTSET") ? Arrays.toString(pads == null ? new long[4] : pads) : autoPad) + "; the engine's conv pads \"same\" "
                        + Arrays.toString(want) + " for this input (unpadded, valid convolutions are not read yet)");
            }
            Layer l = new Layer(LayerSpec.Kind.CONV);
            l.units = f;
            l.kernel = kh;
            l.stride = s;
            l.w = new double[c * kh * kh][f];
            for (int fi = 0; fi < f; fi++) {
                for (int k = 0; k < c * kh * kh; k++) l.w[k][fi] = w.values[fi * c * kh * kh + k];
            }
            l.b = new double[f];
            add(l);
            OnnxReader.Tensor b = constant(n, 2);
            if (b != null) bias(n, b);
            shape = new Shape(f, same.outH, same.outW);
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
            Layer l = new Layer(LayerSpec.Kind.POOL);
            l.kernel = side;
            layers.add(l);
            biasOpen = false;
            shape = new Shape(shape.channels, (shape.height - side) / side + 1, (shape.width - side) / side + 1);
        }

        private void activation(OnnxReader.Node n, String kind) throws ModelException {
            Layer l = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            if (kind.equals("sigmoid") && l != null && l.kind == LayerSpec.Kind.DENSE && l.activation == null && biasOpen) {
                // a sigmoid on the last dense layer may be the output's: settled at the end
                l.activation = kind;
                biasOpen = false;
                return;
            }
            if (l == null || (l.kind != LayerSpec.Kind.DENSE && l.kind != LayerSpec.Kind.CONV) || l.activation != null || !biasOpenOrJustAfter(l)) {
                throw no(n, "does not follow a dense or conv layer (each layer takes one activation, right after it)");
            }
            l.activation = kind;
            biasOpen = false;
        }

        private boolean biasOpenOrJustAfter(Layer l) {
            return biasOpen || l.activation == null;
        }

        private void last(OnnxReader.Node n, String kind) throws ModelException {
            Layer l = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            if (l == null || l.kind != LayerSpec.Kind.DENSE || l.activation != null) throw no(n, "does not follow the last dense layer");
            outputActivation = kind;
            l.activation = kind;
            biasOpen = false;
        }

        private void arithmetic(OnnxReader.Node n) throws ModelException {
            OnnxReader.Tensor c = constant(n, 1);
            if (c == null) throw no(n, "has no constant operand");
            boolean before = layers.isEmpty();
            int width = before ? shape.size() : shape.size();
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
            Layer l = layers.get(layers.size() - 1);
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

        Model model() throws ModelException {
            Limits.check(!layers.isEmpty() && layers.get(layers.size() - 1).kind == LayerSpec.Kind.DENSE,
                    "its last layer is not a dense one (Gemm or MatMul), which the engine's output layer is");
            Layer out = layers.get(layers.size() - 1);
            int outputs = out.units;
            Map<String, String> meta = g.metadata;
            Settings settings = new Settings();
            if (meta.containsKey("settings")) {
                Object v = Json.parse(meta.get("settings"));
                if (v instanceof Map) {
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        if (e.getValue() instanceof String && Settings.isKey((String) e.getKey())) settings.set((String) e.getKey(), (String) e.getValue());
                    }
                }
            }
            String[] classes = jsonArray(meta.get("classes"));
            String[] targets = jsonArray(meta.get("targets"));
            String[] inputs = jsonArray(meta.get("inputs"));
            String finalAct = out.activation;
            String loss;
            if ("softmax".equals(finalAct)) {
                loss = "ce";
            } else if ("sigmoid".equals(finalAct)) {
                Limits.check(outputs == 1, "it ends in " + outputs + " sigmoid outputs (one sigmoid output, for two classes, is read)");
                loss = "bce";
            } else {
                Limits.check(finalAct == null, "it ends in a " + finalAct + " (the output is a dense layer with softmax, one sigmoid or nothing)");
                // no final activation: a regression, or logits that a classifier's training loss turned into probabilities
                boolean logits = classes.length == outputs && outputs >= 2
                        || !meta.containsKey("settings") && classes.length == 0 && outputs >= 2 && classifier(inputShape, featureList, outputs);
                loss = logits ? "ce" : "mse";
                out.activation = logits ? "softmax" : "identity";
            }
            if (!meta.containsKey("settings")) place(settings, outputs, loss);
            if (featureList.length > 0) settings.set("features", featureNames(featureList));
            List<LayerSpec> hidden = new ArrayList<>();
            for (int i = 0; i < layers.size() - 1; i++) {
                Layer l = layers.get(i);
                String act = l.activation == null ? "identity" : l.activation;
                switch (l.kind) {
                    case DENSE: hidden.add(LayerSpec.dense(l.units, act)); break;
                    case CONV: hidden.add(LayerSpec.conv(l.units, l.kernel, l.stride, act)); break;
                    case POOL: hidden.add(LayerSpec.pool(l.kernel)); break;
                    default: hidden.add(LayerSpec.dropout(l.rate)); break;
                }
            }
            if (meta.containsKey("settings")) hidden = withDropouts(settings, hidden);
            Limits.check(hidden.size() <= LayerSpec.MAX_LAYERS, "it has " + hidden.size() + " hidden layers (the engine builds up to " + LayerSpec.MAX_LAYERS + ")");
            settings.setLayers(hidden);
            settings.set("loss", loss);
            String outAct = loss.equals("ce") ? "softmax" : loss.equals("bce") ? "sigmoid" : "identity";
            Shape in = inputShape != null ? inputShape : shape;
            Network net;
            try {
                net = Network.build(in, hidden, outputs, outAct, settings.math());
            } catch (IllegalArgumentException e) {
                throw new ModelException(e.getMessage());
            }
            int li = 0;
            for (Module m : net.modules()) {
                if (!(m instanceof Linear) && !(m instanceof Conv2D)) continue;
                while (layers.get(li).kind != LayerSpec.Kind.DENSE && layers.get(li).kind != LayerSpec.Kind.CONV) li++;
                Layer l = layers.get(li++);
                double[][] w = m instanceof Linear ? ((Linear) m).W.value : ((Conv2D) m).W.value;
                double[] b = m instanceof Linear ? ((Linear) m).W0.value[0] : ((Conv2D) m).W0.value[0];
                for (int r = 0; r < w.length; r++) System.arraycopy(l.w[r], 0, w[r], 0, w[r].length);
                System.arraycopy(l.b, 0, b, 0, b.length);
            }
            int width = net.modules().isEmpty() ? 0 : in.size();
            int columnsIn = featureList.length > 0 ? 2 : width;
            String[] names = inputs.length == columnsIn ? inputs : new String[columnsIn];
            if (inputs.length != columnsIn) for (int i = 0; i < columnsIn; i++) names[i] = "x" + (i + 1);
            List<Encoding.Column> cols = new ArrayList<>();
            for (String name : names) cols.add(new Encoding.Column(name, null));
            if (shift == null) {
                shift = new double[width];
                scale = new double[width];
                Arrays.fill(scale, 1);
                if (!meta.containsKey("settings")) settings.set("norm", "none");
            }
            String[] classNames = classes;
            if (!loss.equals("mse") && classNames.length == 0) {
                classNames = new String[loss.equals("bce") ? 2 : outputs];
                for (int i = 0; i < classNames.length; i++) classNames[i] = "class " + (i + 1);
            }
            String[] targetNames = targets.length > 0 ? targets : new String[] {loss.equals("mse") && outputs == 1 ? "y" : "class"};
            if (loss.equals("mse") && targetNames.length != outputs) {
                targetNames = new String[outputs];
                for (int i = 0; i < outputs; i++) targetNames[i] = "y" + (i + 1);
            }
            Normalizer targetScaling = null;
            if (targetScale != null || targetShift != null) {
                Limits.check(loss.equals("mse"), "it scales a classifier's output");
                double[] sc = targetScale != null ? targetScale : ones(outputs), sh = targetShift != null ? targetShift : new double[outputs];
                targetScaling = new Normalizer("standard", sh, sc);
            } else if (loss.equals("mse") && !meta.containsKey("settings")) {
                settings.set("ynorm", "none");
            }
            return Limits.build(settings.asMap(), cols, featureList, new Normalizer(shift.length == 0 ? "none" : "standard", shift, scale),
                    targetNames, classNames, loss, in.size(), net.modules(), targetScaling);
        }

        /** This app's file names its dropout layers in its settings (an ONNX graph has none when predicting): kept where the rest agrees. */
        private static List<LayerSpec> withDropouts(Settings settings, List<LayerSpec> read) {
            List<LayerSpec> named;
            try {
                named = settings.layers();
            } catch (IllegalArgumentException e) {
                return read;
            }
            List<LayerSpec> rest = new ArrayList<>();
            for (LayerSpec l : named) if (l.kind != LayerSpec.Kind.DROPOUT) rest.add(l);
            String[] a = LayerSpec.format(rest, "tanh"), b = LayerSpec.format(read, "tanh");
            return a[0].equals(b[0]) && a[1].equals(b[1]) ? named : read;
        }

        private static double[] ones(int n) {
            double[] v = new double[n];
            Arrays.fill(v, 1);
            return v;
        }

        /** Another tool's model: the built-in set of its shape, or the user's own images or table. */
        private void place(Settings settings, int outputs, String loss) throws ModelException {
            Shape in = inputShape != null ? inputShape : shape;
            if (in.spatial()) {
                if (in.channels == 1 && in.height == 28 && in.width == 28 && outputs == 10) { settings.set("data", "mnist"); return; }
                if (in.channels == 1 && in.height == 8 && in.width == 8 && outputs == 10) { settings.set("data", "digits"); return; }
                Limits.check(in.height == in.width && (in.channels == 1 || in.channels == 3),
                        "its input images are " + in + " (square, grey or RGB images are read)");
                String format = (in.channels == 1 ? "grey" : "rgb") + in.height;
                try {
                    ImageFormat.parse(format);
                } catch (IllegalArgumentException e) {
                    throw new ModelException("its input images are " + in.height + "\u00d7" + in.width + " (the studio's images are 28, 32 or 64 pixels a side)");
                }
                settings.set("data", "images").set("image", format);
                return;
            }
            int k = featureList.length > 0 ? 2 : in.size();
            String data = k == 2 ? (loss.equals("mse") ? "plane" : "spiral")
                    : k == 1 && loss.equals("mse") ? "sine"
                    : k == 784 && outputs == 10 ? "mnist"
                    : k == 64 && outputs == 10 ? "digits"
                    : k == 4 && outputs == 3 ? "iris"
                    : k == 13 && outputs == 3 ? "wine"
                    : k == 30 && (outputs == 2 || (outputs == 1 && loss.equals("bce"))) ? "cancer"
                    : "your-data.csv";
            settings.set("data", data);
            if (data.equals("mnist") || data.equals("digits")) return;
            if (data.equals("spiral") && featureList.length == 0) settings.set("features", "x1,x2");
        }

        private static boolean classifier(Shape in, int[] features, int outputs) {
            int k = in == null ? 0 : in.size();
            if (in != null && in.spatial()) return true;
            return k == 784 || k == 64 || (k == 4 && outputs == 3) || (k == 13 && outputs == 3) || (k == 30 && outputs == 2);
        }

        private static String featureNames(int[] list) {
            StringBuilder sb = new StringBuilder();
            for (int f : list) sb.append(sb.length() > 0 ? "," : "").append(Features.KEYS[f]);
            return sb.toString();
        }

        private static String[] jsonArray(String text) throws ModelException {
            if (text == null || text.isEmpty()) return new String[0];
            Object v = Json.parse(text);
            if (!(v instanceof List)) return new String[0];
            List<?> list = (List<?>) v;
            String[] out = new String[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof String)) return new String[0];
                out[i] = (String) list.get(i);
            }
            return out;
        }
    }
}
