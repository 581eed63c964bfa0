package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.nn.*;
import studio.backprop.engine.nn.Module;

/** Every module's backward and weight grad against central finite differences. */
class GradientCheckTest {
    private static final double H = 1e-6;

    static void assertClose(double expected, double actual, String what) {
        double err = Math.abs(expected - actual) / Math.max(1e-3, Math.abs(expected) + Math.abs(actual));
        assertTrue(err < 1e-6, what + ": finite difference " + expected + " vs analytic " + actual + " (relative error " + err + ")");
    }

    /** L = sum_ij g_ij v_ij for fixed random g, so dL/dv = g. */
    private static double lossOf(Module m, Mat u, Mat g) {
        Mat v = new Mat(u.rows, m.outputSize(u.cols));
        m.forward(u, v);
        double s = 0;
        for (int i = 0; i < u.rows; i++) for (int j = 0; j < v.cols; j++) s += g.row[i][j] * v.row[i][j];
        return s;
    }

    static Mat random(int rows, int cols, Rng rng, double scale) {
        Mat m = new Mat(rows, cols);
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) m.row[i][j] = rng.uniform(-scale, scale);
        return m;
    }

    static void check(Module m, int batch, int width, Rng rng) {
        Mat u = random(batch, width, rng, 2);
        int out = m.outputSize(width);
        Mat g = random(batch, out, rng, 1);
        Mat v = new Mat(batch, out);
        Mat du = new Mat(batch, width);
        m.forward(u, v);
        m.backward(u, v, g, du);
        for (Param p : m.params()) p.zeroGrad();
        m.weightGrad(u, g);
        for (int i = 0; i < batch; i++) {
            for (int k = 0; k < width; k++) {
                double keep = u.row[i][k];
                u.row[i][k] = keep + H;
                double plus = lossOf(m, u, g);
                u.row[i][k] = keep - H;
                double minus = lossOf(m, u, g);
                u.row[i][k] = keep;
                assertClose((plus - minus) / (2 * H), du.row[i][k], m.kind() + " dL/du[" + i + "][" + k + "]");
            }
        }
        for (Param p : m.params()) {
            for (int r = 0; r < p.value.length; r++) {
                for (int c = 0; c < p.value[r].length; c++) {
                    double keep = p.value[r][c];
                    p.value[r][c] = keep + H;
                    double plus = lossOf(m, u, g);
                    p.value[r][c] = keep - H;
                    double minus = lossOf(m, u, g);
                    p.value[r][c] = keep;
                    assertClose((plus - minus) / (2 * H), p.grad[r][c], m.kind() + " dL/d" + p.name + "[" + r + "][" + c + "]");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 9})
    void modulesAgreeWithFiniteDifferences(int batch) {
        Rng rng = new Rng(batch);
        for (int trial = 0; trial < 5; trial++) {
            int m = 1 + rng.nextInt(7), n = 1 + rng.nextInt(7);
            Linear lin = new Linear(m, n);
            Init.apply(new Network(m, List.of(lin, new Identity())), "xavier-normal", rng);
            for (int j = 0; j < n; j++) lin.W0.value[0][j] = rng.uniform(-1, 1);
            check(lin, batch, m, rng);
            for (String kind : new String[] {"tanh", "sigmoid", "sine", "identity", "relu", "leaky-relu", "softmax"}) {
                check(Modules.activation(kind, Det.MATH), batch, n, rng);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mse", "bce", "ce"})
    void lossGradientsAgreeWithFiniteDifferences(String kind) {
        Loss loss = Loss.of(kind);
        Rng rng = new Rng(3);
        for (int trial = 0; trial < 20; trial++) {
            int k = kind.equals("bce") ? 1 + rng.nextInt(3) : 2 + rng.nextInt(5);
            Module out = Modules.activation(loss.pairedOutput() == null ? "identity" : loss.pairedOutput(), Det.MATH);
            double[] z = new double[k], y = new double[k];
            for (int j = 0; j < k; j++) z[j] = rng.uniform(-3, 3);
            if (kind.equals("ce")) y[rng.nextInt(k)] = 1;
            else for (int j = 0; j < k; j++) y[j] = kind.equals("bce") ? rng.nextInt(2) : rng.uniform(-1, 1);
            double[] a = apply(out, z), grad = new double[k];
            loss.gradient(z, a, y, 1.0, grad);
            for (int j = 0; j < k; j++) {
                double keep = z[j];
                z[j] = keep + H;
                double plus = loss.value(z, apply(out, z), y);
                z[j] = keep - H;
                double minus = loss.value(z, apply(out, z), y);
                z[j] = keep;
                // the loss gives dL/dZ for paired outputs and dL/dA (= dL/dZ for identity) otherwise
                assertClose((plus - minus) / (2 * H), grad[j], kind + " dL/dZ[" + j + "]");
            }
        }
    }

    private static double[] apply(Module m, double[] z) {
        Mat u = Mat.of(new double[][] {z.clone()});
        Mat v = new Mat(1, z.length);
        m.forward(u, v);
        return v.row[0];
    }

    @Test
    void lossesStayFiniteForHugeLogits() {
        for (double big : new double[] {1000, -1000}) {
            double[] z1 = {big}, a1 = apply(new Sigmoid(Det.MATH), z1);
            for (double y : new double[] {0, 1}) {
                double v = Loss.of("bce").value(z1, a1, new double[] {y});
                assertTrue(Double.isFinite(v), "bce " + big + " " + y);
            }
            double[] z = {big, -big, 0}, a = apply(new Softmax(Det.MATH), z);
            for (double x : a) assertTrue(Double.isFinite(x));
            double v = Loss.of("ce").value(z, a, new double[] {0, 1, 0});
            assertTrue(Double.isFinite(v) && v >= 0, "ce " + big);
            double[] g = new double[3];
            Loss.of("ce").gradient(z, a, new double[] {0, 1, 0}, 1, g);
            for (double x : g) assertTrue(Double.isFinite(x));
        }
        assertEquals(1000.0, Loss.of("bce").value(new double[] {1000}, new double[] {1}, new double[] {0}), 1e-9);
    }

    @Test
    void networkGradientAgreesWithFiniteDifferencesEndToEnd() {
        Rng rng = new Rng(11);
        Network net = Network.build(3, LayerSpec.parse("4,5", "tanh,sine"), 3, "softmax");
        Init.apply(net, "xavier-normal", rng);
        Loss loss = Loss.of("ce");
        int batch = 4;
        Mat x = random(batch, 3, rng, 1);
        Mat y = new Mat(batch, 3);
        for (int i = 0; i < batch; i++) y.row[i][rng.nextInt(3)] = 1;
        lossAndGrad(net, loss, x, y);
        java.util.List<double[][]> analytic = new java.util.ArrayList<>();
        for (Param p : net.params()) {
            double[][] g = new double[p.grad.length][];
            for (int r = 0; r < g.length; r++) g[r] = p.grad[r].clone();
            analytic.add(g);
        }
        for (int q = 0; q < net.params().size(); q++) {
            Param p = net.params().get(q);
            for (int r = 0; r < p.value.length; r++) {
                for (int c = 0; c < p.value[r].length; c++) {
                    double keep = p.value[r][c];
                    p.value[r][c] = keep + H;
                    double plus = lossAndGrad(net, loss, x, y);
                    p.value[r][c] = keep - H;
                    double minus = lossAndGrad(net, loss, x, y);
                    p.value[r][c] = keep;
                    assertClose((plus - minus) / (2 * H), analytic.get(q)[r][c], "network d" + p.name + " of parameter " + q + " at " + r + "," + c);
                }
            }
        }
    }

    private static double lossAndGrad(Network net, Loss loss, Mat x, Mat y) {
        Mat in = net.input(x.rows);
        for (int i = 0; i < x.rows; i++) System.arraycopy(x.row[i], 0, in.row[i], 0, x.cols);
        net.forward();
        return net.backward(loss, y, 1.0, true);
    }
}
