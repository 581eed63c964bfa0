package studio.backprop.engine.data;

import studio.backprop.engine.math.Det;

/**
 * The extra inputs that 2-D sets may offer, as in Playground: each is computed from the raw
 * (x1, x2). Keys are what URLs, the CLI and model files use.
 */
public final class Features {
    private Features() {}

    public static final String[] KEYS = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"};
    public static final String[] LABELS = {"x\u2081", "x\u2082", "x\u2081\u00b2", "x\u2082\u00b2", "x\u2081x\u2082", "sin x\u2081", "sin x\u2082"};

    public static int index(String key) {
        for (int i = 0; i < KEYS.length; i++) if (KEYS[i].equals(key)) return i;
        throw new IllegalArgumentException("unknown feature '" + key + "' (use " + String.join(", ", KEYS) + ")");
    }

    public static double value(int feature, double x1, double x2) {
        switch (feature) {
            case 0: return x1;
            case 1: return x2;
            case 2: return x1 * x1;
            case 3: return x2 * x2;
            case 4: return x1 * x2;
            case 5: return Det.sin(x1);
            default: return Det.sin(x2);
        }
    }

    /** Expands 2-D points into the chosen features. */
    public static double[][] expand(double[][] points, int[] features) {
        double[][] out = new double[points.length][features.length];
        for (int i = 0; i < points.length; i++) {
            for (int f = 0; f < features.length; f++) out[i][f] = value(features[f], points[i][0], points[i][1]);
        }
        return out;
    }

    public static int[] parse(String csv) {
        String[] keys = Text.split(csv, ',');
        int[] idx = new int[keys.length];
        for (int i = 0; i < keys.length; i++) idx[i] = index(keys[i].trim());
        return idx;
    }
}
