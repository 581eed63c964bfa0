package studio.backprop.web.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The build's last step on the site folder: marks the page program for eager compilation, stamps
 * the service worker with the list of files to keep offline (all but the image sets, which are
 * kept once used) and a version (a hash of their contents, so every deploy that changes a file
 * changes sw.js), then prints the size of each compiled output, raw and gzipped: per build what
 * a visit loads to train (page, training worker, loader; the budget is {@link #BUDGET_KB}) and the
 * full worker it loads once it needs tables, the user's images or model files.
 */
public final class SiteSize {
    private SiteSize() {}

    public static long gzipped(Path file) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(Files.readAllBytes(file));
        }
        return buf.size();
    }

    /**
     * V8's explicit compile hint, as the page program's first line: it compiles every function
     * while the file streams in, off the page thread, instead of each one lazily on the page
     * thread at its first call (on a first visit that held a frame 25-40 ms; later visits use
     * the code cache either way). Other engines read a comment.
     */
    static final String EAGER = "//# allFunctionsCalledOnLoad\n";

    static void hintEagerCompile(Path script) throws IOException {
        String text = Files.readString(script);
        if (!text.startsWith(EAGER)) Files.writeString(script, EAGER + text);
    }

    static void stampServiceWorker(Path site) throws IOException, NoSuchAlgorithmException {
        Path sw = site.resolve("sw.js");
        List<String> files;
        try (Stream<Path> all = Files.walk(site)) {
            files = all.filter(Files::isRegularFile).map(p -> site.relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.equals("sw.js") && !f.endsWith(".bin.gz")).sorted().collect(Collectors.toList());
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (String f : files) {
            digest.update(f.getBytes(StandardCharsets.UTF_8));
            digest.update(Files.readAllBytes(site.resolve(f)));
        }
        StringBuilder version = new StringBuilder();
        for (byte b : java.util.Arrays.copyOf(digest.digest(), 8)) version.append(String.format("%02x", b));
        String list = files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
        String text = Files.readString(sw)
                .replace("const VERSION = 'dev';", "const VERSION = '" + version + "';")
                .replace("const FILES = [];", "const FILES = [" + list + "];");
        Files.writeString(sw, text);
        System.out.println("Service worker: version " + version + ", " + files.size() + " files kept offline");
    }

    /**
     * What a visit may load before it trains, gzipped: 150 KB until the recurrent layers (RNN, GRU,
     * LSTM: the training program trains the series) took 5 KB of the WebAssembly build; 160 until
     * text (the per-step modules in the training program, the text view on the page) took 4.8 KB
     * and the explorer through time (its steps on the page, the unrolled layer in the worker) 4.9 KB;
     * 176 since the user's sounds (their panel, the microphone, decoding and playing on the page) took 6.1 KB.
     */
    public static final double BUDGET_KB = 176;

    /** Per build: what a visit loads to train, then the full worker. */
    public static final List<List<String>> BUILDS = List.of(
            List.of("js/page.js", "js/worker.js", "js/full-worker.js"),
            List.of("js/page.js", "wasm/worker.wasm", "wasm/runtime.js", "wasm/full-worker.wasm"));

    public static void main(String[] args) throws Exception {
        Path site = Path.of(args[0]);
        hintEagerCompile(site.resolve("js/page.js"));
        stampServiceWorker(site);
        String[] names = {"JavaScript", "WebAssembly"};
        System.out.println("Site outputs (raw / gzipped):");
        for (int b = 0; b < BUILDS.size(); b++) {
            List<String> files = BUILDS.get(b);
            long raw = 0, gz = 0;
            for (String f : files.subList(0, files.size() - 1)) {
                Path p = site.resolve(f);
                long r = Files.size(p), g = gzipped(p);
                raw += r;
                gz += g;
                System.out.printf("  %-22s %9.1f KB %9.1f KB%n", f, r / 1024.0, g / 1024.0);
            }
            System.out.printf("  %-22s %9.1f KB %9.1f KB   (budget %.0f KB)%n", names[b] + " first load", raw / 1024.0, gz / 1024.0, BUDGET_KB);
            Path full = site.resolve(files.get(files.size() - 1));
            System.out.printf("  %-22s %9.1f KB %9.1f KB   (loaded when a table, own images or a model file is first needed)%n",
                    files.get(files.size() - 1), Files.size(full) / 1024.0, gzipped(full) / 1024.0);
        }
        Path library = site.resolve("lib/backprop-studio.js"), page = site.resolve("lib/model-page.js"), template = site.resolve("model-page.html");
        System.out.printf("  %-22s %9.1f KB %9.1f KB   (the inference library, an ES module)%n", "lib/backprop-studio.js",
                Files.size(library) / 1024.0, gzipped(library) / 1024.0);
        long pageFile = Files.size(page) + Files.size(template);
        System.out.printf("  %-22s %9.1f KB               (a model's own page without its model, on disk; budget %.0f KB)%n",
                "lib/model-page.js+html", pageFile / 1024.0, MODEL_PAGE_BUDGET_KB);
    }

    /** A model's own page without the model, on disk. */
    public static final double MODEL_PAGE_BUDGET_KB = 200;
}
