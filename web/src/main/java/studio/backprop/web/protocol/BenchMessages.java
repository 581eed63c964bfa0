package studio.backprop.web.protocol;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Float64Array;

/** The benchmark's message from the worker to the bench page (FromWorker dispatches it, as every other). */
public final class BenchMessages {
    private BenchMessages() {}

    /** The benchmark's measurement (see bench.html). */
    public interface BenchResult extends Message {
        @JSProperty String getWorkload();
        @JSProperty int getWorkers();
        @JSProperty double getSamples();
        @JSProperty double getSeconds();
        @JSProperty double getSamplesPerSecond();
        @JSProperty double getGflops();
        /** Workload math: the hash of the elementary functions' values (see DetSample); else empty. */
        @JSProperty String getCheck();
        /** On several workers, where a batch's time went (microseconds, in the order of BatchTimeline.PHASES); else empty. */
        @JSProperty Float64Array getTimeline();
    }
    @JSBody(params = {"workload", "workers", "samples", "seconds", "samplesPerSecond", "gflops", "check", "timeline"},
            script = "return {type: 'bench-result', workload: workload, workers: workers, samples: samples, seconds: seconds,"
            + " samplesPerSecond: samplesPerSecond, gflops: gflops, check: check, timeline: timeline};")
    public static native BenchResult benchResult(String workload, int workers, double samples, double seconds, double samplesPerSecond,
                                                 double gflops, String check, Float64Array timeline);
}
