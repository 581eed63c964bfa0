package studio.backprop.engine.nn;

import studio.backprop.engine.math.Mat;
import studio.backprop.engine.math.Rng;

/**
 * Dropout with rate p: in training each value is kept with probability 1 - p and scaled by
 * 1 / (1 - p) (so its expected value is unchanged), else zeroed; at test time and in
 * predictions it is the identity. The mask of value j of batch row r comes from the batch's
 * seed, r and j alone ({@link Rng#hash}), so a batch split into parts on several workers draws
 * the same mask as the whole batch in one place.
 */
public final class Dropout implements Module {
    /** The rate in millionths: the shape number a model file stores. */
    public final int ratePpm;
    public final double rate;
    private final double scale;
    /** Training: masks are drawn; else the module passes u through. */
    private boolean training;
    private int seed, firstRow;
    /** The last training forward's mask, row by row (grown to the largest batch). */
    private boolean[][] kept = new boolean[0][];
    /** This module's place in its network, so that two dropout layers draw different masks. */
    private int salt;

    public Dropout(int ratePpm) {
        if (ratePpm < 0 || ratePpm >= 1_000_000) throw new IllegalArgumentException("dropout rate must be at least 0 and below 1");
        this.ratePpm = ratePpm;
        this.rate = ratePpm / 1e6;
        this.scale = 1 / (1 - rate);
    }

    @Override public String kind() { return Modules.DROPOUT; }

    @Override public int[] shape() { return new int[] {ratePpm}; }

    @Override public int outputSize(int inputSize) { return inputSize; }

    /** Set by the network: the module's index in it. */
    void place(int index) {
        salt = Rng.hash(index, 0x0D50, 0);
    }

    /** The next forward trains: rows are rows firstRow, firstRow + 1, ... of the batch with this seed. */
    public void train(int batchSeed, int firstRow) {
        training = true;
        this.seed = batchSeed;
        this.firstRow = firstRow;
    }

    /** The next forward predicts: the identity. */
    public void evaluate() {
        training = false;
    }

    private boolean keep(int row, int j) {
        // 24 random bits against the rate: the same on every platform (int arithmetic only)
        return (Rng.hash(seed ^ salt, firstRow + row, j) >>> 8) >= rate * 16777216.0;
    }

    @Override public void forward(Mat u, Mat v) {
        if (training && kept.length < u.rows) kept = new boolean[u.rows][u.cols];
        for (int i = 0; i < u.rows; i++) {
            double[] a = u.row[i], out = v.row[i];
            if (!training) {
                Mat.copy(a, 0, out, 0, a.length);
                continue;
            }
            boolean[] k = kept[i];
            for (int j = 0; j < a.length; j++) {
                k[j] = keep(i, j);
                out[j] = k[j] ? a[j] * scale : 0.0;
            }
        }
    }

    @Override public void backward(Mat u, Mat v, Mat dLdv, Mat dLdu) {
        for (int i = 0; i < u.rows; i++) {
            double[] d = dLdv.row[i], out = dLdu.row[i];
            if (!training) {
                Mat.copy(d, 0, out, 0, d.length);
                continue;
            }
            boolean[] k = kept[i];
            for (int j = 0; j < d.length; j++) out[j] = k[j] ? d[j] * scale : 0.0;
        }
    }
}
