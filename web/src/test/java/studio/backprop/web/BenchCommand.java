package studio.backprop.web;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import studio.backprop.engine.cli.Bench;
import studio.backprop.engine.train.Trainer;
import studio.backprop.engine.train.Workload;
import studio.backprop.web.server.Serve;

/**
 * The benchmark command: each workload on the JVM, in the JS build and in the Wasm build
 * (bench.html in headless Chromium), interleaved run by run, then medians and ratios.
 * Usage: BenchCommand [--seconds=3] [--runs=3] [workload ...]
 */
public final class BenchCommand {
    private BenchCommand() {}

    public static void main(String[] args) throws Exception {
        Bench.Options o = new Bench.Options(args, 3, 3);
        double seconds = o.seconds;
        int runs = o.runs;
        List<String> names = o.workloads;
        Serve server = Serve.start(Path.of(System.getProperty("site.dir", "web/target/site")), 0, "/");
        String base = "http://localhost:" + server.port() + "/";
        System.out.printf(Locale.ROOT, "samples/s (GFLOP/s), median of %d interleaved runs of %.0f s; headless Chromium, 2-core machine%n", runs, seconds);
        System.out.printf(Locale.ROOT, "%-11s %22s %22s %22s %9s %9s%n", "workload", "JVM", "JS", "Wasm", "Wasm/JS", "JS/JVM");
        try (Browser browser = new Browser()) {
            for (String name : names) {
                Workload w = Workload.of(name);
                Trainer probe = w.trainer(1);
                double flops = w.flopsPerSample(probe);
                double[][] rates = new double[3][runs];
                Bench.run(w, 1);
                for (int r = 0; r < runs; r++) {
                    rates[0][r] = Bench.run(w, seconds);
                    rates[1][r] = browserRun(browser, base, name, "js", seconds);
                    rates[2][r] = browserRun(browser, base, name, "wasm", seconds);
                }
                double jvm = median(rates[0]), js = median(rates[1]), wasm = median(rates[2]);
                System.out.printf(Locale.ROOT, "%-11s %22s %22s %22s %9.2f %9.2f%n", name, cell(jvm, flops), cell(js, flops),
                        cell(wasm, flops), wasm / js, js / jvm);
            }
        } finally {
            server.stop();
        }
    }

    private static double browserRun(Browser b, String base, String workload, String backend, double seconds) {
        b.driver.get(base + "bench.html?workload=" + workload + "&backend=" + backend + "&seconds=" + seconds + "&t=" + System.nanoTime());
        b.waitUpTo((int) (seconds * 4 + 60)).until(d -> b.driver.executeScript("return document.body.dataset.result || null") != null);
        String json = (String) b.driver.executeScript("return document.body.dataset.result");
        return Double.parseDouble(json.replaceAll(".*\"samplesPerSecond\":([0-9.eE+-]+).*", "$1"));
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
