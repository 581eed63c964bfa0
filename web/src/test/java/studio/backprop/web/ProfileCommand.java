package studio.backprop.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the page thread's time goes while the studio loads: Chromium's sampling profiler (CDP
 * Profiler) over a first visit and a return, self time per function (name, file:line) for the
 * first seconds, the top ones printed. Usage: ProfileCommand [--backend=js|wasm] [--hash=play=1]
 * [--ms=3000] [--top=25]. (The page program is minified: a name is TeaVM's, the line and column
 * find it in js/page.js.)
 */
public final class ProfileCommand {
    private ProfileCommand() {}

    public static void main(String[] args) {
        Browser.command(() -> run(args));
    }

    @SuppressWarnings("unchecked")
    private static void run(String[] args) throws Exception {
        String backend = "js", hash = "play=1&seed=2";
        int ms = 3000, top = 25;
        for (String a : args) {
            if (a.startsWith("--backend=")) backend = a.substring(10);
            else if (a.startsWith("--hash=")) hash = a.substring(7);
            else if (a.startsWith("--ms=")) ms = Integer.parseInt(a.substring(5));
            else if (a.startsWith("--top=")) top = Integer.parseInt(a.substring(6));
            else throw new IllegalArgumentException("unknown argument " + a);
        }
        try (Browser b = new Browser()) {
            for (String visit : new String[] {"first visit", "return"}) {
                b.driver.get("about:blank");
                b.driver.executeCdpCommand("Profiler.enable", Map.of());
                b.driver.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 100));
                b.driver.executeCdpCommand("Profiler.start", Map.of());
                long start = System.nanoTime();
                b.open("?backend=" + backend + "&load=" + start + "#" + hash);
                int window = ms;
                b.waitUpTo(60).until(d -> ((Number) b.driver.executeScript("return performance.now()")).doubleValue() > window);
                Map<String, Object> profile = (Map<String, Object>) b.driver.executeCdpCommand("Profiler.stop", Map.of()).get("profile");
                List<Map<String, Object>> nodes = (List<Map<String, Object>>) profile.get("nodes");
                List<Number> samples = (List<Number>) profile.get("samples"), deltas = (List<Number>) profile.get("timeDeltas");
                Map<Long, String> names = new HashMap<>();
                for (Map<String, Object> n : nodes) {
                    Map<String, Object> f = (Map<String, Object>) n.get("callFrame");
                    String url = String.valueOf(f.get("url"));
                    names.put(((Number) n.get("id")).longValue(), (f.get("functionName").toString().isEmpty() ? "(anonymous)" : f.get("functionName"))
                            + " " + url.substring(url.lastIndexOf('/') + 1) + ":" + f.get("lineNumber") + ":" + f.get("columnNumber"));
                }
                Map<String, Double> self = new HashMap<>();
                double total = 0;
                for (int i = 0; i + 1 < samples.size(); i++) {
                    double dt = deltas.get(i + 1).doubleValue() / 1000;
                    self.merge(names.get(samples.get(i).longValue()), dt, Double::sum);
                    total += dt;
                }
                System.out.printf(Locale.ROOT, "%s, %s: %.0f ms sampled%n", backend, visit, total);
                self.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue())).limit(top)
                        .forEach(e -> System.out.printf(Locale.ROOT, "  %7.1f ms  %s%n", e.getValue(), e.getKey()));
            }
        }
    }
}
