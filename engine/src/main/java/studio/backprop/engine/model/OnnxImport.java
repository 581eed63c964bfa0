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
import studio.backprop.engine.nn.Recurrent;
import studio.backprop.engine.nn.Shape;
import studio.backprop.engine.train.Settings;

/**
 * An ONNX file trained elsewhere (PyTorch's torch.onnx.export, Keras through tf2onnx) or by this
 * app ({@link Onnx}), as a studio model: its graph read as the engine's layers, its weights taken
 * as they are (float32 in the file).
 *
 * <p>The graph is a chain from one input to one output. Read: Gemm (transB 0 or 1) or MatMul with
 * an Add of its bias; Conv (square kernel, equal strides, "same" padding as the engine pads) and
 * MaxPool (window = stride); RNN, GRU and LSTM on a sequence (see {@link OnnxRecurrent}); the activations Relu, Tanh, Sigmoid, LeakyRelu (slope 0.01), Sin after a
 * layer, Softmax at the end; Flatten and Reshape (to an image or a sequence [N, T, D] at the start, flat
 * before a dense layer), Squeeze after a recurrent node; Transpose between NHWC and NCHW (Keras' layout: an NHWC input, and a flatten in HWC order,
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
        Limits.check(dims.length >= 2 && dims.length <= 4, "its input '" + input.name + "' has " + dims.length
                + " dimensions (a batch of rows [N, k], of sequences [N, T, D] or of images [N, C, H, W] is read)");
        for (int d = 1; d < dims.length; d++) Limits.check(dims[d] > 0, "its input '" + input.name + "' has no fixed size in dimension " + d);
        OnnxLayers w = new OnnxLayers(g);
        w.current = input.name;
        if (dims.length == 2) {
            w.shape = Shape.flat(dims[1]);
        } else if (dims.length == 3) {
            w.shape = Shape.sequence(dims[1], dims[2]); // the engine's rows hold the same values, step after step
            w.inputShape = w.shape;
        } else {
            w.nhwcInput = true; // settled by the first node: a Transpose to NCHW, or none
            w.rawDims = dims;
        }
        for (OnnxReader.Node n : g.nodes) w.node(n);
        Limits.check(w.current.equals(g.outputs.get(0).name), "the graph's output '" + g.outputs.get(0).name + "' is not the end of its chain of layers");
        return model(w);
    }

    private static Model model(OnnxLayers w) throws ModelException {
        Limits.check(!w.layers.isEmpty() && w.layers.get(w.layers.size() - 1).kind == LayerSpec.Kind.DENSE,
                "its last layer is not a dense one (Gemm or MatMul), which the engine's output layer is");
        OnnxLayer out = w.layers.get(w.layers.size() - 1);
        int outputs = out.units;
        Map<String, String> meta = w.g.metadata;
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
                    || !meta.containsKey("settings") && classes.length == 0 && outputs >= 2 && classifier(w.inputShape, w.featureList, outputs);
            loss = logits ? "ce" : "mse";
            out.activation = logits ? "softmax" : "identity";
        }
        if (!meta.containsKey("settings")) place(w, settings, outputs, loss);
        if (w.featureList.length > 0) settings.set("features", featureNames(w.featureList));
        List<LayerSpec> hidden = new ArrayList<>();
        for (int i = 0; i < w.layers.size() - 1; i++) {
            OnnxLayer l = w.layers.get(i);
            String act = l.activation == null ? "identity" : l.activation;
            switch (l.kind) {
                case DENSE: hidden.add(LayerSpec.dense(l.units, act)); break;
                case CONV: hidden.add(LayerSpec.conv(l.units, l.kernel, l.stride, act)); break;
                case POOL: hidden.add(LayerSpec.pool(l.kernel)); break;
                case RNN: case GRU: case LSTM: hidden.add(LayerSpec.recurrent(l.kind, l.units)); break;
                default: hidden.add(LayerSpec.dropout(l.rate)); break;
            }
        }
        if (meta.containsKey("settings")) hidden = withDropouts(settings, hidden);
        Limits.check(hidden.size() <= LayerSpec.MAX_LAYERS, "it has " + hidden.size() + " hidden layers (the engine builds up to " + LayerSpec.MAX_LAYERS + ")");
        settings.setLayers(hidden);
        settings.set("loss", loss);
        String outAct = loss.equals("ce") ? "softmax" : loss.equals("bce") ? "sigmoid" : "identity";
        Shape in = w.inputShape != null ? w.inputShape : w.shape;
        Network net;
        try {
            net = Network.build(in, hidden, outputs, outAct, settings.math());
        } catch (IllegalArgumentException e) {
            throw new ModelException(e.getMessage());
        }
        int li = 0;
        for (Module m : net.modules()) {
            if (!(m instanceof Linear) && !(m instanceof Conv2D) && !(m instanceof Recurrent)) continue;
            while (w.layers.get(li).kind == LayerSpec.Kind.POOL || w.layers.get(li).kind == LayerSpec.Kind.DROPOUT) li++;
            OnnxLayer l = w.layers.get(li++);
            if (m instanceof Recurrent) {
                Recurrent r = (Recurrent) m;
                for (int k = 0; k < l.w.length; k++) System.arraycopy(l.w[k], 0, r.W.value[k], 0, l.w[k].length);
                for (int k = 0; k < l.wh.length; k++) System.arraycopy(l.wh[k], 0, r.Wh.value[k], 0, l.wh[k].length);
                System.arraycopy(l.b, 0, r.W0.value[0], 0, l.b.length);
                continue;
            }
            double[][] weights = m instanceof Linear ? ((Linear) m).W.value : ((Conv2D) m).W.value;
            double[] b = m instanceof Linear ? ((Linear) m).W0.value[0] : ((Conv2D) m).W0.value[0];
            for (int r = 0; r < weights.length; r++) System.arraycopy(l.w[r], 0, weights[r], 0, weights[r].length);
            System.arraycopy(l.b, 0, b, 0, b.length);
        }
        int width = net.modules().isEmpty() ? 0 : in.size();
        int columnsIn = w.featureList.length > 0 ? 2 : width;
        String[] names = inputs.length == columnsIn ? inputs : new String[columnsIn];
        if (inputs.length != columnsIn) for (int i = 0; i < columnsIn; i++) names[i] = "x" + (i + 1);
        List<Encoding.Column> cols = new ArrayList<>();
        for (String name : names) cols.add(new Encoding.Column(name, null));
        if (w.shift == null) {
            w.shift = new double[width];
            w.scale = new double[width];
            Arrays.fill(w.scale, 1);
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
        if (w.targetScale != null || w.targetShift != null) {
            Limits.check(loss.equals("mse"), "it scales a classifier's output");
            double[] sc = w.targetScale != null ? w.targetScale : ones(outputs), sh = w.targetShift != null ? w.targetShift : new double[outputs];
            targetScaling = new Normalizer("standard", sh, sc);
        } else if (loss.equals("mse") && !meta.containsKey("settings")) {
            settings.set("ynorm", "none");
        }
        return Limits.build(settings.asMap(), cols, w.featureList, new Normalizer(w.shift.length == 0 ? "none" : "standard", w.shift, w.scale),
                targetNames, classNames, loss, in.size(), net.modules(), targetScaling);
    }

    /** This app's file names its dropout w.layers in its settings (an ONNX graph has none when predicting): kept where the rest agrees. */
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

    /** Another tool's model: the built-in set of its w.shape, or the user's own images or table. */
    private static void place(OnnxLayers w, Settings settings, int outputs, String loss) throws ModelException {
        Shape in = w.inputShape != null ? w.inputShape : w.shape;
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
        int k = w.featureList.length > 0 ? 2 : in.size();
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
        if (data.equals("spiral") && w.featureList.length == 0) settings.set("features", "x1,x2");
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
