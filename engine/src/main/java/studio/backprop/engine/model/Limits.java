package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;
import studio.backprop.engine.nn.StepCrossEntropy;
import studio.backprop.engine.train.Settings;

/**
 * Hard limits on what a model file may hold, and the checks that both readers (binary and
 * JSON) run before they build a {@link Model}: every size, name and cross-reference.
 */
public final class Limits {
    private Limits() {}

    public static final int MAX_STRING = 10_000;
    public static final int MAX_LIST = 10_000;
    public static final int MAX_MODULES = 64;
    public static final int MAX_WIDTH = 4096;
    public static final int MAX_PARAMS = 4_000_000;

    public static void check(boolean ok, String message) throws ModelException {
        if (!ok) throw new ModelException(message);
    }

    public static int count(long n, int max, String what) throws ModelException {
        check(n >= 0 && n <= max, what + " must be 0 to " + max + ", found " + n);
        return (int) n;
    }

    /** Conv and pool sides and channels. */
    public static final int MAX_SIDE = 1024;

    /**
     * A module of a model file: a known kind with sizes in bounds (each module's buffers stay
     * within a few times {@link #MAX_PARAMS} values), its activation of this math version.
     */
    public static Module module(String kind, int[] shape, int math) throws ModelException {
        check(shape.length == Modules.shapeSize(kind), kind + " takes " + Modules.shapeSize(kind) + " sizes, found " + shape.length);
        switch (kind) {
            case Modules.LINEAR:
                for (int d : shape) check(d > 0 && d <= MAX_WIDTH, "linear sizes must be 1 to " + MAX_WIDTH + ", found " + d);
                break;
            case Modules.CONV: case Modules.POOL:
                for (int i = 0; i < 4; i++) check(shape[i] > 0 && shape[i] <= MAX_SIDE, kind + " sizes must be 1 to " + MAX_SIDE + ", found " + shape[i]);
                check((long) shape[0] * shape[1] * shape[2] <= MAX_PARAMS, kind + " input is larger than " + MAX_PARAMS + " values");
                if (kind.equals(Modules.CONV)) {
                    check(shape[4] > 0 && shape[4] <= 64 && shape[5] > 0 && shape[5] <= 64, "conv kernel and stride must be 1 to 64");
                    long positions = (long) Conv2D.outputSide(shape[1], shape[5]) * Conv2D.outputSide(shape[2], shape[5]);
                    check(positions * shape[0] * shape[4] * shape[4] <= 4L * MAX_PARAMS && positions * shape[3] <= MAX_PARAMS, "conv is too large");
                }
                break;
            case Modules.DROPOUT:
                check(shape[0] >= 0 && shape[0] < 1_000_000, "dropout rate must be 0 to 999999 millionths, found " + shape[0]);
                break;
            case Modules.RNN: case Modules.GRU: case Modules.LSTM:
                check(shape[0] > 0 && shape[0] <= MAX_WIDTH && shape[1] > 0 && shape[1] <= MAX_WIDTH, kind + " sizes must be 1 to " + MAX_WIDTH);
                check(shape[2] > 0 && shape[2] <= MAX_SIDE, kind + " steps must be 1 to " + MAX_SIDE + ", found " + shape[2]);
                for (int i = 3; i < shape.length; i++) check(shape[i] == 0 || shape[i] == 1, kind + " flags must be 0 or 1, found " + shape[i]);
                check((long) shape[2] * (shape[0] + 6L * shape[1]) <= MAX_PARAMS, kind + " is too large");
                break;
            default:
        }
        try {
            return Modules.create(kind, shape, math);
        } catch (IllegalArgumentException e) {
            throw new ModelException(Modules.shapeSize(kind) > 0 ? kind + ": " + e.getMessage() : "unknown module kind '" + kind + "'");
        }
    }


    /** A date column's spec, one the engine writes ("ymd", "dmy+time", ...). */
    public static String dateSpec(String spec) throws ModelException {
        String order = spec.endsWith(studio.backprop.engine.data.Dates.WITH_TIME)
                ? spec.substring(0, spec.length() - studio.backprop.engine.data.Dates.WITH_TIME.length()) : spec;
        check(order.equals("ymd") || order.equals("dmy") || order.equals("mdy"), "unknown date form '" + spec + "'");
        return spec;
    }

    /**
     * The math version ({@link Det#MATH}) of a model's settings, which a reader needs before it
     * builds the modules: a model records the version it was trained with, and one written before
     * versions were recorded used version 1, which this puts into the settings.
     */
    public static int resolveMath(Map<String, String> settingsMap) throws ModelException {
        String v = settingsMap.computeIfAbsent("math", k -> "1");
        for (int m = 1; m <= Det.MATH; m++) if (v.equals(Integer.toString(m))) return m;
        throw new ModelException("math version '" + v + "' is not supported (this app has versions 1 to " + Det.MATH + ")");
    }

    public static Model build(Map<String, String> settingsMap, List<Encoding.Column> columns, int[] features,
                              Normalizer normalizer, String[] targetNames, String[] classes, String loss,
                              int inputs, List<Module> modules, Normalizer targets) throws ModelException {
        Settings settings = new Settings();
        for (Map.Entry<String, String> e : settingsMap.entrySet()) {
            check(Settings.isKey(e.getKey()), "unknown setting '" + e.getKey() + "'");
            settings.set(e.getKey(), e.getValue());
        }
        for (Encoding.Column c : columns) {
            if (c.categories != null) count(c.categories.length, 1000, "categories of column '" + c.name + "'");
        }
        Encoding encoding = new Encoding(columns);
        for (int f : features) check(f >= 0 && f < Features.KEYS.length, "unknown feature index " + f);
        check(features.length == 0 || columns.size() == 2, "2-D features need exactly 2 columns");
        int width = features.length == 0 ? encoding.inputNames().length : features.length;
        check(width == inputs, "the network takes " + inputs + " inputs but the encoding gives " + width);
        check(normalizer.shift.length == inputs && normalizer.scale.length == inputs, "normalisation size does not match the inputs");
        for (int j = 0; j < inputs; j++) {
            check(finite(normalizer.shift[j]) && finite(normalizer.scale[j]) && normalizer.scale[j] != 0, "normalisation values must be finite, scales non-zero");
        }
        Loss lossFn;
        try {
            lossFn = Loss.of(loss);
        } catch (IllegalArgumentException e) {
            throw new ModelException("unknown loss '" + loss + "'");
        }
        check(!modules.isEmpty(), "the network has no modules");
        long params = 0;
        int w = inputs;
        for (Module m : modules) {
            try {
                w = m.outputSize(w);
            } catch (IllegalArgumentException e) {
                throw new ModelException("module " + m.kind() + ": " + e.getMessage());
            }
            for (Param p : m.params()) params += p.size();
        }
        check(params <= MAX_PARAMS, "the network has more than " + MAX_PARAMS + " parameters");
        String last = modules.get(modules.size() - 1).kind();
        check(lossFn.pairedOutput() == null || lossFn.pairedOutput().equals(last), loss + " needs a " + lossFn.pairedOutput() + " output, found " + last);
        check(classes.length == 0 || classes.length >= 2, "a classifier needs at least 2 classes");
        // a text's: a distribution over its characters at every step
        boolean perStep = loss.equals(StepCrossEntropy.KIND);
        if (perStep) check(classes.length > 0 && w == targetNames.length * classes.length, w + " outputs do not fit " + targetNames.length + " steps of " + classes.length + " characters");
        else if (classes.length > 0) check(w == classes.length || (w == 1 && classes.length == 2), w + " outputs do not fit " + classes.length + " classes");
        else check(w == targetNames.length, w + " outputs do not fit " + targetNames.length + " targets");
        Network net = new Network(inputs, new ArrayList<>(modules));
        if (targets == null) {
            // a regression written without target scaling learned its targets as they are: its run says so
            if (classes.length == 0) settings.set("ynorm", "none");
            targets = Normalizer.identity(perStep ? targetNames.length : w);
        } else {
            check(classes.length == 0, "a classifier has no target scaling");
            check(targets.shift.length == w && targets.scale.length == w, "the target scaling's size does not match the outputs");
            for (int j = 0; j < w; j++) {
                check(finite(targets.shift[j]) && finite(targets.scale[j]) && targets.scale[j] != 0, "target scaling values must be finite, scales non-zero");
            }
        }
        return new Model(settings, encoding, features, normalizer, targetNames, classes, loss, net, targets);
    }

    static boolean finite(double v) {
        return v - v == 0;
    }
}
