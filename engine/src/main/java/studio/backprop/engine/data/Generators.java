package studio.backprop.engine.data;

import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Rng;

/**
 * The 2-D toy sets, after TensorFlow Playground's: points in about [-6, 6]^2, noise as a
 * fraction (0 to 0.5) of the set's scale. Classification labels are class 0 and class 1.
 */
public final class Generators {
    private Generators() {}

    public static final String[] CLASSIFICATION = {"spiral", "circle", "xor", "gauss", "moons"};
    public static final String[] REGRESSION = {"plane", "sine"};
    private static final String[] INPUTS = {"x1", "x2"};
    private static final String[] CLASSES = {"0", "1"};
    private static final double TWO_PI = 6.283185307179586;

    public static boolean isGenerated(String name) {
        for (String s : CLASSIFICATION) if (s.equals(name)) return true;
        for (String s : REGRESSION) if (s.equals(name)) return true;
        return name.equals(Drawn.NAME);
    }

    public static DataSet generate(String name, int n, double noise, Rng rng) {
        if (n < 2 || n > 100_000) throw new IllegalArgumentException("sample count must be 2 to 100000, got " + n);
        if (!(noise >= 0 && noise <= 1)) throw new IllegalArgumentException("noise must be between 0 and 1");
        double[][] x = new double[n][2], y = new double[n][1];
        for (int i = 0; i < n; i++) {
            boolean positive = i < n / 2;
            switch (name) {
                case "spiral": spiral(i, n, positive, noise, rng, x[i], y[i]); break;
                case "circle": circle(positive, noise, rng, x[i], y[i]); break;
                case "xor": xor(noise, rng, x[i], y[i]); break;
                case "gauss": gauss(positive, noise, rng, x[i], y[i]); break;
                case "moons": moons(positive, noise, rng, x[i], y[i]); break;
                case "plane": plane(noise, rng, x[i], y[i]); break;
                case "sine": sine(noise, rng, x[i], y[i]); break;
                default: throw new IllegalArgumentException("unknown data set '" + name + "'");
            }
        }
        boolean regression = name.equals("plane") || name.equals("sine");
        return new DataSet(name, INPUTS, x, new String[] {"y"}, regression ? new String[0] : CLASSES, y);
    }

    private static void spiral(int i, int n, boolean positive, double noise, Rng rng, double[] p, double[] y) {
        int half = n / 2, k = positive ? i : i - half, count = positive ? half : n - half;
        double r = 5.0 * k / count;
        double t = 1.75 * k / count * TWO_PI + (positive ? 0 : Math.PI);
        p[0] = r * Det.sin(t) + rng.uniform(-1, 1) * noise;
        p[1] = r * Det.cos(t) + rng.uniform(-1, 1) * noise;
        y[0] = positive ? 1 : 0;
    }

    private static void circle(boolean positive, double noise, Rng rng, double[] p, double[] y) {
        double radius = 5;
        double r = positive ? rng.uniform(0, radius * 0.5) : rng.uniform(radius * 0.7, radius);
        double angle = rng.uniform(0, TWO_PI);
        p[0] = r * Det.sin(angle);
        p[1] = r * Det.cos(angle);
        double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
        double dx = p[0] + nx, dy = p[1] + ny;
        y[0] = Math.sqrt(dx * dx + dy * dy) < radius * 0.5 ? 1 : 0;
    }

    private static void xor(double noise, Rng rng, double[] p, double[] y) {
        double padding = 0.3;
        p[0] = rng.uniform(-5, 5);
        p[0] += p[0] > 0 ? padding : -padding;
        p[1] = rng.uniform(-5, 5);
        p[1] += p[1] > 0 ? padding : -padding;
        double nx = rng.uniform(-5, 5) * noise, ny = rng.uniform(-5, 5) * noise;
        y[0] = (p[0] + nx) * (p[1] + ny) >= 0 ? 1 : 0;
    }

    private static void gauss(boolean positive, double noise, Rng rng, double[] p, double[] y) {
        double sd = Math.sqrt(0.5 + 7 * noise);
        double c = positive ? 2 : -2;
        p[0] = c + sd * rng.nextGaussian();
        p[1] = c + sd * rng.nextGaussian();
        y[0] = positive ? 1 : 0;
    }

    private static void moons(boolean positive, double noise, Rng rng, double[] p, double[] y) {
        double t = rng.uniform(0, Math.PI);
        double mx = positive ? Det.cos(t) : 1 - Det.cos(t);
        double my = positive ? Det.sin(t) : 0.5 - Det.sin(t);
        p[0] = (mx - 0.5) * 3.5 + 2 * noise * rng.nextGaussian();
        p[1] = (my - 0.25) * 3.5 + 2 * noise * rng.nextGaussian();
        y[0] = positive ? 1 : 0;
    }

    private static void plane(double noise, Rng rng, double[] p, double[] y) {
        p[0] = rng.uniform(-6, 6);
        p[1] = rng.uniform(-6, 6);
        double nx = rng.uniform(-6, 6) * noise, ny = rng.uniform(-6, 6) * noise;
        y[0] = (p[0] + nx + p[1] + ny) / 12;
    }

    private static void sine(double noise, Rng rng, double[] p, double[] y) {
        p[0] = rng.uniform(-6, 6);
        p[1] = rng.uniform(-6, 6);
        y[0] = Det.sin(p[0]) + rng.uniform(-1, 1) * noise;
    }
}
