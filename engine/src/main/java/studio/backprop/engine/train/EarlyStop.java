package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.Param;

/**
 * Early stopping on the test loss (setting {@code patience}): at the end of every epoch the
 * test loss is measured; the weights of the epoch with the lowest so far are kept aside, and
 * once {@code patience} epochs in a row have not beaten it, the run stops with those weights put
 * back. The CLI and the studio's worker call it at the same epochs, so they stop at the same one
 * with the same weights.
 */
public final class EarlyStop {
    /** Epochs without a lower test loss before a table or image run stops (patience=auto). */
    public static final int AUTO_PATIENCE = 10;

    private final Experiment run;
    private final int patience;
    private final double[][][] best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private boolean stopped;

    private EarlyStop(Experiment run, int patience) {
        this.run = run;
        this.patience = patience;
        List<Param> params = run.model.network.params();
        best = new double[params.size()][][];
        for (int i = 0; i < best.length; i++) {
            double[][] v = params.get(i).value;
            best[i] = new double[v.length][v[0].length];
        }
    }

    /** The run's early stopping, or null when its settings turn it off. */
    public static EarlyStop of(Experiment run) {
        int patience = run.settings.patience();
        return patience > 0 ? new EarlyStop(run, patience) : null;
    }

    /**
     * To be called at the end of each epoch: measures the test loss, keeps the weights if it is
     * the lowest yet, and returns true once the run should stop, with the best weights back in
     * the network.
     */
    public boolean epochEnded() {
        if (stopped) return true;
        double loss = run.evaluateTestLoss();
        List<Param> params = run.model.network.params();
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = run.trainer.epoch();
            for (int i = 0; i < best.length; i++) copy(params.get(i).value, best[i]);
        } else if (run.trainer.epoch() - bestEpoch >= patience) {
            for (int i = 0; i < best.length; i++) copy(best[i], params.get(i).value);
            stopped = true;
        }
        return stopped;
    }

    private static void copy(double[][] from, double[][] to) {
        for (int r = 0; r < from.length; r++) System.arraycopy(from[r], 0, to[r], 0, from[r].length);
    }

    public boolean stopped() { return stopped; }

    /** The epoch whose weights the run keeps (its lowest test loss). */
    public int bestEpoch() { return bestEpoch; }

    public int patience() { return patience; }
}
