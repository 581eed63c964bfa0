package studio.backprop.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * ONNX files as other tools write them (PyTorch's Gemm with transposed weights, tf2onnx's MatMul
 * + Add and NHWC transposes, NCHW convs), built here with a protocol buffers writer of the test's
 * own (not the engine's), so that the import is checked against the format, not against itself.
 */
final class OnnxFixture {
    private final List<byte[]> nodes = new ArrayList<>(), tensors = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>(), outputs = new ArrayList<>();
    private final Random random;
    private int count;

    OnnxFixture(long seed) {
        random = new Random(seed);
    }

    /** A float initialiser of this shape, its values random in [-scale, scale] (rounded to float). */
    String weights(String name, double scale, int... dims) {
        int size = 1;
        for (int d : dims) size *= d;
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        return floats(name, v, dims);
    }

    String floats(String name, float[] v, int... dims) {
        Pb t = new Pb();
        for (int d : dims) t.varint(1, d);
        t.varint(2, 1).string(8, name);
        Pb raw = new Pb();
        for (float x : v) raw.fixed32(Float.floatToIntBits(x));
        t.bytes(9, raw.bytes());
        tensors.add(t.bytes());
        return name;
    }

    String longs(String name, long... v) {
        Pb t = new Pb().varint(1, v.length).varint(2, 7).string(8, name);
        Pb raw = new Pb();
        for (long x : v) raw.fixed64(x);
        t.bytes(9, raw.bytes());
        tensors.add(t.bytes());
        return name;
    }

    void input(String name, int... dims) {
        inputs.add(value(name, dims));
    }

    /** The graph's output "output": value, through an Identity. */
    void end(String value) {
        nodes.add(new Pb().string(1, value).string(2, "output").string(3, "end").string(4, "Identity").bytes());
        outputs.add(new Pb().string(1, "output").bytes());
    }

    private static byte[] value(String name, int[] dims) {
        Pb shape = new Pb().message(1, new Pb().string(2, "N"));
        for (int d : dims) shape.message(1, new Pb().varint(1, d));
        Pb tensor = new Pb().varint(1, 1).message(2, shape);
        return new Pb().string(1, name).message(2, new Pb().message(1, tensor)).bytes();
    }

    /** A node; attributes as name, value pairs: Integer, Float, String or long[]. */
    String node(String op, String[] in, Object... attributes) {
        return build(op, in, false, attributes);
    }

    /** The same, its second output the one made (its first left unnamed): a recurrent node's Y_h. */
    String lastOutput(String op, String[] in, Object... attributes) {
        return build(op, in, true, attributes);
    }

    private String build(String op, String[] in, boolean second, Object... attributes) {
        String out = op.toLowerCase() + (++count);
        Pb n = new Pb();
        for (String i : in) n.string(1, i);
        if (second) n.string(2, "");
        n.string(2, out).string(3, out).string(4, op);
        for (int a = 0; a < attributes.length; a += 2) {
            Pb at = new Pb().string(1, (String) attributes[a]);
            Object v = attributes[a + 1];
            if (v instanceof Integer) at.varint(3, (Integer) v).varint(20, 2);
            else if (v instanceof Float) at.tag(2, 5).fixed32(Float.floatToIntBits((Float) v)).varint(20, 1);
            else if (v instanceof String) at.string(4, (String) v).varint(20, 3);
            else {
                for (long x : (long[]) v) at.varint(8, x);
                at.varint(20, 7);
            }
            n.message(5, at);
        }
        nodes.add(n.bytes());
        return out;
    }

    byte[] bytes() {
        Pb g = new Pb();
        for (byte[] n : nodes) g.bytes(1, n);
        g.string(2, "fixture");
        for (byte[] t : tensors) g.bytes(5, t);
        for (byte[] i : inputs) g.bytes(11, i);
        for (byte[] o : outputs) g.bytes(12, o);
        return new Pb().varint(1, 8).string(2, "fixture").message(7, g).message(8, new Pb().string(1, "").varint(2, 17)).bytes();
    }

    private static final class Pb {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] bytes() {
            return out.toByteArray();
        }

        Pb tag(int field, int type) {
            raw((long) field << 3 | type);
            return this;
        }

        Pb varint(int field, long v) {
            tag(field, 0);
            raw(v);
            return this;
        }

        Pb string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Pb bytes(int field, byte[] b) {
            tag(field, 2);
            raw(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Pb message(int field, Pb m) {
            return bytes(field, m.bytes());
        }

        Pb fixed32(int bits) {
            for (int i = 0; i < 4; i++) out.write(bits >>> 8 * i & 0xff);
            return this;
        }

        Pb fixed64(long bits) {
            for (int i = 0; i < 8; i++) out.write((int) (bits >>> 8 * i) & 0xff);
            return this;
        }

        private void raw(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
