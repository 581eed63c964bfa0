package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.List;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Dropout;
import studio.backprop.engine.nn.LeakyReLU;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.MaxPool2D;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.GRU;
import studio.backprop.engine.nn.LSTM;
import studio.backprop.engine.nn.RNN;
import studio.backprop.engine.nn.OneHot;
import studio.backprop.engine.nn.Recurrent;
import studio.backprop.engine.nn.StepLinear;
import studio.backprop.engine.nn.StepSoftmax;

/**
 * A model as an ONNX file (IR 7, opset 13, float32) that any ONNX runtime can run.
 *
 * <p>Input "input" is [N, k]: the encoded columns in {@link Model#encoding} order (a
 * categorical column one-hot, as in the model file; for 2-D sets x1 and x2). The graph then
 * does what {@link Model#predict} does: the 2-D features (Gather, Mul, Sin, Concat), the
 * normalisation (Sub, Div), and per layer Gemm and the activation (Relu, LeakyRelu, Tanh,
 * Sigmoid, Sin, Softmax); an image net reshapes the pixels to [N, C, H, W] (Reshape) for its
 * Conv and MaxPool layers and flattens them (Flatten) before its first dense layer; dropout is
 * the identity when predicting and has no node; a series net reshapes its window to ONNX's [T, N, D]
 * (Reshape, Transpose) for its RNN, GRU and LSTM nodes (each followed by a Squeeze of the direction
 * axis: every step's state for a recurrent layer after it, the last step's for a dense one); a text
 * net takes its window's symbol indices [N, T] (OneHot, time-major), a MatMul and Add at every
 * step and a Softmax over the characters, back to [N, T V]. Output "output" is [N, outputs]: class
 * probabilities for a classifier (a text's: each step's next character, step after step), the predicted values for regression. Input names, targets and class labels are
 * in the metadata as JSON arrays.
 */
public final class Onnx {
    private Onnx() {}

    private static final int FLOAT = 1, INT64 = 7;
    private static final int ATTR_FLOAT = 1, ATTR_INT = 2, ATTR_INTS = 7, ATTR_STRINGS = 8;

    public static byte[] write(Model model) {
        Graph g = new Graph();
        String x = "input";
        if (model.features.length > 0) x = features(g, model.features);
        if (!model.normalizer.kind.equals("none")) {
            g.tensor("shift", new int[] {model.normalizer.shift.length}, model.normalizer.shift);
            g.tensor("scale", new int[] {model.normalizer.scale.length}, model.normalizer.scale);
            x = g.node("Sub", "centred", x, "shift");
            x = g.node("Div", "normalised", x, "scale");
        }
        int layer = 0, textSteps = 0;
        boolean spatial = false, sequence = false;
        for (Module m : model.network.modules()) {
            String kind = m.kind();
            if (m instanceof OneHot) {
                // a text's symbol indices [N, T] one-hot [N, T, V], then time-major [T, N, V]
                OneHot oh = (OneHot) m;
                textSteps = oh.steps;
                g.tensor("depth", new int[] {1}, new double[] {oh.vocab});
                g.tensor("one_hot_values", new int[] {2}, new double[] {0, 1});
                x = g.node("OneHot", "symbols", x, "depth", "one_hot_values");
                x = g.node("Transpose", "time_major", x);
                g.intsAttribute("perm", 1, 0, 2);
                sequence = true;
                continue;
            }
            if (m instanceof StepLinear) {
                // the same weights at every step of [T, N, m]
                StepLinear lin = (StepLinear) m;
                layer++;
                String w = "W" + layer, w0 = "W0_" + layer;
                g.tensor(w, new int[] {lin.m, lin.n}, flat(lin.W.value));
                g.tensor(w0, new int[] {lin.n}, lin.W0.value[0]);
                x = g.node("Add", "Z" + layer, g.node("MatMul", "XW" + layer, x, w), w0);
                continue;
            }
            if (m instanceof StepSoftmax) {
                x = g.node("Softmax", "A" + layer, x);
                g.intAttribute("axis", 2); // of [T, N, V]
                continue;
            }
            if (m instanceof Recurrent) {
                Recurrent r = (Recurrent) m;
                if (!sequence) {
                    // [N, T D] to ONNX's sequence layout [T, N, D]
                    g.longsTensor("sequence_shape", -1, r.steps, r.inputs);
                    x = g.node("Reshape", "steps", x, "sequence_shape");
                    x = g.node("Transpose", "time_major", x);
                    g.intsAttribute("perm", 1, 0, 2);
                    sequence = true;
                }
                layer++;
                x = recurrent(g, r, x, layer);
                sequence = r.sequences;
                continue;
            }
            if (m instanceof Conv2D || m instanceof MaxPool2D) {
                if (!spatial) x = image(g, x, m.shape());
                spatial = true;
            }
            if (m instanceof Conv2D) {
                Conv2D conv = (Conv2D) m;
                layer++;
                String w = "W" + layer, w0 = "W0_" + layer;
                double[] filters = new double[conv.F * conv.inC * conv.K * conv.K];
                conv.filters(filters);
                g.tensor(w, new int[] {conv.F, conv.inC, conv.K, conv.K}, filters);
                g.tensor(w0, new int[] {conv.F}, conv.W0.value[0]);
                x = g.node("Conv", "Z" + layer, x, w, w0);
                g.intsAttribute("kernel_shape", conv.K, conv.K);
                g.intsAttribute("strides", conv.S, conv.S);
                g.intsAttribute("pads", conv.padTop, conv.padLeft, conv.padBottom, conv.padRight);
            } else if (m instanceof MaxPool2D) {
                MaxPool2D pool = (MaxPool2D) m;
                x = g.node("MaxPool", "P" + layer, x);
                g.intsAttribute("kernel_shape", pool.K, pool.K);
                g.intsAttribute("strides", pool.K, pool.K);
            } else if (m instanceof Dropout) {
                continue; // the identity when predicting
            } else if (m instanceof Linear) {
                Linear lin = (Linear) m;
                if (spatial) {
                    // [N, C, H, W] to [N, C H W]: channel-major, as the engine lays a sample out
                    x = g.node("Flatten", "flat" + layer, x);
                    g.intAttribute("axis", 1);
                    spatial = false;
                }
                layer++;
                String w = "W" + layer, w0 = "W0_" + layer;
                g.tensor(w, new int[] {lin.m, lin.n}, flat(lin.W.value));
                g.tensor(w0, new int[] {lin.n}, lin.W0.value[0]);
                x = g.node("Gemm", "Z" + layer, x, w, w0);
            } else if (kind.equals("leaky-relu")) {
                x = g.node("LeakyRelu", "A" + layer, x);
                g.floatAttribute("alpha", LeakyReLU.SLOPE);
            } else if (!kind.equals("identity")) {
                x = g.node(op(kind), "A" + layer, x);
            }
        }
        if (textSteps > 0) {
            // [T, N, V] back to the engine's rows: [N, T V], step after step
            x = g.node("Transpose", "batch_major", x);
            g.intsAttribute("perm", 1, 0, 2);
            g.longsTensor("rows_shape", -1, textSteps * model.classes.length);
            x = g.node("Reshape", "steps_flat", x, "rows_shape");
        }
        if (!model.targets.isIdentity()) {
            // a regression's outputs back in the target's units: y = z scale + shift
            g.tensor("target_scale", new int[] {model.targets.scale.length}, model.targets.scale);
            g.tensor("target_shift", new int[] {model.targets.shift.length}, model.targets.shift);
            x = g.node("Mul", "scaled", x, "target_scale");
            x = g.node("Add", "unscaled", x, "target_shift");
        }
        if (!g.renameLast(x, "output")) g.node("Identity", "output", x);

        Protobuf graph = new Protobuf();
        for (Node n : g.nodes) graph.message(1, n.proto());
        graph.string(2, "backprop-studio");
        for (Protobuf t : g.tensors) graph.message(5, t);
        graph.message(11, valueInfo("input", model.encoding.inputNames().length));
        graph.message(12, valueInfo("output", model.network.outputs()));

        Protobuf file = new Protobuf();
        file.varint(1, 7);
        file.string(2, "Backprop Studio");
        file.string(3, Integer.toString(Model.VERSION));
        file.string(6, "input: the encoded columns (see metadata 'inputs'); output: "
                + (model.classes.length > 0 ? "class probabilities (metadata 'classes')" : "predicted values (metadata 'targets')"));
        file.message(7, graph);
        file.message(8, new Protobuf().string(1, "").varint(2, 13));
        metadata(file, "inputs", jsonArray(model.encoding.inputNames()));
        metadata(file, "targets", jsonArray(model.targetNames));
        metadata(file, "classes", jsonArray(model.classes));
        metadata(file, "loss", model.loss);
        metadata(file, "settings", jsonObject(model.settings.asMap()));
        String image = model.settings.get("image");
        if (!image.isEmpty()) {
            metadata(file, "image", image + ": the image laid over white, its centred square cut out, scaled by area averaging to "
                    + studio.backprop.engine.data.ImageFormat.parse(image).side + " pixels, rounded to 8-bit levels (grey: the luma 0.299 R + 0.587 G + 0.114 B, rounded),"
                    + " each level / 255, channel by channel (NCHW)");
        }
        String sound = model.settings.get("sound");
        if (!sound.isEmpty()) metadata(file, "sound", studio.backprop.engine.sound.SoundFormat.parse(sound).describe());
        return file.bytes();
    }

    /** ONNX's gate order, as indices into the module's own (LSTM: i, o, f, c of i, f, g, o; GRU z, r, h and RNN as they are). */
    private static int[] gateOrder(Recurrent r) {
        return r instanceof LSTM ? new int[] {0, 3, 1, 2} : r instanceof GRU ? new int[] {0, 1, 2} : new int[] {0};
    }

    /**
     * A recurrent module as ONNX's RNN, GRU (linear_before_reset = 1, the engine's reset after
     * the product) or LSTM node on x [T, N, D]: W [1, G H, D] and R [1, G H, H] are the module's W
     * and Wh transposed, gate by gate in ONNX's order; B is W0 and zeros for the recurrent bias.
     * Its output: every step's state [T, N, H] (Y, its direction axis squeezed) for a recurrent
     * module after it, else the last step's [N, H] (Y_h squeezed).
     */
    private static String recurrent(Graph g, Recurrent r, String x, int layer) {
        int H = r.hidden, D = r.inputs, G = r.gates;
        int[] order = gateOrder(r);
        double[] w = new double[G * H * D], rec = new double[G * H * H], b = new double[2 * G * H];
        for (int gate = 0; gate < G; gate++) {
            int from = order[gate] * H;
            for (int j = 0; j < H; j++) {
                for (int k = 0; k < D; k++) w[(gate * H + j) * D + k] = r.W.value[k][from + j];
                for (int k = 0; k < H; k++) rec[(gate * H + j) * H + k] = r.Wh.value[k][from + j];
                b[gate * H + j] = r.W0.value[0][from + j];
            }
        }
        String wn = "W" + layer, rn = "R" + layer, bn = "B" + layer;
        g.tensor(wn, new int[] {1, G * H, D}, w);
        g.tensor(rn, new int[] {1, G * H, H}, rec);
        g.tensor(bn, new int[] {1, 2 * G * H}, b);
        String op = r instanceof LSTM ? "LSTM" : r instanceof GRU ? "GRU" : "RNN";
        String y = "Y" + layer;
        g.nodeOutputs(op, r.sequences ? new String[] {y} : new String[] {"", y}, x, wn, rn, bn);
        g.intAttribute("hidden_size", H);
        if (r instanceof GRU) g.intAttribute("linear_before_reset", 1);
        if (r instanceof RNN && ((RNN) r).relu) g.stringsAttribute("activations", "Relu");
        g.longsTensor("axis" + layer, r.sequences ? 1 : 0);
        return g.node("Squeeze", "H" + layer, y, "axis" + layer);
    }

    /** The flat input [N, C H W] as an image batch [N, C, H, W] (the first spatial module's input shape). */
    private static String image(Graph g, String x, int[] shape) {
        g.longsTensor("image_shape", -1, shape[0], shape[1], shape[2]);
        return g.node("Reshape", "image", x, "image_shape");
    }

    private static String op(String kind) {
        switch (kind) {
            case "relu": return "Relu";
            case "tanh": return "Tanh";
            case "sigmoid": return "Sigmoid";
            case "sine": return "Sin";
            case "softmax": return "Softmax";
            default: throw new IllegalArgumentException("no ONNX operator for module '" + kind + "'");
        }
    }

    /** x1, x2 from the input's two columns, then the chosen features side by side. */
    private static String features(Graph g, int[] features) {
        g.longTensor("col0", 0);
        g.longTensor("col1", 1);
        String x1 = g.node("Gather", "x1", "input", "col0");
        g.intAttribute("axis", 1);
        String x2 = g.node("Gather", "x2", "input", "col1");
        g.intAttribute("axis", 1);
        String[] parts = new String[features.length];
        for (int i = 0; i < features.length; i++) {
            String name = "f_" + Features.KEYS[features[i]];
            switch (features[i]) {
                case 0: parts[i] = x1; break;
                case 1: parts[i] = x2; break;
                case 2: parts[i] = g.node("Mul", name, x1, x1); break;
                case 3: parts[i] = g.node("Mul", name, x2, x2); break;
                case 4: parts[i] = g.node("Mul", name, x1, x2); break;
                case 5: parts[i] = g.node("Sin", name, x1); break;
                default: parts[i] = g.node("Sin", name, x2); break;
            }
        }
        String out = g.node("Concat", "features", parts);
        g.intAttribute("axis", 1);
        return out;
    }

    private static double[] flat(double[][] w) {
        int cols = w[0].length;
        double[] out = new double[w.length * cols];
        for (int i = 0; i < w.length; i++) System.arraycopy(w[i], 0, out, i * cols, cols);
        return out;
    }

    /** A float tensor [N, width] with a symbolic batch dimension. */
    private static Protobuf valueInfo(String name, int width) {
        Protobuf shape = new Protobuf()
                .message(1, new Protobuf().string(2, "N"))
                .message(1, new Protobuf().varint(1, width));
        Protobuf tensor = new Protobuf().varint(1, FLOAT).message(2, shape);
        return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensor));
    }

    private static void metadata(Protobuf file, String key, String value) {
        file.message(14, new Protobuf().string(1, key).string(2, value));
    }

    private static String jsonObject(java.util.Map<String, String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (java.util.Map.Entry<String, String> e : values.entrySet()) {
            sb.append(sb.length() > 1 ? "," : "").append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String jsonArray(String[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) sb.append(i > 0 ? "," : "").append(Json.quote(values[i]));
        return sb.append(']').toString();
    }

    /** Nodes and initialisers in the order they are made (ONNX wants nodes topologically sorted). */
    private static final class Graph {
        final List<Node> nodes = new ArrayList<>();
        final List<Protobuf> tensors = new ArrayList<>();

        String node(String op, String output, String... inputs) {
            nodes.add(new Node(op, new String[] {output}, inputs));
            return output;
        }

        /** A node of several outputs ("" for one left out); the last is the one the graph goes on from. */
        void nodeOutputs(String op, String[] outputs, String... inputs) {
            nodes.add(new Node(op, outputs, inputs));
        }

        void stringsAttribute(String name, String... values) {
            Protobuf a = new Protobuf().string(1, name);
            for (String v : values) a.string(9, v);
            last().attributes.add(a.varint(20, ATTR_STRINGS));
        }

        private Node last() {
            return nodes.get(nodes.size() - 1);
        }

        void intAttribute(String name, int value) {
            last().attributes.add(new Protobuf().string(1, name).varint(3, value).varint(20, ATTR_INT));
        }

        void intsAttribute(String name, int... values) {
            Protobuf a = new Protobuf().string(1, name);
            for (int v : values) a.varint(8, v);
            last().attributes.add(a.varint(20, ATTR_INTS));
        }

        void floatAttribute(String name, double value) {
            last().attributes.add(new Protobuf().string(1, name).float32(2, value).varint(20, ATTR_FLOAT));
        }

        /** Points the last node at a new output name, if the last node makes {@code current}. */
        boolean renameLast(String current, String name) {
            if (nodes.isEmpty()) return false;
            String[] out = last().outputs;
            if (!out[out.length - 1].equals(current)) return false;
            out[out.length - 1] = name;
            return true;
        }

        void tensor(String name, int[] dims, double[] values) {
            Protobuf t = new Protobuf();
            for (int d : dims) t.varint(1, d);
            t.varint(2, FLOAT).string(8, name).bytes(9, Protobuf.floats(values));
            tensors.add(t);
        }

        /** A 1-D int64 tensor (values from -1 up, little-endian two's complement). */
        void longsTensor(String name, int... values) {
            byte[] raw = new byte[8 * values.length];
            for (int i = 0; i < values.length; i++) {
                long v = values[i];
                for (int b = 0; b < 8; b++) raw[8 * i + b] = (byte) (v >> (8 * b));
            }
            tensors.add(new Protobuf().varint(1, values.length).varint(2, INT64).string(8, name).bytes(9, raw));
        }

        void longTensor(String name, int value) {
            byte[] raw = new byte[8];
            raw[0] = (byte) value;
            tensors.add(new Protobuf().varint(1, 1).varint(2, INT64).string(8, name).bytes(9, raw));
        }
    }

    private static final class Node {
        final String op;
        final String[] inputs, outputs;
        final List<Protobuf> attributes = new ArrayList<>();

        Node(String op, String[] outputs, String[] inputs) {
            this.op = op;
            this.outputs = outputs;
            this.inputs = inputs;
        }

        Protobuf proto() {
            Protobuf n = new Protobuf();
            for (String in : inputs) n.string(1, in);
            for (String out : outputs) n.string(2, out);
            n.string(3, outputs[outputs.length - 1]).string(4, op);
            for (Protobuf a : attributes) n.message(5, a);
            return n;
        }
    }
}
