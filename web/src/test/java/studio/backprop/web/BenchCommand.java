package studio.backprop.web;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import studio.backprop.engine.cli.Bench;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Trainer;
import studio.backprop.engine.train.Workload;
import studio.backprop.web.server.Serve;
import studio.backprop.web.worker.parallel.BatchTimeline;

/**
 * The benchmark command: each workload on the JVM, in the JS build and in the Wasm build
 * (bench.html in headless Chromium), interleaved run by run, then medians and ratios, and the
 * page's longest frame gap while the Wasm build trained. With --workers=N the browser builds
 * also train data-parallel on N workers.
 * With --timeline also where a batch's time goes on the N workers and on N JVM threads. With
 * --peers also brain.js, ConvNetJS, TensorFlow.js (WebAssembly backend) and hand-written JavaScript
 * on the same workloads in the same browser, interleaved with ours (tools/peers, after npm ci there).
 * Usage: BenchCommand [--seconds=3] [--runs=3] [--workers=2 [--timeline]] [--peers] [workload ...]
 */
public final class BenchCommand {
    private BenchCommand() {}

    public static void main(String[] args) throws Exception {
        boolean withPeers = Arrays.asList(args).contains("--peers");
        Bench.Options o = new Bench.Options(Arrays.stream(args).filter(a -> !a.equals("--peers")).toArray(String[]::new), 3, 3);
        double seconds = o.seconds;
        int runs = o.runs;
        List<String> names = o.workloads;
        Serve server = Serve.start(Path.of(System.getProperty("site.dir", "web/target/site")), 0, "/");
        String base = "http://localhost:" + server.port() + "/";
        Serve peerServer = withPeers ? Serve.start(Path.of(System.getProperty("peers.dir", "tools/peers")), 0, "/") : null;
        List<String> peerWorkloads = withPeers ? names.stream().filter(PEER_WORKLOADS::contains).toList() : List.of();
        double[][][] peerRates = new double[names.size()][PEERS.length][runs];
        double[] ours = new double[names.size()];
        String[] oursBuild = new String[names.size()];
        int workers = o.workers;
        System.out.printf(Locale.ROOT, "samples/s (GFLOP/s), median of %d interleaved runs of %.0f s; headless Chromium, 2-core machine%n", runs, seconds);
        System.out.printf(Locale.ROOT, "%-11s %22s %22s %22s %9s %9s %10s", "workload", "JVM", "JS", "Wasm", "Wasm/JS", "JS/JVM", "gap ms");
        if (workers > 1) System.out.printf(Locale.ROOT, " %22s %22s %9s %22s %9s", "JS x" + workers, "Wasm x" + workers, "Wasm xN/1",
                "JVM " + workers + " threads", "JVM xN/1");
        System.out.println();
        double[][] lastParallel = new double[names.size()][];
        double[] oneWorker = new double[names.size()];
        try (Browser browser = new Browser()) {
            for (String name : names) {
                int at = names.indexOf(name);
                Workload w = Workload.of(name);
                Trainer probe = w.trainer(1);
                double flops = w.flopsPerSample(probe);
                double[][] rates = new double[6][runs];
                double[] gaps = new double[runs];
                Bench.run(w, 1);
                for (int r = 0; r < runs; r++) {
                    rates[0][r] = Bench.run(w, seconds);
                    rates[1][r] = browserRun(browser, base, name, "js", seconds, 1)[0];
                    double[] wasm = browserRun(browser, base, name, "wasm", seconds, 1);
                    rates[2][r] = wasm[0];
                    gaps[r] = wasm[1];
                    if (workers > 1) {
                        rates[3][r] = browserRun(browser, base, name, "js", seconds, workers)[0];
                        double[] parallel = browserRun(browser, base, name, "wasm", seconds, workers);
                        rates[4][r] = parallel[0];
                        lastParallel[at] = parallel;
                        rates[5][r] = Bench.run(w, seconds, workers);
                    }
                    if (peerWorkloads.contains(name)) {
                        for (int p = 0; p < PEERS.length; p++) {
                            peerRates[at][p][r] = peerRun(browser, "http://localhost:" + peerServer.port() + "/", name, PEERS[p], seconds);
                        }
                    }
                }
                double jvm = median(rates[0]), js = median(rates[1]), wasm = median(rates[2]);
                oneWorker[at] = 1e6 * w.batch / wasm;
                ours[at] = Math.max(js, wasm);
                oursBuild[at] = wasm >= js ? "Wasm" : "JS";
                System.out.printf(Locale.ROOT, "%-11s %22s %22s %22s %9.2f %9.2f %10.0f", name, cell(jvm, flops), cell(js, flops),
                        cell(wasm, flops), wasm / js, js / jvm, median(gaps));
                if (workers > 1) {
                    double jsN = median(rates[3]), wasmN = median(rates[4]), jvmN = median(rates[5]);
                    System.out.printf(Locale.ROOT, " %22s %22s %9.2f %22s %9.2f", cell(jsN, flops), cell(wasmN, flops), wasmN / wasm,
                            cell(jvmN, flops), jvmN / jvm);
                }
                System.out.println();
            }
            if (o.timeline && workers > 1) timelines(names, lastParallel, oneWorker, seconds, workers);
            if (!peerWorkloads.isEmpty()) peers(names, peerWorkloads, ours, oursBuild, peerRates);
            functions(browser, base, seconds, runs);
            headline(browser, base);
            namesHeadline(browser, base);
        } finally {
            server.stop();
            if (peerServer != null) peerServer.stop();
        }
    }

    /** The peers of tools/peers/peers.js, and the workloads they are run on (the convnet is ConvNetJS's demo, see issue 13). */
    private static final String[] PEERS = {"brain", "convnetjs", "tfjs-wasm", "handwritten"};
    private static final int HANDWRITTEN = Arrays.asList(PEERS).indexOf("handwritten");
    private static final List<String> PEER_WORKLOADS = List.of("playground", "digits", "mnist", "wide", "charlstm", "series");

    /** Ours (the faster build, one worker) beside each peer, medians of the same interleaved runs, and ours / the fastest peer. */
    private static void peers(List<String> names, List<String> peerWorkloads, double[] ours, String[] oursBuild, double[][][] rates) {
        System.out.printf(Locale.ROOT, "%npeers in the same browser, samples/s, medians of the same interleaved runs%n");
        System.out.printf(Locale.ROOT, "%-11s %16s", "workload", "ours (1 worker)");
        for (String p : PEERS) System.out.printf(Locale.ROOT, " %12s", p);
        System.out.printf(Locale.ROOT, " %9s %9s%n", "ours/best", "ours/hand");
        for (String name : peerWorkloads) {
            int i = names.indexOf(name);
            System.out.printf(Locale.ROOT, "%-11s %11s %4s", name, String.format(Locale.ROOT, "%,.0f", ours[i]), oursBuild[i]);
            double best = 0;
            for (int p = 0; p < PEERS.length; p++) {
                double m = median(rates[i][p]);
                // (negative: the peer has no such layers)
                System.out.printf(Locale.ROOT, " %12s", m < 0 ? "n/a" : Double.isNaN(m) ? "failed" : String.format(Locale.ROOT, "%,.1f", m));
                if (m > 0) best = Math.max(best, m);
            }
            double hand = median(rates[i][HANDWRITTEN]);
            System.out.printf(Locale.ROOT, " %9.2f %9s%n", ours[i] / best, hand > 0 ? String.format(Locale.ROOT, "%.2f", ours[i] / hand) : "n/a");
        }
    }

    /** samples/s of one peer's run of peers.html, NaN (and the reason on stderr) if it failed. */
    private static double peerRun(Browser b, String base, String workload, String peer, double seconds) {
        String json = result(b, base + "peers.html?workload=" + workload + "&peer=" + peer + "&seconds=" + seconds, seconds * 4 + 120);
        if (json.contains("\"error\":\"n/a")) return -1;
        if (!json.contains("samplesPerSecond")) {
            System.err.println(peer + " on " + workload + ": " + json);
            return Double.NaN;
        }
        return field(json, "samplesPerSecond");
    }

    /** exp, tanh and sigmoid on -8 to 8: calls per second of math versions 2 and 1 (see Det.MATH) on the JVM and in both builds. */
    private static void functions(Browser b, String base, double seconds, int runs) {
        double[][] rates = new double[6][runs];
        Bench.functions(2, 1);
        Bench.functions(1, 1);
        for (int r = 0; r < runs; r++) {
            for (int v = 0; v < 2; v++) {
                String workload = v == 0 ? "math" : "math1";
                int version = v == 0 ? 2 : 1;
                rates[3 * v][r] = Bench.functions(version, seconds);
                rates[3 * v + 1][r] = browserRun(b, base, workload, "js", seconds, 1)[0];
                rates[3 * v + 2][r] = browserRun(b, base, workload, "wasm", seconds, 1)[0];
            }
        }
        System.out.printf(Locale.ROOT, "%nexp + tanh + sigmoid on -8..8, million calls/s, median of %d runs%n", runs);
        System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s%n", "", "JVM", "JS", "Wasm");
        for (int v = 0; v < 2; v++) {
            System.out.printf(Locale.ROOT, "%-22s %9.1f %9.1f %9.1f%n", "math " + (v == 0 ? 2 : 1) + (v == 0 ? " (today's)" : " (old links)"),
                    median(rates[3 * v]) / 1e6, median(rates[3 * v + 1]) / 1e6, median(rates[3 * v + 2]) / 1e6);
        }
        System.out.printf(Locale.ROOT, "%-22s %9.2f %9.2f %9.2f%n", "version 2 / version 1", median(rates[0]) / median(rates[3]),
                median(rates[1]) / median(rates[4]), median(rates[2]) / median(rates[5]));
    }

    /**
     * MNIST (10,000 images, split 0.8) with the studio's recommended image net, in the studio
     * page of the WebAssembly build: seconds from the first trained batch to 97 % test accuracy.
     */
    private static void headline(Browser b, String base) {
        String setup = "data=mnist&" + Recommended.IMAGES;
        b.driver.get(base + "?backend=wasm&t=" + System.nanoTime() + "#" + setup + "&play=1");
        long start = System.nanoTime();
        double[] reached = {Double.NaN};
        try {
            b.waitUpTo(180).until(d -> {
                if (!(b.number("test-accuracy") >= 0.97)) return false;
                reached[0] = ((Number) b.driver.executeScript("return performance.now()")).doubleValue() - b.firstStepMs();
                return true;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.printf(Locale.ROOT, "headline: MNIST with %s did not reach 97%% test accuracy within %.0f s%n", setup, (System.nanoTime() - start) / 1e9);
            return;
        }
        System.out.printf(Locale.ROOT, "headline: MNIST (10,000 images, split 0.8) to %.1f%% test accuracy %.1f s after the first batch "
                + "(epoch %.0f, %s; WebAssembly, %s)%n", 100 * b.number("test-accuracy"), reached[0] / 1000, b.number("epoch"),
                b.text("throughput"), setup);
    }

    /**
     * The names with the studio's recommended text network (trained on past its 10 epochs, no
     * early stop), in one tab of the WebAssembly build: the test loss 60 s after the first batch,
     * beside the bigram floor.
     */
    private static void namesHeadline(Browser b, String base) {
        String setup = "data=names&" + Recommended.TEXT.replace("epochs=10", "epochs=100000") + "&patience=0";
        b.driver.get(base + "?backend=wasm&t=" + System.nanoTime() + "#" + setup + "&play=1");
        try {
            b.waitUpTo(180).until(d -> b.firstStepMs() > 0
                    && ((Number) b.driver.executeScript("return performance.now()")).doubleValue() - b.firstStepMs() >= 60_000);
        } catch (org.openqa.selenium.TimeoutException e) {
            System.out.println("headline: the names did not train for 60 s within 180 s");
            return;
        }
        double loss = b.number("test-loss"), floor = b.number("text-floor");
        System.out.printf(Locale.ROOT, "headline: the names (%s; WebAssembly) 60 s after the first batch: test loss %.3f nats (%.2f bits) per character, "
                + "the bigram floor %.3f (%.2f bits), epoch %.0f, %s%n", setup, loss, loss / Math.log(2), floor, floor / Math.log(2), b.number("epoch"), b.text("throughput"));
    }

    /** samples/s and the longest frame gap (ms) of one run of bench.html. */
    private static double[] browserRun(Browser b, String base, String workload, String backend, double seconds, int workers) {
        String json = result(b, base + "bench.html?workload=" + workload + "&backend=" + backend + "&seconds=" + seconds
                + "&workers=" + workers, seconds * 4 + 60);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"timeline\":\\[([^\\]]*)\\]").matcher(json);
        String[] timeline = m.find() ? m.group(1).split(",") : new String[] {""};
        double[] result = new double[2 + (timeline[0].isEmpty() ? 0 : timeline.length)];
        result[0] = field(json, "samplesPerSecond");
        result[1] = field(json, "maxFrameGapMs");
        for (int i = 2; i < result.length; i++) result[i] = Double.parseDouble(timeline[i - 2]);
        return result;
    }

    /**
     * Opens the page (a fresh navigation each time) and waits, up to {@code timeoutSeconds}, for the
     * JSON it leaves in document.body.dataset.result.
     */
    private static String result(Browser b, String url, double timeoutSeconds) {
        b.driver.get(url + "&t=" + System.nanoTime());
        // polled twice a second: at Selenium's usual 20 a second the harness took CPU from the workers measured
        new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofSeconds((long) timeoutSeconds), java.time.Duration.ofMillis(500))
                .until(d -> b.driver.executeScript("return document.body.dataset.result || null") != null);
        return (String) b.driver.executeScript("return document.body.dataset.result");
    }

    /** Where a batch's time went on N workers (the last Wasm run's) and on N JVM threads, beside a batch on one. */
    private static void timelines(List<String> names, double[][] browser, double[] oneWorker, double seconds, int workers) {
        System.out.printf(Locale.ROOT, "%nper batch on %d Wasm workers, microseconds (the last run; helper times are per helper, messages = round trip - helper's time):%n", workers);
        System.out.printf(Locale.ROOT, "%-11s", "workload");
        for (String phase : BatchTimeline.PHASES) System.out.printf(Locale.ROOT, " %13s", phase);
        System.out.printf(Locale.ROOT, " %13s%n", "one worker");
        for (int i = 0; i < names.size(); i++) {
            System.out.printf(Locale.ROOT, "%-11s", names.get(i));
            for (int p = 0; p < BatchTimeline.PHASES.length; p++) System.out.printf(Locale.ROOT, " %13.0f", browser[i].length > p + 2 ? browser[i][p + 2] : Double.NaN);
            System.out.printf(Locale.ROOT, " %13.0f%n", oneWorker[i]);
        }
        Bench.printTimelines(names, seconds, workers);
    }

    private static double field(String json, String name) {
        return Double.parseDouble(json.replaceAll(".*\"" + name + "\":([0-9.eE+-]+).*", "$1"));
    }

    private static String cell(double rate, double flops) {
        return String.format(Locale.ROOT, "%,.0f (%.2f)", rate, rate * flops / 1e9);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
