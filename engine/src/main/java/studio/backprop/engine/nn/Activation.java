package studio.backprop.engine.nn;

import studio.backprop.engine.math.Mat;

/**
 * A component-wise f: A = f(Z). Its Jacobian dA/dZ is diagonal, so backward multiplies
 * dL/dA elementwise by f'(Z), which subclasses give from z and a = f(z).
 */
public abstract class Activation implements Module {
    protected abstract double f(double z);

    protected abstract double derivative(double z, double a);

    @Override public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override public void forward(Mat u, Mat v) {
        for (int i = 0; i < u.rows; i++) {
            double[] z = u.row[i], a = v.row[i];
            for (int j = 0; j < u.cols; j++) a[j] = f(z[j]);
        }
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        for (int i = 0; i < u.rows; i++) {
            double[] z = u.row[i], a = v.row[i], g = dLdv.row[i], out = dLdu.row[i];
            for (int j = 0; j < u.cols; j++) out[j] = derivative(z[j], a[j]) * g[j]; // see Det.kernelCos
        }
    }
}
