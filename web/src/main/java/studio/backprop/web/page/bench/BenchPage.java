package studio.backprop.web.page.bench;

import org.teavm.jso.JSBody;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.engine.data.Numbers;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.protocol.BenchMessages;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * bench.html: runs one benchmark workload in the training worker of this build and writes the
 * result, as JSON, into document.body.dataset.result (the benchmark command reads it there),
 * with the longest gap between animation frames while the worker trained.
 */
public final class BenchPage implements FromWorker.Receiver {
    private final String backend;
    private final HTMLElement out = Dom.byTestId("bench-output");
    private double gap, last;
    private boolean measuring = true;

    private BenchPage(String backend) {
        this.backend = backend;
    }

    /** Query: workload (playground), seconds (3), workers (1 to 8). */
    public static void run(String backend) {
        BenchPage page = new BenchPage(backend);
        String workload = query("workload", "playground");
        double seconds = Numbers.parse(query("seconds", "3"));
        int workers = (int) Math.max(1, Math.min(8, Numbers.parse(query("workers", "1"))));
        WorkerClient worker = new WorkerClient(backend, page, message -> page.out.setTextContent("error: " + message));
        worker.sendFull(ToWorker.bench(workload, seconds, workers)); // the benchmark is the full worker's (the same engine code)
        Window.requestAnimationFrame(page::frame);
    }

    private void frame(double t) {
        if (last > 0) gap = Math.max(gap, t - last);
        last = t;
        if (measuring) Window.requestAnimationFrame(this::frame);
    }

    @Override public void benchResult(BenchMessages.BenchResult m) {
        measuring = false;
        String json = "{\"workload\":\"" + m.getWorkload() + "\",\"backend\":\"" + backend + "\",\"workers\":" + m.getWorkers()
                + ",\"samples\":" + Dom.raw(m.getSamples()) + ",\"seconds\":" + Dom.raw(m.getSeconds())
                + ",\"samplesPerSecond\":" + Dom.raw(m.getSamplesPerSecond()) + ",\"gflops\":" + Dom.raw(m.getGflops())
                + ",\"maxFrameGapMs\":" + Math.round(gap) + ",\"check\":\"" + m.getCheck() + "\",\"timeline\":[" + list(m.getTimeline()) + "]}";
        publish(json);
        out.setTextContent(json);
    }

    private static String list(Float64Array values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.getLength(); i++) s.append(i == 0 ? "" : ",").append((int) Math.floor(values.get(i) + 0.5));
        return s.toString();
    }

    @Override public void error(FromWorker.Failure m) {
        out.setTextContent("error: " + m.getMessage());
    }

    @JSBody(params = {"name", "fallback"}, script = "return new URLSearchParams(location.search).get(name) || fallback;")
    private static native String query(String name, String fallback);

    @JSBody(params = "json", script = "document.body.dataset.result = json;")
    private static native void publish(String json);
}
