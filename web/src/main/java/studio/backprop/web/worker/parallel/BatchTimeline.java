package studio.backprop.web.worker.parallel;

/**
 * Where the batches of a data-parallel run spend their time (see {@link Helpers}), per batch on
 * average: what this worker does, what its helpers report of theirs, and the messages' time on
 * the way: to a helper (sent until it began), and back (from its end, or part 0's if later,
 * until this worker had it). The benchmark prints it (bench.html, scripts/bench.sh --timeline).
 */
public final class BatchTimeline {
    /** The phases, in the order {@link #microseconds} gives them. */
    public static final String[] PHASES = {"send", "part 0", "wait", "add", "update", "batch", "to helper", "helper copies", "helper part", "back"};
    static final int SEND = 0, PART_0 = 1, WAIT = 2, ADD = 3, UPDATE = 4, BATCH = 5, TO_HELPER = 6, HELPER_COPIES = 7, HELPER_PART = 8, BACK = 9;

    private final double[] sums = new double[PHASES.length];
    private int batches;

    void add(int phase, double ms) {
        sums[phase] += ms;
    }

    void batchDone() {
        batches++;
    }

    /** Starts over (after a warm-up). */
    public void reset() {
        java.util.Arrays.fill(sums, 0);
        batches = 0;
    }

    /** Each phase's mean time per batch, in microseconds. */
    public double[] microseconds() {
        double[] us = new double[sums.length];
        for (int i = 0; i < us.length; i++) us[i] = batches == 0 ? 0 : sums[i] * 1000 / batches;
        return us;
    }
}
