package studio.backprop.engine.train;

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
    /** The run's seed, from which each batch's dropout masks are addressed. */
    private final int seed;
    private final ParamRows paramRows;

    public double learningRate;
    public final int batchSize;
    /** true: the batch gradient is the mean of the per-sample gradients; false: their sum (the seed's). */
    public final boolean mean;
    public final String regularization;
    public final double rate;
    /** Each batch is computed in this many parts whose gradients are added in order (see {@link Parts}). */
    public final int parts;
    /** Augments the training images as they go into batches; null for none. */
    public Augment augment;
    /**
     * Gradient clipping by global norm (0: off): a batch gradient longer than this (the root of
     * the sum of every parameter's squared gradient, summed in a fixed order) is scaled down to
     * this length before the update. {@link #clipped} counts the batches it acted on.
     */
    public double clip;
    public long clipped;

    /**
     * Computes a batch's parts at once, and shares the work after them (adding the parts'
     * gradients, regularisation, the checks, the update) out by ranges of parameter rows
     * (see {@link ParamRows}).
     */
    public interface PartRunner {
        /** Computes every part of the next batch: part k's summed loss into losses[k], part 0's gradient into the trainer's grads. */
        void compute(double[] losses);

        /** Adds the other parts' gradients onto the trainer's in part order, for parameter rows [from, to). */
        void addRows(int from, int to);

        /** Runs job on contiguous ranges of the parameter rows that cover them all, at once; true if each returned true. */
        boolean forRows(RowsJob job);
    }

    /** Work on parameter rows [from, to) (see {@link ParamRows}). */
    public interface RowsJob {
        boolean run(int from, int to);
    }

    /** Who computes the parts of a batch of several (see {@link PartThreads}); null: this thread, in turn. */
    public PartRunner runner;

    private int position;
    private int epoch;
    private long samples;
    private Status status = Status.RUNNING;
    private double lastBatchLoss = Double.NaN;
    private Mat targetBuffer;
    private Mat partX, partY;
    /** Per part, its targets (see {@link #computePart(int, Network)}). */
    private final Mat[] partTargets;
    private double[][] partGrads;
    private double[] partLosses;

    public Trainer(Network net, Loss loss, Optimizer optimizer, double learningRate, int batchSize, boolean mean,
                   String regularization, double rate, double[][] x, double[][] y, int seed) {
        this(net, loss, optimizer, learningRate, batchSize, mean, regularization, rate, x, y, seed, 1);
    }

    public Trainer(Network net, Loss loss, Optimizer optimizer, double learningRate, int batchSize, boolean mean,
                   String regularization, double rate, double[][] x, double[][] y, int seed, int parts) {
        if (x.length == 0) throw new IllegalArgumentException("no training samples");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
        if (parts < 1) throw new IllegalArgumentException("parts must be at least 1");
        this.parts = parts;
        this.partTargets = new Mat[parts];
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
        this.paramRows = new ParamRows(net.params());
        this.frozen = new boolean[net.params().size()];
        this.rng = new Rng(seed ^ 0x5EED5EED);
        this.seed = seed;
        this.order = new int[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        rng.shuffle(order);
    }

    public int epoch() { return epoch; }
    public long samples() { return samples; }
    public Status status() { return status; }
    public double lastBatchLoss() { return lastBatchLoss; }
    public Network network() { return net; }
    /** The network's parameter rows, numbered as the part runner's ranges are. */
    ParamRows paramRows() { return paramRows; }

    /**
     * One mini-batch: forward, backward, weight grad, regularisation, update. Returns true when
     * the batch finished an epoch. A batch whose loss or gradient is not finite leaves the
     * weights as they were and sets the status to DIVERGED; later calls do nothing.
     */
    public boolean step() {
        if (status == Status.DIVERGED) return false;
        if (parts > 1) {
            if (partGrads == null) {
                partGrads = new double[parts][net.parameterCount()];
                partLosses = new double[parts];
            }
            if (runner == null) {
                for (int k = 0; k < parts; k++) partLosses[k] = computePart(k, partGrads[k]);
                return finishParts(partGrads, partLosses);
            }
            runner.compute(partLosses);
            return finishOnRunner(partLosses);
        }
        int rows = batchRows();
        Mat in = net.input(rows);
        Mat target = targets(rows);
        for (int i = 0; i < rows; i++) {
            int s = order[position + i];
            input(s, in.row[i], i);
            Mat.copy(y[s], 0, target.row[i], 0, target.cols);
        }
        net.forward(batchSeed(), 0);
        return finish(net.backward(loss, target, batchScale(), false), rows);
    }

    /** A loss this many times its starting value, still finite, is on its way to diverging. */
    public static final double EXPLODING = 1000;

    /** Whether a finite loss has grown past {@link #EXPLODING} times where it started (the status hint). */
    public static boolean exploding(double startLoss, double loss) {
        return startLoss > 0 && loss > EXPLODING * startLoss;
    }

    /** The seed of the next batch's dropout masks: from the run's seed, the epoch and the batch's place in it. */
    public int batchSeed() {
        return Rng.hash(seed, epoch, position);
    }

    /** Rows of the next batch. */
    public int batchRows() {
        return Math.min(batchSize, x.length - position);
    }

    /** What each sample's gradient is multiplied by in the next batch: 1 (sum) or 1/rows (mean). */
    public double batchScale() {
        return mean ? 1.0 / batchRows() : 1.0;
    }

    /** Inputs and targets of part k of the next batch (views into buffers reused by the next call). */
    public Mat[] partData(int k) {
        int rows = batchRows(), from = Parts.start(k, parts, rows), n = Parts.start(k + 1, parts, rows) - from;
        if (partX == null || partX.capacity() < n) {
            partX = new Mat(Math.max(n, batchSize / parts + 1), x[0].length);
            partY = new Mat(partX.capacity(), y[0].length);
        }
        partX.rows = n;
        partY.rows = n;
        partRows(k, partX, partY);
        return new Mat[] {partX, partY};
    }

    /** Fills the first rows of px and py (as many as part k of the next batch has) with that part's inputs and targets. */
    public void partRows(int k, Mat px, Mat py) {
        int from = Parts.start(k, parts, batchRows()), n = Parts.start(k + 1, parts, batchRows()) - from;
        for (int i = 0; i < n; i++) {
            int s = order[position + from + i];
            input(s, px.row[i], from + i);
            Mat.copy(y[s], 0, py.row[i], 0, py.cols);
        }
    }

    public Loss loss() {
        return loss;
    }

    /** Sample s's inputs as row {@code row} of the next batch has them: as they are, or augmented. */
    private void input(int s, double[] to, int row) {
        if (augment == null) Mat.copy(x[s], 0, to, 0, x[s].length);
        else augment.apply(x[s], to, batchSeed(), row);
    }

    /** Computes part k of the next batch here, from the current weights, its gradient flat into grad; returns its summed loss. */
    public double computePart(int k, double[] grad) {
        double total = computePart(k, net);
        Parts.gradients(net, grad);
        return total;
    }

    /**
     * Computes part k of the next batch on {@code on} (this trainer's network, or a replica that
     * has its weights): returns the part's summed loss and leaves its gradient in on's grads. Parts
     * may be computed at once on different networks.
     */
    public double computePart(int k, Network on) {
        int rows = batchRows(), from = Parts.start(k, parts, rows), n = Parts.start(k + 1, parts, rows) - from;
        Mat ys = partTargets[k];
        if (ys == null || ys.capacity() < n) ys = partTargets[k] = new Mat(Math.max(n, batchSize / parts + 1), y[0].length);
        ys.rows = n;
        partRows(k, on.input(n), ys);
        return Parts.gradientHere(on, loss, ys, batchScale(), batchSeed(), from);
    }

    /**
     * Ends a batch whose parts' gradients are already added, in part order, into the network's
     * grads (see {@link PartRunner}): the losses added in part order, then as {@link #step()}.
     */
    public boolean finishSummed(double[] losses) {
        if (status == Status.DIVERGED) return false;
        double batchLoss = losses[0];
        for (int k = 1; k < losses.length; k++) batchLoss += losses[k];
        return finish(batchLoss, batchRows());
    }

    /**
     * Ends a batch computed in parts: adds the parts' gradients and losses in part order, then
     * regularisation, the checks and the update, as {@link #step()} does.
     */
    public boolean finishParts(double[][] grads, double[] losses) {
        if (status == Status.DIVERGED) return false;
        Parts.sum(net, grads);
        double batchLoss = losses[0];
        for (int k = 1; k < losses.length; k++) batchLoss += losses[k];
        return finish(batchLoss, batchRows());
    }

    private boolean finish(double batchLoss, int rows) {
        if (!finite(batchLoss) | !completeRows(0, paramRows.count())) return diverged();
        clipGradient();
        optimizer.begin();
        paramRows.each(0, paramRows.count(), update);
        return advance(batchLoss, rows);
    }

    /** The same with the parts still apart on the runner's networks: the work after them range by range on its threads. */
    private boolean finishOnRunner(double[] losses) {
        double batchLoss = losses[0];
        for (int k = 1; k < losses.length; k++) batchLoss += losses[k];
        boolean finite = runner.forRows((from, to) -> {
            runner.addRows(from, to);
            return completeRows(from, to);
        });
        if (!finite(batchLoss) | !finite) return diverged();
        clipGradient();
        optimizer.begin();
        runner.forRows((from, to) -> paramRows.each(from, to, update));
        return advance(batchLoss, batchRows());
    }

    /** See {@link #clip}: the whole gradient, made whole, scaled to the clip's length when longer. */
    private void clipGradient() {
        if (!(clip > 0)) return;
        double sum = 0;
        for (Param p : net.params()) for (double[] r : p.grad) for (double g : r) sum += g * g;
        double norm = Math.sqrt(sum);
        if (!(norm > clip)) return;
        double k = clip / norm;
        for (Param p : net.params()) for (double[] r : p.grad) for (int j = 0; j < r.length; j++) r[j] *= k;
        clipped++;
    }

    /**
     * Parameter rows [from, to) of the batch gradient made whole: the regularisation's gradient
     * added; true if each entry is finite and so is its square (past about 1e154 the update would
     * overflow the weights anyway). Each entry is judged alone, so no split of the rows changes
     * the verdict.
     */
    private boolean completeRows(int from, int to) {
        return paramRows.each(from, to, complete);
    }

    /** What {@link #completeRows} does to each parameter's rows (a method reference made once: a capturing lambda is an allocation a batch). */
    private final ParamRows.Visitor complete = this::completeRows;

    private boolean completeRows(int i, Param p, int a, int b) {
        Regularization.addGradient(regularization, rate, p, a, b);
        for (int r = a; r < b; r++) for (double g : p.grad[r]) if (!(g * g < Double.POSITIVE_INFINITY)) return false;
        return true;
    }

    /** The optimiser's update of each parameter's rows. */
    private final ParamRows.Visitor update = this::update;

    private boolean update(int i, Param p, int a, int b) {
        if (!frozen[i]) optimizer.update(i, p, a, b, learningRate);
        return true;
    }

    /** Per parameter of the network (in its order): whether it is frozen (its gradient computed, no step taken). */
    private boolean[] frozen;

    /** Freezes these parameters (see {@link #frozen}), from the next step on; the others train. */
    public void freeze(boolean[] params) {
        if (params.length != net.params().size()) throw new IllegalArgumentException("one flag a parameter");
        frozen = params.clone();
    }

    private boolean diverged() {
        status = Status.DIVERGED;
        return false;
    }

    /** The batch of these rows is done: on to the next, and a new order at an epoch's end. */
    private boolean advance(double batchLoss, int rows) {
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
}
