package studio.backprop.engine.cli;

import java.io.PrintStream;
import java.util.Locale;
import studio.backprop.engine.train.Trainer;

/**
 * The train command's progress on stderr while a run lasts longer than a second: the epoch,
 * the share done, the loss of the last batches and the time left, at most once a second (in
 * place on a terminal, one line each otherwise). stdout keeps only results.
 */
final class Progress {
    private static final long SECOND = 1_000_000_000L;
    private final PrintStream err;
    private final boolean terminal;
    private final int epochs;
    private final long totalSamples;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private double smoothLoss = Double.NaN;
    private boolean printed;

    Progress(PrintStream err, boolean terminal, int epochs, int trainRows) {
        this.err = err;
        this.terminal = terminal;
        this.epochs = epochs;
        this.totalSamples = (long) epochs * trainRows;
    }

    /** After each batch. */
    void batch(Trainer t) {
        double loss = t.lastBatchLoss();
        if (loss - loss == 0) smoothLoss = smoothLoss != smoothLoss ? loss : 0.95 * smoothLoss + 0.05 * loss;
        long now = System.nanoTime();
        if (now - lastPrint < SECOND) return;
        lastPrint = now;
        double done = totalSamples == 0 ? 1 : Math.min(1, t.samples() / (double) totalSamples);
        double elapsed = (now - start) / 1e9, left = done > 0 ? elapsed * (1 - done) / done : Double.NaN;
        String line = String.format(Locale.ROOT, "epoch %d/%d  %3.0f%%  loss %.4f  %s left",
                Math.min(epochs, t.epoch() + 1), epochs, 100 * done, smoothLoss, duration(left));
        if (terminal) err.print("\r" + line + "   ");
        else err.println(line);
        printed = true;
    }

    /** Ends the progress line on a terminal. */
    void end() {
        if (terminal && printed) err.println();
    }

    static String duration(double seconds) {
        if (seconds != seconds) return "?";
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min " + s % 60 + " s";
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
