package studio.backprop.web.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small static file server for the built site, on localhost. The site needs no server
 * logic; this exists so that `mvn` plus the JDK is all a developer needs, with the MIME
 * types WebAssembly requires. Usage: Serve [--port=8080] [--prefix=/sub/path] SITE_DIR
 */
public final class Serve {
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("bin", "application/octet-stream"));

    private final HttpServer server;

    private Serve(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code root} under {@code prefix} ("/" or "/sub/path/"); port 0 picks a free one. */
    public static Serve start(Path root, int port, String prefix) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        Path base = root.toAbsolutePath().normalize();
        server.createContext(prefix, exchange -> handle(exchange, base, prefix));
        server.start();
        return new Serve(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    private static void handle(HttpExchange ex, Path base, String prefix) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String path = URI.create(ex.getRequestURI().getRawPath()).getPath().substring(prefix.length());
            if (path.isEmpty() || path.endsWith("/")) path += "index.html";
            Path file = base.resolve(path).normalize();
            if (!file.startsWith(base) || !Files.isRegularFile(file)) {
                byte[] body = "not found".getBytes();
                ex.sendResponseHeaders(404, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            long size = Files.size(file);
            ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : size);
            if (ex.getRequestMethod().equals("GET")) {
                try (OutputStream out = ex.getResponseBody()) {
                    Files.copy(file, out);
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        int port = 8080;
        String prefix = "/";
        Path root = null;
        for (String a : args) {
            if (a.startsWith("--port=")) port = Integer.parseInt(a.substring(7));
            else if (a.startsWith("--prefix=")) prefix = a.substring(9);
            else root = Path.of(a);
        }
        if (!prefix.startsWith("/")) prefix = "/" + prefix;
        if (!prefix.endsWith("/")) prefix += "/";
        if (root == null || !Files.isDirectory(root)) {
            System.err.println("usage: Serve [--port=8080] [--prefix=/] SITE_DIR  (build the site first: mvn package)");
            System.exit(1);
        }
        Serve s = start(root, port, prefix);
        System.out.println("Backprop Studio at http://localhost:" + s.port() + prefix + "  (Ctrl+C stops)");
    }
}
