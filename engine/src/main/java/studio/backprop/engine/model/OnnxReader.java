package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.Text;

/**
 * The parts of an ONNX file (a protocol buffers ModelProto) that {@link OnnxImport} reads: the
 * graph's nodes in order, its initialisers (and Constant nodes) as tensors, its inputs' shapes and
 * the metadata. Every count and size is checked against the file's length, so a damaged or
 * hostile file ends in a {@link ModelException}, never in a huge allocation.
 */
final class OnnxReader {
    static final int FLOAT = 1, INT64 = 7, INT32 = 6, DOUBLE = 11;

    /** A tensor: its shape and its values (floats and ints alike as doubles). */
    static final class Tensor {
        final int[] dims;
        final double[] values;

        Tensor(int[] dims, double[] values) {
            this.dims = dims;
            this.values = values;
        }
    }

    static final class Attribute {
        final String name;
        Double f;
        Long i;
        String s;
        Tensor t;
        final List<Long> ints = new ArrayList<>();
        final List<Double> floats = new ArrayList<>();

        Attribute(String name) {
            this.name = name;
        }
    }

    static final class Node {
        final List<String> inputs = new ArrayList<>(), outputs = new ArrayList<>();
        final Map<String, Attribute> attributes = new LinkedHashMap<>();
        String name = "", op = "", domain = "";

        /** The node as a message names it: its op and, where it has one, its name. */
        String label() {
            return op + " node" + (name.isEmpty() ? (outputs.isEmpty() ? "" : " making '" + outputs.get(0) + "'") : " '" + name + "'");
        }
    }

    /** A graph input or output: its name and dims (-1 for a symbolic one such as the batch). */
    static final class Value {
        final String name;
        final int[] dims;

        Value(String name, int[] dims) {
            this.name = name;
            this.dims = dims;
        }
    }

    final List<Node> nodes = new ArrayList<>();
    final Map<String, Tensor> constants = new LinkedHashMap<>();
    final List<Value> inputs = new ArrayList<>(), outputs = new ArrayList<>();
    final Map<String, String> metadata = new LinkedHashMap<>();
    String producer = "";

    static OnnxReader read(byte[] bytes) throws ModelException {
        OnnxReader r = new OnnxReader();
        Limits.check(bytes.length > 0, "the file is empty");
        try {
            ProtobufReader model = new ProtobufReader(bytes, 0, bytes.length);
            boolean graph = false;
            while (model.more()) {
                int tag = model.tag();
                switch (tag >>> 3) {
                    case 2: r.producer = model.string(tag); break;
                    case 7: r.graph(model.message(tag)); graph = true; break;
                    case 14: {
                        ProtobufReader e = model.message(tag);
                        String key = "", value = "";
                        while (e.more()) {
                            int t = e.tag();
                            if (t >>> 3 == 1) key = e.string(t);
                            else if (t >>> 3 == 2) value = e.string(t);
                            else e.skip(t);
                        }
                        r.metadata.put(key, value);
                        break;
                    }
                    default: model.skip(tag);
                }
            }
            Limits.check(graph, "not an ONNX model (no graph)");
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new ModelException("not an ONNX model, or a damaged one (" + e.getMessage() + ")");
        }
        return r;
    }

    private void graph(ProtobufReader g) throws ModelException {
        while (g.more()) {
            int tag = g.tag();
            switch (tag >>> 3) {
                case 1: {
                    Node n = node(g.message(tag));
                    Limits.check(nodes.size() < 10_000, "the graph has more than 10,000 nodes");
                    if (n.op.equals("Constant") && n.domain.isEmpty()) constant(n);
                    else nodes.add(n);
                    break;
                }
                case 5: {
                    String[] name = new String[1];
                    Tensor t = tensor(g.message(tag), name);
                    constants.put(name[0], t);
                    break;
                }
                case 11: inputs.add(value(g.message(tag))); break;
                case 12: outputs.add(value(g.message(tag))); break;
                default: g.skip(tag);
            }
        }
        // an initialiser may also be listed as a graph input (older exporters do): it is no input
        inputs.removeIf(v -> constants.containsKey(v.name));
    }

    private void constant(Node n) throws ModelException {
        Attribute value = n.attributes.get("value");
        Limits.check(value != null && value.t != null && n.outputs.size() == 1,
                "the " + n.label() + " has no tensor value (only 'value' constants are read)");
        constants.put(n.outputs.get(0), value.t);
    }

    private static Node node(ProtobufReader w) throws ModelException {
        Node n = new Node();
        while (w.more()) {
            int tag = w.tag();
            switch (tag >>> 3) {
                case 1: n.inputs.add(w.string(tag)); break;
                case 2: n.outputs.add(w.string(tag)); break;
                case 3: n.name = w.string(tag); break;
                case 4: n.op = w.string(tag); break;
                case 7: n.domain = w.string(tag); break;
                case 5: {
                    Attribute a = attribute(w.message(tag));
                    n.attributes.put(a.name, a);
                    break;
                }
                default: w.skip(tag);
            }
        }
        return n;
    }

    private static Attribute attribute(ProtobufReader w) throws ModelException {
        Attribute a = new Attribute("");
        String name = "";
        Double f = null;
        Long i = null;
        String s = null;
        Tensor t = null;
        List<Long> ints = new ArrayList<>();
        List<Double> floats = new ArrayList<>();
        while (w.more()) {
            int tag = w.tag();
            switch (tag >>> 3) {
                case 1: name = w.string(tag); break;
                case 2: f = (double) Float.intBitsToFloat(w.fixed32()); break;
                case 3: i = w.varint(); break;
                case 4: s = w.string(tag); break;
                case 5: t = tensor(w.message(tag), new String[1]); break;
                case 7:
                    w.each(tag, p -> floats.add((double) Float.intBitsToFloat(p.fixed32())));
                    break;
                case 8:
                    w.each(tag, p -> ints.add(p.varint()));
                    break;
                default: w.skip(tag);
            }
        }
        Attribute out = new Attribute(name);
        out.f = f;
        out.i = i;
        out.s = s;
        out.t = t;
        out.ints.addAll(ints);
        out.floats.addAll(floats);
        return out;
    }

    private static Tensor tensor(ProtobufReader w, String[] name) throws ModelException {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        byte[] raw = null;
        List<Double> values = new ArrayList<>();
        boolean external = false;
        name[0] = "";
        while (w.more()) {
            int tag = w.tag();
            switch (tag >>> 3) {
                case 1:
                    w.each(tag, p -> dims.add(p.varint()));
                    break;
                case 2: type = (int) w.varint(); break;
                case 4:
                    w.each(tag, p -> values.add((double) Float.intBitsToFloat(p.fixed32())));
                    break;
                case 5: case 7:
                    w.each(tag, p -> values.add((double) p.varint()));
                    break;
                case 10:
                    w.each(tag, p -> values.add(Double.longBitsToDouble(p.fixed64())));
                    break;
                case 8: name[0] = w.string(tag); break;
                case 9: raw = w.bytes(tag); break;
                case 14: external = w.varint() == 1; break;
                default: w.skip(tag);
            }
        }
        Limits.check(!external, "tensor '" + name[0] + "' keeps its data in an external file (save the model with its weights inside)");
        long size = 1;
        int[] shape = new int[dims.size()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = dim(dims.get(d));
            size *= shape[d];
            Limits.check(size <= Limits.MAX_PARAMS, "tensor '" + name[0] + "' is larger than " + Limits.MAX_PARAMS + " values");
        }
        double[] v = new double[(int) size];
        if (raw != null) {
            int width = type == FLOAT || type == INT32 ? 4 : type == INT64 || type == DOUBLE ? 8 : 0;
            Limits.check(width > 0, "tensor '" + name[0] + "' has data type " + type + " (float32, float64, int32 and int64 are read)");
            Limits.check(raw.length == size * width, "tensor '" + name[0] + "' has " + raw.length + " bytes for " + size + " values");
            for (int k = 0; k < v.length; k++) {
                long bits = 0;
                for (int b = width - 1; b >= 0; b--) bits = bits << 8 | (raw[k * width + b] & 0xff);
                v[k] = type == FLOAT ? Float.intBitsToFloat((int) bits) : type == INT32 ? (int) bits : type == INT64 ? bits : Double.longBitsToDouble(bits);
            }
        } else {
            Limits.check(values.size() == size, "tensor '" + name[0] + "' has " + values.size() + " values for its shape of " + size);
            for (int k = 0; k < v.length; k++) v[k] = values.get(k);
        }
        return new Tensor(shape, v);
    }

    private static int dim(long d) throws ModelException {
        Limits.check(d >= 0 && d <= Limits.MAX_PARAMS, "a tensor dimension of " + d);
        return (int) d;
    }

    private static Value value(ProtobufReader w) throws ModelException {
        String name = "";
        List<Integer> dims = new ArrayList<>();
        while (w.more()) {
            int tag = w.tag();
            if (tag >>> 3 == 1) {
                name = w.string(tag);
            } else if (tag >>> 3 == 2) {
                ProtobufReader type = w.message(tag);
                while (type.more()) {
                    int t = type.tag();
                    if (t >>> 3 != 1) { type.skip(t); continue; }
                    ProtobufReader tensor = type.message(t);
                    while (tensor.more()) {
                        int u = tensor.tag();
                        if (u >>> 3 != 2) { tensor.skip(u); continue; }
                        ProtobufReader shape = tensor.message(u);
                        while (shape.more()) {
                            int s = shape.tag();
                            if (s >>> 3 != 1) { shape.skip(s); continue; }
                            ProtobufReader dim = shape.message(s);
                            int d = -1;
                            while (dim.more()) {
                                int x = dim.tag();
                                if (x >>> 3 == 1) {
                                    long v = dim.varint();
                                    d = v > 0 && v <= Limits.MAX_PARAMS ? (int) v : -1;
                                } else {
                                    dim.skip(x);
                                }
                            }
                            dims.add(d);
                        }
                    }
                }
            } else {
                w.skip(tag);
            }
        }
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) out[i] = dims.get(i);
        return new Value(name, out);
    }
}
