package studio.backprop.web.worker;

import studio.backprop.engine.math.DetSample;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Trainer;
import studio.backprop.engine.train.Workload;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;

/** The benchmark page's measurement, run in the training worker (see bench.html and scripts/bench.sh). */
final class BenchRun {
    private BenchRun() {}

    /**
     * Training throughput of a benchmark workload (plain SGD on seeded synthetic data) over
     * about {@code seconds}, after a short warm-up: the same measurement as the JVM's Bench.
     */
    static void run(String name, double seconds, int workers) {
        if (name.equals(MATH)) {
            math(seconds);
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
        postBench(w, t, (Js.now() - start) / 1000, 1);
    }

    /** The same on {@code workers} workers (this one and helpers), once every helper has loaded. */
    private static void parallelBench(Workload w, double seconds, int workers) {
        Trainer warm = w.trainer(1, workers);
        Helpers h = new Helpers(workers - 1, w.model(warm), null);
        whenReady(h, () -> benchBatches(h, warm, Js.now() + Math.min(1000, seconds * 250), () -> {
            Trainer t = w.trainer(1, workers);
            double start = Js.now();
            benchBatches(h, t, start + seconds * 1000, () -> {
                h.terminate();
                postBench(w, t, (Js.now() - start) / 1000, workers);
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

    private static void postBench(Workload w, Trainer t, double elapsed, int workers) {
        double samples = t.samples();
        WorkerMain.post(FromWorker.benchResult(w.name, workers, samples, elapsed, samples / elapsed, samples / elapsed * w.flopsPerSample(t) / 1e9, ""));
    }

    /** Workload "math": the elementary functions' values on DetSample's arguments, their hash, and calls per second. */
    static final String MATH = "math";
    static final int MATH_ARGUMENTS = 10_000;

    private static void math(double seconds) {
        double[] x = DetSample.arguments(MATH_ARGUMENTS);
        String hash = WeightsHash.of(DetSample.values(x));
        double start = Js.now(), rounds = 0;
        do {
            DetSample.values(x);
            rounds++;
        } while (Js.now() - start < seconds * 1000);
        double elapsed = (Js.now() - start) / 1000, calls = rounds * x.length * DetSample.PER_ARGUMENT;
        WorkerMain.post(FromWorker.benchResult(MATH, 1, calls, elapsed, calls / elapsed, 0, hash));
    }
}
