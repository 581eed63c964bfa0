package studio.backprop.engine.math;

/**
 * A mini-batch matrix: one row per sample, so row i of A holds the seed's column vector
 * A^(i) laid on its side. Rows are separate arrays because HotSpot vectorises loops over a
 * whole row slice; {@code rows} may be less than the allocated capacity (a short last batch).
 */
public final class Mat {
    public final double[][] row;
    public final int cols;
    public int rows;

    public Mat(int capacity, int cols) {
        this.row = new double[capacity][cols];
        this.cols = cols;
        this.rows = capacity;
    }

    public int capacity() {
        return row.length;
    }

    public double get(int i, int j) {
        return row[i][j];
    }

    public void zero() {
        for (int i = 0; i < rows; i++) zero(row[i]);
    }

    /** Every entry of r = 0 (a plain loop: TeaVM's Arrays.fill checks its range first, a cost on a small net's rows). */
    public static void zero(double[] r) {
        for (int j = 0; j < r.length; j++) r[j] = 0.0;
    }

    /**
     * System.arraycopy for the short runs of a training step (a sample's inputs and targets, a bias
     * row, a row segment of an image). TeaVM's JavaScript copies by making a subarray view of the
     * source per call, an allocation that costs more than copying a few dozen doubles: a copy of
     * a 2-D point spent a quarter of the playground's step there. Long runs still go to arraycopy.
     */
    public static void copy(double[] src, int from, double[] dst, int to, int n) {
        if (n > 64) {
            System.arraycopy(src, from, dst, to, n);
            return;
        }
        for (int i = 0; i < n; i++) dst[to + i] = src[from + i];
    }

    public static Mat of(double[][] values) {
        Mat m = new Mat(values.length, values.length == 0 ? 0 : values[0].length);
        for (int i = 0; i < values.length; i++) System.arraycopy(values[i], 0, m.row[i], 0, m.cols);
        return m;
    }
}
