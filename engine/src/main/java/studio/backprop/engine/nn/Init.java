package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Rng;

/**
 * Weight initialisation of every module with weights (Linear, Conv2D: a weight matrix W of
 * m x n, m its fan-in, and biases W0). Glorot (Xavier) keeps the variance of tanh/sigmoid
 * layers at 2 / (m + n); He keeps that of ReLU layers at 2 / m. "auto" picks He when the
 * module after is a ReLU kind, Glorot otherwise. Biases W0 start at zero.
 */
public final class Init {
    private Init() {}

    public static final String[] SCHEMES = {"auto", "xavier-uniform", "xavier-normal", "he-uniform", "he-normal", "zero"};

    public static void apply(Network net, String scheme, Rng rng) {
        List<Module> ms = net.modules();
        for (int l = 0; l < ms.size(); l++) {
            List<Param> params = ms.get(l).params();
            if (params.isEmpty()) continue;
            String s = scheme;
            if (s.equals("auto")) {
                String next = l + 1 < ms.size() ? ms.get(l + 1).kind() : "";
                s = next.equals("relu") || next.equals("leaky-relu") ? "he-uniform" : "xavier-uniform";
            }
            for (Param p : params) {
                if (p.regularised) fill(p.value, s, p.value.length, p.value[0].length, rng);
                else for (double[] r : p.value) java.util.Arrays.fill(r, 0.0);
            }
        }
    }

    private static void fill(double[][] w, String scheme, int m, int n, Rng rng) {
        double variance;
        switch (scheme) {
            case "xavier-uniform": case "xavier-normal": variance = 2.0 / (m + n); break;
            case "he-uniform": case "he-normal": variance = 2.0 / m; break;
            case "zero": variance = 0; break;
            default: throw new IllegalArgumentException("unknown init '" + scheme + "'");
        }
        boolean uniform = scheme.endsWith("uniform");
        double limit = Math.sqrt(3.0 * variance), sd = Math.sqrt(variance);
        for (double[] r : w) {
            for (int j = 0; j < r.length; j++) {
                r[j] = variance == 0 ? 0.0 : Det.single(uniform ? rng.uniform(-limit, limit) : sd * rng.nextGaussian());
            }
        }
    }
}
