package studio.backprop.web.worker.bench;

import studio.backprop.engine.math.DetSample;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Trainer;
import studio.backprop.engine.train.Workload;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.BenchMessages;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.worker.parallel.Helpers;
import studio.backprop.web.worker.run.Outbox;

/** The benchmark page's measurement, run in the training worker (see bench.html and scripts/bench.sh). */
public final class BenchRun {
    private BenchRun() {}

    /**
     * Training throughput of a benchmark workload (plain SGD on seeded synthetic data) over
     * about {@code seconds}, after a short warm-up: the same measurement as the JVM's Bench.
     */
    public static void run(String name, double seconds, int workers) {
        if (name.equals(MATH) || name.equals(MATH_1)) {
            math(name, seconds);
            return;
        }
        Workload w = Workload.of(name);
        if (workers > 1) {
            parallelBench(w, seconds, workers);
            return;
        }
        Trainer warm = w.trainer(1);
        double until = Js.now() + Math.min(1000, seconds * 250);
        while (Js.now() < until) warm.step();
        Trainer t = w.trainer(1);
        double start = Js.now(), deadline = start + seconds * 1000;
        while (Js.now() < deadline) for (int i = 0; i < 8; i++) t.step();
        postBench(w, t, (Js.now() - start) / 1000, 1, new double[0]);
    }

    /** The same on {@code workers} workers (this one and helpers), once every helper has loaded. */
    private static void parallelBench(Workload w, double seconds, int workers) {
        Trainer warm = w.trainer(1, workers);
        Helpers h = new Helpers(workers - 1, w.model(warm), null);
        whenReady(h, () -> benchBatches(h, warm, Js.now() + Math.min(1000, seconds * 250), () -> {
            Trainer t = w.trainer(1, workers);
            h.timeline.reset();
            double start = Js.now();
            benchBatches(h, t, start + seconds * 1000, () -> {
                h.terminate();
                postBench(w, t, (Js.now() - start) / 1000, workers, h.timeline.microseconds());
            });
        }));
    }

    private static void whenReady(Helpers h, Js.Action then) {
        if (h.ready()) then.run();
        else Js.setTimeout(() -> whenReady(h, then), 10);
    }

    private static void benchBatches(Helpers h, Trainer t, double until, Js.Action then) {
        h.step(t, epochEnded -> {
            if (Js.now() < until) benchBatches(h, t, until, then);
            else then.run();
        });
    }

    private static void postBench(Workload w, Trainer t, double elapsed, int workers, double[] timeline) {
        double samples = t.samples();
        Outbox.post(BenchMessages.benchResult(w.name, workers, samples, elapsed, samples / elapsed, samples / elapsed * w.flopsPerSample(t) / 1e9, "",
                Js.float64(timeline)));
    }

    /**
     * Workloads "math" and "math1": the hash of the elementary functions' values on DetSample's
     * arguments, and calls per second of exp, tanh and sigmoid of math version 2 or 1 (as the
     * JVM's Bench.functions).
     */
    static final String MATH = "math", MATH_1 = "math1";
    /** Where the sums of the timed calls go, so that no optimiser drops them. */
    static double sink;
    static final int MATH_ARGUMENTS = 10_000;

    private static void math(String name, double seconds) {
        String hash = WeightsHash.of(DetSample.values(DetSample.arguments(MATH_ARGUMENTS)));
        int version = name.equals(MATH_1) ? 1 : 2;
        double[] x = DetSample.activationArguments(4096);
        for (double warm = Js.now() + Math.min(500, seconds * 250); Js.now() < warm; ) sink = DetSample.activations(x, version);
        double start = Js.now(), calls = 0;
        do {
            sink = DetSample.activations(x, version);
            calls += 3.0 * x.length;
        } while (Js.now() - start < seconds * 1000);
        double elapsed = (Js.now() - start) / 1000;
        Outbox.post(BenchMessages.benchResult(name, 1, calls, elapsed, calls / elapsed, 0, hash, Js.float64(new double[0])));
    }
}
