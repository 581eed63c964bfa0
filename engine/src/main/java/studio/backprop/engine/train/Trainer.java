package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.nn.Loss;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;

/**
 * Runs training in small calls (one batch, one epoch, or about N samples) so that a caller can
 * draw between them. The order of the samples is reshuffled at the start of every epoch from
 * the trainer's own seeded generator, so a run is reproducible step for step.
 */
public final class Trainer {
    public enum Status { RUNNING, DIVERGED }

    private final Network net;
    private final Loss loss;
    private final Optimizer optimizer;
    private final double[][] x, y;
    private final int[] order;
    private final Rng rng;
    private final List<Param> params;

    public double learningRate;
    public final int batchSize;
    /** true: the batch gradient is the mean of the per-sample gradients; false: their sum (the seed's). */
    public final boolean mean;
    public final String regularization;
    public final double rate;

    private int position;
    private int epoch;
    private long samples;
    private Status status = Status.RUNNING;
    private double lastBatchLoss = Double.NaN;
    private Mat targetBuffer;

    public Trainer(Network net, Loss loss, Optimizer optimizer, double learningRate, int batchSize, boolean mean,
                   String regularization, double rate, double[][] x, double[][] y, int seed) {
        if (x.length == 0) throw new IllegalArgumentException("no training samples");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.net = net;
        this.loss = loss;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.batchSize = batchSize;
        this.mean = mean;
        this.regularization = regularization;
        this.rate = rate;
        this.x = x;
        this.y = y;
        this.params = net.params();
        this.rng = new Rng(seed ^ 0x5EED5EED);
        this.order = new int[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        rng.shuffle(order);
    }

    public int epoch() { return epoch; }
    public long samples() { return samples; }
    public Status status() { return status; }
    public double lastBatchLoss() { return lastBatchLoss; }
    public Network network() { return net; }

    /**
     * One mini-batch: forward, backward, weight grad, regularisation, update. Returns true when
     * the batch finished an epoch. A batch whose loss or gradient is not finite leaves the
     * weights as they were and sets the status to DIVERGED; later calls do nothing.
     */
    public boolean step() {
        if (status == Status.DIVERGED) return false;
        int rows = Math.min(batchSize, x.length - position);
        Mat in = net.input(rows);
        Mat target = targets(rows);
        for (int i = 0; i < rows; i++) {
            int s = order[position + i];
            System.arraycopy(x[s], 0, in.row[i], 0, in.cols);
            System.arraycopy(y[s], 0, target.row[i], 0, target.cols);
        }
        net.forward();
        double batchLoss = net.backward(loss, target, mean ? 1.0 / rows : 1.0, false);
        Regularization.addGradient(regularization, rate, params);
        if (!finite(batchLoss) || !gradientsFinite()) {
            status = Status.DIVERGED;
            return false;
        }
        optimizer.step(params, learningRate);
        lastBatchLoss = batchLoss / rows;
        position += rows;
        samples += rows;
        if (position < x.length) return false;
        position = 0;
        epoch++;
        rng.shuffle(order);
        return true;
    }

    /** Runs batches up to the end of the current epoch. */
    public void stepEpoch() {
        while (status == Status.RUNNING && !step()) { }
    }

    /** Runs whole batches until at least {@code n} samples have passed or an epoch ends; true if one ended. */
    public boolean stepSamples(int n) {
        long stop = samples + n;
        while (status == Status.RUNNING && samples < stop) if (step()) return true;
        return false;
    }

    private Mat targets(int rows) {
        if (targetBuffer == null || targetBuffer.capacity() < rows) targetBuffer = new Mat(Math.max(rows, batchSize), y[0].length);
        targetBuffer.rows = rows;
        return targetBuffer;
    }

    private static boolean finite(double v) {
        return v - v == 0;
    }

    /**
     * A sum of squares is finite only if every term is, and it also flags gradients above
     * about 1e154, whose update would overflow the weights anyway.
     */
    private boolean gradientsFinite() {
        double s = 0;
        for (Param p : params) for (double[] r : p.grad) for (double g : r) s += g * g;
        return finite(s);
    }
}
