package studio.backprop.engine.model;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;

/**
 * The compact model form: "BPSM", a version byte, then big-endian fields. Weights, biases and
 * normalisation are raw 64-bit IEEE doubles, so a round trip is exact (the exact form stores the
 * weights, which training keeps as floats, as 32-bit singles: version 2 below). Layout, version 1:
 * the settings that differ from their defaults (u16 n, n key/value strings), encoding (u16 n columns: name, u16 categories + 1,
 * 0 for numeric, then the category strings; or 0xFFFF for a date column, then its Dates spec string), features (u8 n, n u8), normalisation (kind,
 * u32 n, n shifts, n scales), targets (u16 n strings), classes (u16 n strings), loss,
 * network (u32 inputs, u16 modules: kind, its shape numbers as u32 (linear: m, n), then each
 * parameter's values row by row (linear: m*n W, n W0)).
 * Strings are u16 byte length + UTF-8.
 */
public final class ModelBinary {
    /** The category-count field's value that marks a date column (a real count is at most 1001). */
    private static final int DATE_COLUMN = 0xFFFF;
    private ModelBinary() {}

    private static final byte[] MAGIC = {'B', 'P', 'S', 'M'};

    /** The exact form: 32-bit weights when every weight is a float (as training stores them), else 64-bit. */
    public static byte[] write(Model model) {
        return write(model, exactBits(model));
    }

    /** 32 when every weight and bias is a float (what the optimisers store), else 64. */
    public static int exactBits(Model model) {
        for (Param p : model.network.params()) {
            for (double[] r : p.value) for (double v : r) if (!Det.isSingle(v)) return 64;
        }
        return 32;
    }

    /**
     * With {@code weightBits} 32, 16 or 8 the weights take fewer bytes (version 2: a byte with the
     * bits follows the version): 32 stores W and W0 as IEEE singles (exact for weights that are
     * floats); 16 stores them as IEEE halves; 8 stores each W as a scale (64-bit) and one signed
     * byte per weight (w = scale x q), W0 as halves.
     * Normalisation always stays exact.
     */
    public static byte[] write(Model model, int weightBits) {
        if (weightBits != 64 && weightBits != 32 && weightBits != 16 && weightBits != 8) throw new IllegalArgumentException("weight bits must be 64, 32, 16 or 8");
        Out out = new Out();
        out.buf.write(MAGIC, 0, 4);
        out.u8(weightBits == 64 ? Model.VERSION : 2);
        if (weightBits != 64) out.u8(weightBits);
        Map<String, String> settings = new LinkedHashMap<>(model.settings.changed());
        // implied by a regression with no target scaling (see Limits.build), so such a model's bytes are as they were
        if (model.classes.length == 0 && model.targets.isIdentity()) settings.remove("ynorm");
        // the math version is written even at its default (the default moves on), except 1: a model without one has 1
        String math = model.settings.get("math");
        if (math.equals("1")) settings.remove("math");
        else settings.put("math", math);
        out.u16(settings.size());
        for (Map.Entry<String, String> e : settings.entrySet()) {
            out.str(e.getKey());
            out.str(e.getValue());
        }
        out.u16(model.encoding.columns.size());
        for (Encoding.Column c : model.encoding.columns) {
            out.str(c.name);
            if (c.date != null) {
                out.u16(DATE_COLUMN);
                out.str(c.date);
                continue;
            }
            out.u16(c.categories == null ? 0 : c.categories.length + 1);
            if (c.categories != null) for (String cat : c.categories) out.str(cat);
        }
        out.u8(model.features.length);
        for (int f : model.features) out.u8(f);
        out.str(model.normalizer.kind);
        out.u32(model.normalizer.shift.length);
        for (double v : model.normalizer.shift) out.f64(v);
        for (double v : model.normalizer.scale) out.f64(v);
        out.strings(model.targetNames);
        out.strings(model.classes);
        out.str(model.loss);
        out.u32(model.network.inputs);
        List<Module> modules = model.network.modules();
        out.u16(modules.size());
        for (Module m : modules) {
            out.str(m.kind());
            for (int d : m.shape()) out.u32(d);
            for (Param p : m.params()) writeParam(out, p, weightBits);
        }
        if (!model.targets.isIdentity()) {
            // optional, at the end: a regression's target scaling (absent: the outputs are the targets)
            out.str(model.targets.kind);
            out.u32(model.targets.shift.length);
            for (double v : model.targets.shift) out.f64(v);
            for (double v : model.targets.scale) out.f64(v);
        }
        return out.buf.toByteArray();
    }

    /**
     * A parameter's values, row after row: 64 or 32 bits each; at 16 bits halves; at 8 bits a
     * weight matrix (a regularised parameter) is a scale and one signed byte a value, and a bias halves.
     */
    private static void writeParam(Out out, Param p, int bits) {
        if (bits == 64 || bits == 32) {
            for (double[] r : p.value) for (double v : r) if (bits == 64) out.f64(v); else out.f32(v);
        } else if (bits == 16 || !p.regularised) {
            for (double[] r : p.value) for (double v : r) out.u16(Half.fromDouble(v));
        } else {
            double scale = byteScale(p);
            out.f64(scale);
            for (double[] r : p.value) for (double v : r) out.u8(byteOf(v, scale));
        }
    }

    /** At 8 bits, a weight matrix's step: its largest magnitude over 127. */
    private static double byteScale(Param p) {
        double max = 0;
        for (double[] r : p.value) for (double v : r) max = Math.max(max, Math.abs(v));
        return max > 0 ? max / 127 : 1;
    }

    /** At 8 bits, a value as its byte: the nearest multiple of the step, as a signed byte's bits. */
    private static int byteOf(double v, double scale) {
        return (int) Math.floor(v / scale + 0.5) & 0xFF;
    }

    /**
     * The network's weights as a model written at 16 or 8 bits holds them (what reading it back
     * gives; share links name their accuracy): in a copy of the network, activations of this math
     * version.
     */
    public static Network asStored(Network net, int bits, int math) {
        if (bits != 16 && bits != 8) throw new IllegalArgumentException("weights are stored rounded at 16 or 8 bits");
        Network copy = Network.of(net.inputs, net.kinds(), net.shapes(), math);
        List<Param> from = net.params(), to = copy.params();
        for (int i = 0; i < from.size(); i++) {
            Param p = from.get(i);
            double scale = bits == 8 && p.regularised ? byteScale(p) : 0;
            for (int r = 0; r < p.value.length; r++) {
                double[] a = p.value[r], b = to.get(i).value[r];
                for (int j = 0; j < a.length; j++) b[j] = scale > 0 ? scale * (byte) byteOf(a[j], scale) : Half.toDouble(Half.fromDouble(a[j]));
            }
        }
        return copy;
    }

    private static void readParam(In in, Param p, int bits, int module) throws ModelException {
        if (bits == 64 || bits == 32) {
            for (double[] r : p.value) if (bits == 64) in.f64s(r); else in.f32s(r);
        } else if (bits == 16 || !p.regularised) {
            for (double[] r : p.value) for (int j = 0; j < r.length; j++) r[j] = Half.toDouble(in.u16());
        } else {
            double step = in.f64();
            Limits.check(step > 0 && step < 1e300, "bad weight scale in module " + module);
            for (double[] r : p.value) for (int j = 0; j < r.length; j++) r[j] = step * (byte) in.u8();
        }
    }

    /** Bytes that a parameter of this size takes (see {@link #writeParam}). */
    private static long paramBytes(long size, boolean regularised, int bits) {
        if (bits == 64 || bits == 32) return size * bits / 8;
        return bits == 16 || !regularised ? size * 2 : 8 + size;
    }

    public static Model read(byte[] bytes) throws ModelException {
        In in = new In(bytes);
        for (byte b : MAGIC) Limits.check(in.u8() == b, "not a Backprop Studio model (bad magic bytes)");
        int version = in.u8();
        Limits.check(version == Model.VERSION || version == 2, "model version " + version + " is not supported (this app reads versions 1 and 2)");
        int bits = version == 2 ? in.u8() : 64;
        Limits.check(bits == 64 || bits == 32 || bits == 16 || bits == 8, "weights of " + bits + " bits are not supported");
        int weightBytes = bits / 8;
        Map<String, String> settings = new LinkedHashMap<>();
        int ns = Limits.count(in.u16(), 64, "settings count");
        for (int i = 0; i < ns; i++) settings.put(in.str(), in.str());
        int math = Limits.resolveMath(settings);
        int nc = Limits.count(in.u16(), Limits.MAX_LIST, "column count");
        List<Encoding.Column> columns = new ArrayList<>();
        for (int i = 0; i < nc; i++) {
            String name = in.str();
            int mark = in.u16();
            if (mark == DATE_COLUMN) {
                columns.add(new Encoding.Column(name, null, Limits.dateSpec(in.str())));
                continue;
            }
            int cats = Limits.count(mark, 1001, "category count");
            String[] categories = cats == 0 ? null : new String[cats - 1];
            for (int j = 0; j < cats - 1; j++) categories[j] = in.str();
            columns.add(new Encoding.Column(name, categories));
        }
        int[] features = new int[Limits.count(in.u8(), 7, "feature count")];
        for (int i = 0; i < features.length; i++) features[i] = in.u8();
        String normKind = in.str();
        int nn = Limits.count(in.u32(), Limits.MAX_LIST, "normalisation size");
        double[] shift = in.f64s(nn), scale = in.f64s(nn);
        String[] targets = in.strings();
        String[] classes = in.strings();
        String loss = in.str();
        int inputs = Limits.count(in.u32(), Limits.MAX_LIST, "input count");
        int nm = Limits.count(in.u16(), Limits.MAX_MODULES, "module count");
        List<Module> modules = new ArrayList<>();
        long params = 0;
        for (int i = 0; i < nm; i++) {
            String kind = in.str();
            int[] shape = new int[Modules.shapeSize(kind)];
            for (int d = 0; d < shape.length; d++) shape[d] = Limits.count(in.u32(), 1_000_000, kind + " size");
            params += Modules.parameterCount(kind, shape);
            Limits.check(params <= Limits.MAX_PARAMS, "the network has more than " + Limits.MAX_PARAMS + " parameters");
            Module module = Limits.module(kind, shape, math);
            long need = 0;
            for (Param p : module.params()) need += paramBytes(p.size(), p.regularised, bits);
            Limits.check(in.remaining() >= need, "the file ends inside the weights of module " + (i + 1));
            for (Param p : module.params()) readParam(in, p, bits, i + 1);
            modules.add(module);
        }
        Normalizer targetScale = null;
        if (in.remaining() > 0) {
            String kind = in.str();
            int n = Limits.count(in.u32(), Limits.MAX_LIST, "target scaling size");
            targetScale = new Normalizer(kind, in.f64s(n), in.f64s(n));
        }
        Limits.check(in.remaining() == 0, "unexpected " + in.remaining() + " bytes after the model");
        for (Module m : modules) {
            for (Param p : m.params()) {
                for (double[] r : p.value) for (double v : r) Limits.check(Limits.finite(v), "weights must be finite numbers");
            }
        }
        return Limits.build(settings, columns, features, new Normalizer(normKind, shift, scale), targets, classes, loss, inputs, modules,
                targetScale);
    }

    private static final class Out {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        void u8(int v) { buf.write(v); }
        void u16(int v) { buf.write(v >>> 8); buf.write(v); }
        void u32(int v) { u16(v >>> 16); u16(v & 0xFFFF); }

        void f64(double v) {
            long bits = Double.doubleToRawLongBits(v);
            u32((int) (bits >>> 32));
            u32((int) bits);
        }

        /** v as an IEEE single (rounded if it is not one). */
        void f32(double v) {
            u32(Float.floatToRawIntBits((float) v));
        }

        void str(String s) {
            byte[] b = Text.utf8(s);
            u16(b.length);
            buf.write(b, 0, b.length);
        }

        void strings(String[] ss) {
            u16(ss.length);
            for (String s : ss) str(s);
        }
    }

    private static final class In {
        private final byte[] b;
        private int pos;

        In(byte[] b) { this.b = b; }

        int remaining() { return b.length - pos; }

        int u8() throws ModelException {
            Limits.check(pos < b.length, "the model is truncated at byte " + pos);
            return b[pos++] & 0xFF;
        }

        int u16() throws ModelException { return (u8() << 8) | u8(); }

        long u32() throws ModelException { return ((long) u16() << 16) | u16(); }

        double f64() throws ModelException {
            long hi = u32(), lo = u32();
            return Double.longBitsToDouble((hi << 32) | lo);
        }

        double[] f64s(int n) throws ModelException {
            Limits.check(remaining() >= (long) n * 8, "the model is truncated at byte " + pos);
            double[] v = new double[n];
            f64s(v);
            return v;
        }

        void f64s(double[] into) throws ModelException {
            for (int i = 0; i < into.length; i++) into[i] = f64();
        }

        void f32s(double[] into) throws ModelException {
            for (int i = 0; i < into.length; i++) into[i] = Float.intBitsToFloat((int) u32());
        }

        String str() throws ModelException {
            int n = Limits.count(u16(), Limits.MAX_STRING, "string length");
            Limits.check(remaining() >= n, "the model is truncated inside a string at byte " + pos);
            String s = Text.fromUtf8(b, pos, n);
            pos += n;
            return s;
        }

        String[] strings() throws ModelException {
            int n = Limits.count(u16(), 1000, "name count");
            String[] out = new String[n];
            for (int i = 0; i < n; i++) out[i] = str();
            return out;
        }
    }
}
