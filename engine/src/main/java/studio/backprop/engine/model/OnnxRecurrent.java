package studio.backprop.engine.model;

import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Shape;

/**
 * ONNX's RNN, GRU and LSTM nodes as the engine's recurrent layers (see {@link OnnxLayers}): on a
 * time-major sequence [T, N, D], forward, one layer, tanh (the engine's gates: sigmoid and tanh),
 * the GRU with linear_before_reset = 1 (the engine resets after the product) and no recurrent bias
 * of its candidate, no initial state, peepholes, clipping or sequence lengths. W [1, G H, D] and
 * R [1, G H, H] become the module's W and Wh (transposed, gate by gate from ONNX's order: LSTM
 * i, o, f, c; GRU z, r, h), B [1, 2 G H] its W0 (the input and recurrent biases added). Its Y
 * output (every step's state) feeds a recurrent layer after it, Y_h (the last step's) anything else.
 */
final class OnnxRecurrent {
    private OnnxRecurrent() {}

    /** The engine's gate of each of ONNX's, in order (LSTM: i, o, f, c of the engine's i, f, g, o). */
    static int[] gateOrder(LayerSpec.Kind kind) {
        return kind == LayerSpec.Kind.LSTM ? new int[] {0, 3, 1, 2} : kind == LayerSpec.Kind.GRU ? new int[] {0, 1, 2} : new int[] {0};
    }

    /** The layer a recurrent node is; the walk's shape becomes its output's ([T, N, H] as a sequence, or [N, H] flat). */
    static OnnxLayer read(OnnxLayers w, OnnxReader.Node n) throws ModelException {
        LayerSpec.Kind kind = n.op.equals("LSTM") ? LayerSpec.Kind.LSTM : n.op.equals("GRU") ? LayerSpec.Kind.GRU : LayerSpec.Kind.RNN;
        if (w.shape == null || !w.shape.sequence || !w.timeMajor) throw OnnxLayers.no(n, "gets no time-major sequence [T, N, D] (a Reshape to [N, T, D] and a Transpose come first)");
        for (String a : new String[] {"activations", "activation_alpha", "activation_beta", "clip", "input_forget", "layout"}) {
            if (n.attributes.containsKey(a)) throw OnnxLayers.no(n, "sets " + a + " (the defaults are read)");
        }
        OnnxReader.Attribute dir = n.attributes.get("direction");
        if (dir != null && dir.s != null && !dir.s.equals("forward")) throw OnnxLayers.no(n, "runs " + dir.s + " (forward is read)");
        if (kind == LayerSpec.Kind.GRU && w.attr(n, "linear_before_reset", 0) != 1) {
            throw OnnxLayers.no(n, "resets before the product (linear_before_reset = 0; the engine's GRU resets after it, as PyTorch's and Keras' do)");
        }
        for (int i = 4; i < n.inputs.size(); i++) {
            if (!n.inputs.get(i).isEmpty()) throw OnnxLayers.no(n, "takes " + (i == 4 ? "sequence lengths" : i == 7 ? "peepholes" : "an initial state") + " (none is read)");
        }
        OnnxReader.Tensor wt = w.constant(n, 1), rt = w.constant(n, 2), bt = w.constant(n, 3);
        int G = kind == LayerSpec.Kind.LSTM ? 4 : kind == LayerSpec.Kind.GRU ? 3 : 1, D = w.shape.width, T = w.shape.height;
        if (wt == null || wt.dims.length != 3 || wt.dims[0] != 1 || wt.dims[1] % G != 0 || wt.dims[2] != D) {
            throw OnnxLayers.no(n, "has no weights W of [1, " + G + " H, " + D + "]");
        }
        int H = wt.dims[1] / G;
        if (w.attr(n, "hidden_size", H) != H) throw OnnxLayers.no(n, "says hidden_size " + w.attr(n, "hidden_size", H) + ", its weights " + H);
        if (rt == null || rt.values.length != G * H * H) throw OnnxLayers.no(n, "has no recurrent weights R of [1, " + G * H + ", " + H + "]");
        if (bt != null && bt.values.length != 2 * G * H) throw OnnxLayers.no(n, "has a bias B of " + bt.values.length + " values (" + 2 * G * H + " are read)");
        OnnxLayer l = new OnnxLayer(kind);
        l.units = H;
        l.w = new double[D][G * H];
        l.wh = new double[H][G * H];
        l.b = new double[G * H];
        int[] order = gateOrder(kind);
        for (int gate = 0; gate < G; gate++) {
            int to = order[gate] * H;
            for (int j = 0; j < H; j++) {
                for (int k = 0; k < D; k++) l.w[k][to + j] = wt.values[(gate * H + j) * D + k];
                for (int k = 0; k < H; k++) l.wh[k][to + j] = rt.values[(gate * H + j) * H + k];
                if (bt == null) continue;
                double recurrentBias = bt.values[G * H + gate * H + j];
                if (kind == LayerSpec.Kind.GRU && gate == 2 && recurrentBias != 0) {
                    throw OnnxLayers.no(n, "has a recurrent bias on its candidate state (the engine's GRU has one bias per gate)");
                }
                l.b[to + j] = bt.values[gate * H + j] + recurrentBias;
            }
        }
        boolean sequences = !n.outputs.get(0).isEmpty();
        if (sequences == (n.outputs.size() > 1 && !n.outputs.get(1).isEmpty())) {
            throw OnnxLayers.no(n, "gives " + (sequences ? "both Y and Y_h" : "neither Y nor Y_h") + " (one of them is read)");
        }
        w.current = sequences ? n.outputs.get(0) : n.outputs.get(1);
        // Y is [T, 1, N, H] and Y_h [1, N, H] until a Squeeze drops the direction's axis
        w.shape = Shape.sequence(T, H);
        w.squeezeAxis = sequences ? 1 : 0;
        return l;
    }

    /** The Squeeze of the direction's axis after a recurrent node: [T, N, H] stays a sequence, [N, H] is flat. */
    static void squeeze(OnnxLayers w, OnnxReader.Node n) throws ModelException {
        OnnxReader.Tensor axes = w.constant(n, 1);
        long[] attr = w.ints(n, "axes");
        long axis = axes != null && axes.values.length == 1 ? (long) axes.values[0] : attr != null && attr.length == 1 ? attr[0] : -99;
        if (w.squeezeAxis < 0 || axis != w.squeezeAxis) throw OnnxLayers.no(n, "squeezes axis " + axis + " (read: a recurrent node's direction axis)");
        if (w.squeezeAxis == 0) w.shape = Shape.flat(w.shape.width);
        w.squeezeAxis = -1;
    }
}
