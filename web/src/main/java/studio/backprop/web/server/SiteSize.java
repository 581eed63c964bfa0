package studio.backprop.web.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Prints the size of each compiled output, raw and gzipped, and the totals per build. */
public final class SiteSize {
    private SiteSize() {}

    public static long gzipped(Path file) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(Files.readAllBytes(file));
        }
        return buf.size();
    }

    public static void main(String[] args) throws IOException {
        Path site = Path.of(args[0]);
        List<List<String>> builds = List.of(
                List.of("js/page.js", "js/worker.js"),
                List.of("wasm/page.wasm", "wasm/worker.wasm", "wasm/runtime.js"));
        String[] names = {"JavaScript", "WebAssembly"};
        System.out.println("Site outputs (raw / gzipped):");
        for (int b = 0; b < builds.size(); b++) {
            long raw = 0, gz = 0;
            for (String f : builds.get(b)) {
                Path p = site.resolve(f);
                long r = Files.size(p), g = gzipped(p);
                raw += r;
                gz += g;
                System.out.printf("  %-18s %9.1f KB %9.1f KB%n", f, r / 1024.0, g / 1024.0);
            }
            System.out.printf("  %-18s %9.1f KB %9.1f KB%n", names[b] + " total", raw / 1024.0, gz / 1024.0);
        }
    }
}
