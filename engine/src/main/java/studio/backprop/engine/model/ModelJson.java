package studio.backprop.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.data.Normalizer;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.nn.Param;

/**
 * The readable model form. Numbers are written with Java's shortest round-trip decimal form,
 * so reading them back on the JVM gives the same bits.
 */
public final class ModelJson {
    private ModelJson() {}

    public static final String FORMAT = "backprop-studio-model";

    public static String write(Model model) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ").append(Model.VERSION).append(",\n");
        sb.append("  \"settings\": {");
        String sep = "";
        for (Map.Entry<String, String> e : model.settings.asMap().entrySet()) {
            sb.append(sep).append(Json.quote(e.getKey())).append(": ").append(Json.quote(e.getValue()));
            sep = ", ";
        }
        sb.append("},\n  \"inputs\": [");
        sep = "";
        for (Encoding.Column c : model.encoding.columns) {
            sb.append(sep).append("{\"name\": ").append(Json.quote(c.name));
            if (c.categories != null) sb.append(", \"categories\": ").append(strings(c.categories));
            if (c.date != null) sb.append(", \"date\": ").append(Json.quote(c.date));
            sb.append('}');
            sep = ", ";
        }
        String[] features = new String[model.features.length];
        for (int i = 0; i < features.length; i++) features[i] = Features.KEYS[model.features[i]];
        sb.append("],\n  \"features\": ").append(strings(features));
        sb.append(",\n  \"normalization\": {\"kind\": ").append(Json.quote(model.normalizer.kind));
        sb.append(", \"shift\": ").append(numbers(model.normalizer.shift));
        sb.append(", \"scale\": ").append(numbers(model.normalizer.scale)).append("},\n");
        sb.append("  \"targets\": ").append(strings(model.targetNames)).append(",\n");
        if (!model.targets.isIdentity()) {
            // a regression's outputs are (y - shift) / scale: predictions turn them back
            sb.append("  \"targetNormalization\": {\"kind\": ").append(Json.quote(model.targets.kind));
            sb.append(", \"shift\": ").append(numbers(model.targets.shift));
            sb.append(", \"scale\": ").append(numbers(model.targets.scale)).append("},\n");
        }
        sb.append("  \"classes\": ").append(strings(model.classes)).append(",\n");
        sb.append("  \"loss\": ").append(Json.quote(model.loss)).append(",\n");
        sb.append("  \"network\": {\"inputs\": ").append(model.network.inputs).append(", \"modules\": [\n");
        sep = "";
        for (Module m : model.network.modules()) {
            sb.append(sep).append("    {\"kind\": ").append(Json.quote(m.kind()));
            if (m.shape().length > 0) {
                sb.append(", \"shape\": [");
                for (int d = 0; d < m.shape().length; d++) sb.append(d > 0 ? ", " : "").append(m.shape()[d]);
                sb.append(']');
            }
            // a weight matrix row by row, a bias as one list
            for (Param p : m.params()) {
                sb.append(", ").append(Json.quote(p.name)).append(": ");
                if (!p.regularised) {
                    sb.append(numbers(p.value[0]));
                    continue;
                }
                sb.append('[');
                for (int k = 0; k < p.value.length; k++) sb.append(k > 0 ? ", " : "").append(numbers(p.value[k]));
                sb.append(']');
            }
            sb.append('}');
            sep = ",\n";
        }
        return sb.append("\n  ]}\n}\n").toString();
    }

    static String strings(String[] ss) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ss.length; i++) sb.append(i > 0 ? ", " : "").append(Json.quote(ss[i]));
        return sb.append(']').toString();
    }

    static String numbers(double[] vs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < vs.length; i++) sb.append(i > 0 ? ", " : "").append(Double.toString(vs[i]));
        return sb.append(']').toString();
    }

    public static Model read(String text) throws ModelException {
        Limits.check(text.length() <= 200_000_000, "the model file is too large");
        Map<String, Object> root = object(Json.parse(text), "the model");
        Limits.check(FORMAT.equals(root.get("format")), "not a Backprop Studio model (\"format\" must be \"" + FORMAT + "\")");
        double version = number(root.get("version"), "version");
        Limits.check(version == Model.VERSION, "model version " + root.get("version") + " is not supported (this app reads version " + Model.VERSION + ")");
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object(root.get("settings"), "settings").entrySet()) {
            settings.put(e.getKey(), string(e.getValue(), "setting " + e.getKey()));
        }
        int math = Limits.resolveMath(settings);
        List<Encoding.Column> columns = new ArrayList<>();
        for (Object o : list(root.get("inputs"), "inputs", Limits.MAX_LIST)) {
            Map<String, Object> c = object(o, "an input");
            Object cats = c.get("categories"), date = c.get("date");
            columns.add(new Encoding.Column(string(c.get("name"), "input name"), cats == null ? null : strings(cats, "categories", 1000),
                    date == null ? null : Limits.dateSpec(string(date, "date"))));
        }
        String[] featureKeys = strings(root.get("features"), "features", 7);
        int[] features = new int[featureKeys.length];
        for (int i = 0; i < features.length; i++) {
            try {
                features[i] = Features.index(featureKeys[i]);
            } catch (IllegalArgumentException e) {
                throw new ModelException(e.getMessage());
            }
        }
        Map<String, Object> norm = object(root.get("normalization"), "normalization");
        Normalizer normalizer = new Normalizer(string(norm.get("kind"), "normalization kind"),
                numbers(norm.get("shift"), "shift", Limits.MAX_LIST), numbers(norm.get("scale"), "scale", Limits.MAX_LIST));
        Map<String, Object> network = object(root.get("network"), "network");
        int inputs = (int) count(network.get("inputs"), "network inputs", Limits.MAX_LIST);
        List<Module> modules = new ArrayList<>();
        long params = 0;
        for (Object o : list(network.get("modules"), "modules", Limits.MAX_MODULES)) {
            Map<String, Object> m = object(o, "a module");
            String kind = string(m.get("kind"), "module kind");
            int[] shape = m.containsKey("shape") ? shape(m.get("shape"), kind) : impliedShape(kind, m);
            params += Modules.parameterCount(kind, shape);
            Limits.check(params <= Limits.MAX_PARAMS, "the network has more than " + Limits.MAX_PARAMS + " parameters");
            Module module = Limits.module(kind, shape, math);
            for (Param p : module.params()) {
                String what = kind + " " + p.name;
                if (!p.regularised) {
                    double[] v = numbers(m.get(p.name), what, Limits.MAX_WIDTH);
                    Limits.check(v.length == p.value[0].length, what + " has " + v.length + " values, expected " + p.value[0].length);
                    p.value[0] = v;
                    continue;
                }
                List<Object> rows = list(m.get(p.name), what, Limits.MAX_PARAMS);
                Limits.check(rows.size() == p.value.length, what + " has " + rows.size() + " rows, expected " + p.value.length);
                for (int k = 0; k < rows.size(); k++) {
                    double[] r = numbers(rows.get(k), what + " row", Limits.MAX_WIDTH);
                    Limits.check(r.length == p.value[k].length, what + " row " + (k + 1) + " has " + r.length + " values, expected " + p.value[k].length);
                    p.value[k] = r;
                }
            }
            modules.add(module);
        }
        Normalizer targets = null;
        if (root.containsKey("targetNormalization")) {
            Map<String, Object> t = object(root.get("targetNormalization"), "targetNormalization");
            targets = new Normalizer(string(t.get("kind"), "target normalization kind"),
                    numbers(t.get("shift"), "target shift", Limits.MAX_LIST), numbers(t.get("scale"), "target scale", Limits.MAX_LIST));
        }
        return Limits.build(settings, columns, features, normalizer, strings(root.get("targets"), "targets", 1000),
                strings(root.get("classes"), "classes", 1000), string(root.get("loss"), "loss"), inputs, modules, targets);
    }

    private static int[] shape(Object o, String kind) throws ModelException {
        List<Object> l = list(o, kind + " shape", 8);
        Limits.check(l.size() == Modules.shapeSize(kind), kind + " takes " + Modules.shapeSize(kind) + " shape numbers, found " + l.size());
        int[] shape = new int[l.size()];
        for (int i = 0; i < shape.length; i++) shape[i] = (int) count(l.get(i), kind + " size", 1_000_000);
        return shape;
    }

    /** Files written before modules carried their shape: a linear module's m and n are its W's rows and W0's length. */
    private static int[] impliedShape(String kind, Map<String, Object> m) throws ModelException {
        if (!kind.equals(Modules.LINEAR)) return new int[0];
        return new int[] {list(m.get("W"), "W", Limits.MAX_WIDTH).size(), list(m.get("W0"), "W0", Limits.MAX_WIDTH).size()};
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String what) throws ModelException {
        Limits.check(o instanceof Map, what + " must be a JSON object");
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String what, int max) throws ModelException {
        Limits.check(o instanceof List, what + " must be a JSON array");
        List<Object> l = (List<Object>) o;
        Limits.count(l.size(), max, what + " length");
        return l;
    }

    private static String string(Object o, String what) throws ModelException {
        Limits.check(o instanceof String, what + " must be a string");
        return (String) o;
    }

    private static double number(Object o, String what) throws ModelException {
        Limits.check(o instanceof Double, what + " must be a number");
        return (Double) o;
    }

    private static long count(Object o, String what, int max) throws ModelException {
        double v = number(o, what);
        Limits.check(v == Math.floor(v), what + " must be a whole number");
        return Limits.count((long) v, max, what);
    }

    private static String[] strings(Object o, String what, int max) throws ModelException {
        List<Object> l = list(o, what, max);
        String[] out = new String[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = string(l.get(i), what);
        return out;
    }

    private static double[] numbers(Object o, String what, int max) throws ModelException {
        List<Object> l = list(o, what, max);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(l.get(i), what);
            Limits.check(Limits.finite(out[i]), what + " values must be finite");
        }
        return out;
    }
}
