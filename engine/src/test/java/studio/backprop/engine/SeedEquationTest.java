package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.nn.*;
import studio.backprop.engine.train.Adam;
import studio.backprop.engine.train.Sgd;

/** The seed's equations and Adam's first steps, worked by hand. */
class SeedEquationTest {
    @Test
    void lastLayerGradientIsAPreviousTimesDlDzTransposed() {
        // x (2) -> Linear W1 (2x2) -> tanh -> Linear W2 (2x1) -> identity, MSE, one sample.
        Linear l1 = new Linear(2, 2), l2 = new Linear(2, 1);
        l1.W.value[0] = new double[] {0.1, -0.2};
        l1.W.value[1] = new double[] {0.3, 0.4};
        l1.W0.value[0] = new double[] {0.05, -0.05};
        l2.W.value[0] = new double[] {0.7};
        l2.W.value[1] = new double[] {-0.6};
        l2.W0.value[0] = new double[] {0.1};
        Network net = new Network(2, List.of(l1, new Tanh(Det.MATH), l2, new Identity()));
        double[] x = {1.0, 2.0};
        double y = 0.5;
        Mat in = net.input(1);
        in.row[0] = x.clone();
        net.forward();
        net.backward(Loss.of("mse"), Mat.of(new double[][] {{y}}), 1.0, false);

        // By hand: Z1 = W1^T x + W0, A1 = tanh(Z1), Z2 = W2^T A1 + W0_2, loss = (Z2 - y)^2.
        double z11 = 0.1 * 1 + 0.3 * 2 + 0.05, z12 = -0.2 * 1 + 0.4 * 2 - 0.05;
        double a11 = Math.tanh(z11), a12 = Math.tanh(z12);
        double z2 = 0.7 * a11 - 0.6 * a12 + 0.1;
        double dLdZ2 = 2 * (z2 - y);
        // dL/dW^L = A^{L-1} (dL/dZ^L)^T, an m x n = 2 x 1 matrix.
        assertEquals(a11 * dLdZ2, l2.W.grad[0][0], 1e-15);
        assertEquals(a12 * dLdZ2, l2.W.grad[1][0], 1e-15);
        assertEquals(dLdZ2, l2.W0.grad[0][0], 1e-15);
        // dL/dZ^1 = f'(Z^1) * W^2 dL/dZ^2, then dL/dW^1 = x (dL/dZ^1)^T.
        double dz11 = (1 - a11 * a11) * 0.7 * dLdZ2, dz12 = (1 - a12 * a12) * -0.6 * dLdZ2;
        assertEquals(1.0 * dz11, l1.W.grad[0][0], 1e-15);
        assertEquals(1.0 * dz12, l1.W.grad[0][1], 1e-15);
        assertEquals(2.0 * dz11, l1.W.grad[1][0], 1e-15);
        assertEquals(2.0 * dz12, l1.W.grad[1][1], 1e-15);
    }

    @Test
    void batchGradientIsTheSumOfPerSampleGradients() {
        Linear lin = new Linear(3, 2);
        Network net = new Network(3, List.of(lin, new Sigmoid(Det.MATH)));
        Init.apply(net, "xavier-uniform", new studio.backprop.engine.math.Rng(5));
        double[][] x = {{1, 2, 3}, {-1, 0.5, 2}, {0.3, -0.7, 0.1}};
        double[][] y = {{1, 0}, {0, 1}, {1, 1}};
        double[][] sum = new double[3][2];
        for (int i = 0; i < 3; i++) {
            net.input(1).row[0] = x[i].clone();
            net.forward();
            net.backward(Loss.of("bce"), Mat.of(new double[][] {y[i]}), 1.0, false);
            for (int k = 0; k < 3; k++) for (int j = 0; j < 2; j++) sum[k][j] += lin.W.grad[k][j];
        }
        Mat in = net.input(3);
        for (int i = 0; i < 3; i++) in.row[i] = x[i].clone();
        net.forward();
        net.backward(Loss.of("bce"), Mat.of(y), 1.0, false);
        for (int k = 0; k < 3; k++) for (int j = 0; j < 2; j++) assertEquals(sum[k][j], lin.W.grad[k][j], 1e-14);
        net.forward();
        net.backward(Loss.of("bce"), Mat.of(y), 1.0 / 3, false);
        for (int k = 0; k < 3; k++) for (int j = 0; j < 2; j++) assertEquals(sum[k][j] / 3, lin.W.grad[k][j], 1e-14);
    }

    @Test
    void adamFirstStepsMatchHandComputedValues() {
        Param p = new Param("W", 1, 2, true);
        p.value[0] = new double[] {1.0, -2.0};
        Adam adam = new Adam(List.of(p), 0.9, 0.999, 1e-8);
        double lr = 0.1;
        // Step 1, g = (0.5, -1): m = 0.1 g, v = 0.001 g^2; m/(1-0.9) = g, v/(1-0.999) = g^2,
        // so the update is lr * g / (|g| + eps) = lr * sign(g), nearly.
        p.grad[0] = new double[] {0.5, -1.0};
        adam.step(List.of(p), lr);
        assertStored(1.0 - lr * 0.5 / (0.5 + 1e-8), p.value[0][0]);
        assertStored(-2.0 + lr * 1.0 / (1.0 + 1e-8), p.value[0][1]);
        // Step 2, g = (0.25, 0): m = 0.9*0.05 + 0.1*0.25 = 0.07, v = 0.999*0.00025 + 0.001*0.0625;
        // mhat = 0.07 / (1 - 0.81), vhat = v / (1 - 0.998001).
        double w0 = p.value[0][0], w1 = p.value[0][1];
        p.grad[0] = new double[] {0.25, 0.0};
        adam.step(List.of(p), lr);
        double m = 0.07, v = 0.999 * 0.00025 + 0.001 * 0.0625;
        double mhat = m / (1 - 0.81), vhat = v / (1 - 0.998001);
        assertStored(w0 - lr * mhat / (Math.sqrt(vhat) + 1e-8), p.value[0][0]);
        double m1 = 0.9 * -0.1, v1 = 0.999 * 0.001;
        assertStored(w1 - lr * (m1 / 0.19) / (Math.sqrt(v1 / 0.001999) + 1e-8), p.value[0][1]);
    }

    /** Optimisers store weights as floats: the stored value is the nearest float to the exact one. */
    private static void assertStored(double exact, double stored) {
        assertEquals((double) (float) stored, stored, "a float");
        assertEquals(exact, stored, Math.ulp((float) exact) / 2.0 + 1e-12);
    }

    @Test
    void sgdStepIsWeightMinusRateTimesGradient() {
        Param p = new Param("W", 1, 1, true);
        p.value[0][0] = 2.0;
        p.grad[0][0] = 4.0;
        new Sgd().step(List.of(p), 0.25);
        assertEquals(1.0, p.value[0][0]);
    }
}
