package studio.backprop.engine.nn;

import java.util.List;
import studio.backprop.engine.math.Mat;

/**
 * A text's symbols as the recurrent layers read them: u is a sequence of {@code steps} symbol
 * indices (0 .. vocab - 1), v the same sequence one-hot, step after step (index t vocab + s).
 * It has no weights; the indices have no gradient (backward gives zeros). An index outside the
 * vocabulary reads as no symbol (a zero step).
 */
public final class OneHot implements Module {
    public final int vocab, steps;

    public OneHot(int vocab, int steps) {
        if (vocab < 1 || steps < 1) throw new IllegalArgumentException("one-hot needs symbols and steps, got " + vocab + ", " + steps);
        this.vocab = vocab;
        this.steps = steps;
    }

    @Override public String kind() { return Modules.ONE_HOT; }

    @Override public int[] shape() { return new int[] {vocab, steps}; }

    @Override public int outputSize(int inputSize) {
        if (inputSize != steps) throw new IllegalArgumentException("one-hot expects " + steps + " symbols, got " + inputSize);
        return steps * vocab;
    }

    @Override public void forward(Mat u, Mat v) {
        for (int i = 0; i < u.rows; i++) {
            double[] x = u.row[i], out = v.row[i];
            Mat.zero(out);
            for (int t = 0; t < steps; t++) {
                double s = x[t];
                if (s >= 0 && s < vocab && s == (int) s) out[t * vocab + (int) s] = 1.0;
            }
        }
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        for (int i = 0; i < u.rows; i++) Mat.zero(dLdu.row[i]);
    }

    @Override public List<Param> params() {
        return List.of();
    }
}
