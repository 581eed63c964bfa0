package studio.backprop.engine.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import studio.backprop.engine.math.DetSample;
import studio.backprop.engine.train.PartThreads;
import studio.backprop.engine.train.Trainer;
import studio.backprop.engine.train.Workload;

/**
 * JVM training throughput per workload: median samples/s and GFLOP/s over several timed runs,
 * after a warm-up. Usage: Bench [--seconds=2] [--runs=5] [--workers=N [--timeline]] [workload ...];
 * --timeline adds where a batch's time goes on N threads.
 */
public final class Bench {
    private Bench() {}

    /** Samples per second of one timed run of about {@code seconds}. */
    public static double run(Workload w, double seconds) {
        return run(w, seconds, 1);
    }

    /**
     * The same with each batch in {@code threads} parts computed on that many threads (see
     * PartThreads). The trainer first runs untimed for a while: runs of one and of N threads
     * alternate, and each switch costs HotSpot a recompilation of the step (a fresh 2-thread
     * mnist trainer runs at 31k samples/s in its first half second and 76-88k after).
     */
    public static double run(Workload w, double seconds, int threads) {
        Trainer t = w.trainer(1, threads);
        PartThreads pool = threads > 1 ? PartThreads.attach(t, w::network) : null;
        try {
            timed(t, Math.min(1, seconds / 2));
            return timed(t, seconds);
        } finally {
            if (pool != null) pool.close();
        }
    }

    /** Where the functions benchmark leaves its sums, so that no compiler drops the calls. */
    public static volatile double sink;

    /** Calls per second of exp, tanh and sigmoid of this math version (DetSample.activations) over about {@code seconds}. */
    public static double functions(int math, double seconds) {
        double[] x = DetSample.activationArguments(4096);
        long start = System.nanoTime(), deadline = start + (long) (seconds * 1e9), calls = 0;
        while (System.nanoTime() < deadline) {
            sink = DetSample.activations(x, math);
            calls += 3L * x.length;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    private static double timed(Trainer t, double seconds) {
        long start = System.nanoTime(), deadline = start + (long) (seconds * 1e9);
        long samples = 0;
        while (System.nanoTime() < deadline) {
            long before = t.samples();
            for (int i = 0; i < 8; i++) t.step();
            samples += t.samples() - before;
        }
        return samples / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Microseconds a batch spends, on average over a run of about {@code seconds} after a warm-up, in
     * each phase on {@code threads} threads: the parts (all at once), adding them with regularisation
     * and the checks, the update, and the rest; then the whole batch, and a whole batch on one thread.
     */
    public static double[] timeline(Workload w, double seconds, int threads) {
        Trainer t = w.trainer(1, threads);
        PartThreads pool = PartThreads.attach(t, w::network);
        long[] phase = new long[3];
        boolean[] updating = {false};
        t.runner = new Trainer.PartRunner() {
            @Override public void compute(double[] losses) {
                long start = System.nanoTime();
                pool.compute(losses);
                phase[0] += System.nanoTime() - start;
                updating[0] = false;
            }

            @Override public void addRows(int from, int to) {
                pool.addRows(from, to);
            }

            @Override public boolean forRows(Trainer.RowsJob job) {
                long start = System.nanoTime();
                boolean all = pool.forRows(job);
                phase[updating[0] ? 2 : 1] += System.nanoTime() - start;
                updating[0] = true;
                return all;
            }
        };
        try {
            timed(t, Math.min(seconds, 1));
            Arrays.fill(phase, 0);
            long batches = 0, start = System.nanoTime(), deadline = start + (long) (seconds * 1e9);
            while (System.nanoTime() < deadline) {
                t.step();
                batches++;
            }
            double total = (System.nanoTime() - start) / 1e3 / batches;
            double parts = phase[0] / 1e3 / batches, add = phase[1] / 1e3 / batches, update = phase[2] / 1e3 / batches;
            double single = 1e6 * w.batch / run(w, seconds);
            return new double[] {parts, add, update, total - parts - add - update, total, single};
        } finally {
            pool.close();
        }
    }

    /** [--seconds=S] [--runs=N] [--workers=N] [--timeline] [workload ...]: every workload when none is named. */
    public static final class Options {
        public double seconds;
        public int runs;
        /** Also where a batch's time goes on the threads (the JVM bench). */
        public boolean timeline;
        /** Workers for the browser's data-parallel runs (1: none). */
        public int workers = 1;
        // (the JVM bench runs --workers=N as N threads)
        public final List<String> workloads = new ArrayList<>();

        public Options(String[] args, double seconds, int runs) {
            this.seconds = seconds;
            this.runs = runs;
            for (String a : args) {
                if (a.startsWith("--seconds=")) this.seconds = Double.parseDouble(a.substring(10));
                else if (a.startsWith("--runs=")) this.runs = Integer.parseInt(a.substring(7));
                else if (a.startsWith("--workers=")) this.workers = Integer.parseInt(a.substring(10));
                else if (a.equals("--timeline")) this.timeline = true;
                else workloads.add(a);
            }
            if (workloads.isEmpty()) workloads.addAll(Arrays.asList(Workload.NAMES));
        }
    }

    public static void main(String[] args) {
        Options o = new Options(args, 2, 5);
        double seconds = o.seconds;
        int runs = o.runs;
        List<String> names = o.workloads;
        int threads = o.workers;
        System.out.printf(Locale.ROOT, "%-11s %8s %14s %9s", "workload", "params", "samples/s", "GFLOP/s");
        if (threads > 1) System.out.printf(Locale.ROOT, " %14s %9s", threads + " threads", "ratio");
        System.out.printf(Locale.ROOT, "   (JVM, median of %d runs of %.1f s)%n", runs, seconds);
        for (String name : names) {
            Workload w = Workload.of(name);
            run(w, Math.min(seconds, 1)); // warm-up: let the JIT compile the kernels
            if (threads > 1) run(w, Math.min(seconds, 1), threads);
            double[] rates = new double[runs], parallel = new double[runs];
            // interleaved, so that both see the same machine
            for (int r = 0; r < runs; r++) {
                rates[r] = run(w, seconds);
                if (threads > 1) parallel[r] = run(w, seconds, threads);
            }
            Arrays.sort(rates);
            Arrays.sort(parallel);
            double median = rates[runs / 2];
            Trainer t = w.trainer(1);
            System.out.printf(Locale.ROOT, "%-11s %8d %14.0f %9.2f", name, t.network().parameterCount(), median,
                    median * w.flopsPerSample(t) / 1e9);
            if (threads > 1) System.out.printf(Locale.ROOT, " %14.0f %8.2fx", parallel[runs / 2], parallel[runs / 2] / median);
            System.out.println();
        }
        if (o.timeline && threads > 1) printTimelines(names, seconds, threads);
    }

    /** Where a batch's time goes on the threads (see {@link #timeline}), a workload a line. */
    public static void printTimelines(List<String> names, double seconds, int threads) {
        System.out.printf(Locale.ROOT, "%nper batch on %d JVM threads, microseconds (one run of %.1f s each):%n", threads, seconds);
        System.out.printf(Locale.ROOT, "%-11s %9s %11s %9s %9s %9s %12s%n", "workload", "parts", "add+check", "update", "rest", "batch", "one thread");
        for (String name : names) {
            double[] p = timeline(Workload.of(name), seconds, threads);
            System.out.printf(Locale.ROOT, "%-11s %9.0f %11.0f %9.0f %9.0f %9.0f %12.0f%n", name, p[0], p[1], p[2], p[3], p[4], p[5]);
        }
    }
}
