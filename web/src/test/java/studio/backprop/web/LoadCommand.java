package studio.backprop.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load benchmark: the studio opened with play=1 in each build, several times, as a first visit
 * (a new profile: nothing cached) and as a return (the HTTP cache warm). Per load: the first
 * contentful paint, the first animation frame, the first trained batch, the longest gap between
 * animation frames from the first until the 30th epoch (and from the frame of the first paint on),
 * and every long animation frame (Chromium's
 * long-animation-frame entries over 50 ms, from navigation on, so including the load's own frame
 * before the first paint): its start, length, style and layout, rendering, and the scripts in it.
 * Also the page thread's longest task (the Long Tasks API). Each figure is set against the 50 ms
 * budget, and what falls short is listed at the end.
 * Usage: LoadCommand [--runs=3] [--backend=js|wasm] [--hash=data=mnist&amp;play=1] (another studio
 * URL fragment; with it the loads run until the 30th epoch or 5 s after the first trained batch)
 * [--throttle=4] (Chromium's CPU throttling of the page thread, as on a slower machine).
 */
public final class LoadCommand {
    private LoadCommand() {}

    public static void main(String[] args) {
        Browser.command(() -> run(args));
    }

    /** Per build and kind of visit, each load's figures: longest gap, longest frame, first batch. */
    private static final Map<String, List<double[]>> results = new LinkedHashMap<>();

    private static String hash = "play=1&seed=2";

    private static void run(String[] args) throws Exception {
        int runs = 3;
        String[] backends = {"js", "wasm"};
        for (String a : args) {
            if (a.startsWith("--runs=")) runs = Integer.parseInt(a.substring(7));
            else if (a.startsWith("--backend=")) backends = new String[] {a.substring(10)};
            else if (a.startsWith("--hash=")) hash = a.substring(7);
            else if (a.startsWith("--throttle=")) System.setProperty("cpu.throttle", a.substring(11)); // before Browser reads it
            else throw new IllegalArgumentException("unknown argument " + a + "; usage: [--runs=3] [--backend=js|wasm] [--hash=...] [--throttle=N]");
        }
        for (String backend : backends) {
            for (int r = 0; r < runs; r++) {
                try (Browser b = new Browser()) {
                    b.recordFramesFromLoad();
                    measure(b, backend, "first visit", r);
                    measure(b, backend, "return", r);
                }
            }
        }
        System.out.println("median (worst) over " + runs + " loads" + (Browser.THROTTLE > 1 ? ", CPU throttled " + Browser.THROTTLE + "x" : "") + ":");
        List<String> shortOf = new ArrayList<>();
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-18s longest gap between frames %s ms, from the first paint on %s ms, longest frame %s ms,"
                    + " longest task %s ms, first trained batch %s ms%n", e.getKey(), summary(e.getValue(), 0), summary(e.getValue(), 1),
                    summary(e.getValue(), 2), summary(e.getValue(), 4), summary(e.getValue(), 3));
            String[] names = {"gap between frames from the first paint on", "longest task"};
            int[] columns = {1, 4};
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                double worst = e.getValue().stream().mapToDouble(l -> l[c]).max().orElse(0);
                if (worst > Browser.FRAME_BUDGET_MS) shortOf.add(String.format(Locale.ROOT, "%s: %s %.1f ms", e.getKey(), names[i], worst));
            }
        }
        System.out.println(shortOf.isEmpty() ? "every load within the " + (int) Browser.FRAME_BUDGET_MS + " ms budget"
                : "over the " + (int) Browser.FRAME_BUDGET_MS + " ms budget (worst load): " + String.join("; ", shortOf));
    }

    private static String summary(List<double[]> loads, int column) {
        List<Double> v = new ArrayList<>();
        for (double[] l : loads) v.add(l[column]);
        v.sort(null);
        return String.format(Locale.ROOT, "%5.1f (%5.1f)", v.get(v.size() / 2), v.get(v.size() - 1));
    }

    private static void measure(Browser b, String backend, String visit, int run) throws Exception {
        b.open("?backend=" + backend + "&load=" + System.nanoTime() + "#" + hash);
        b.waitUpTo(60).until(d -> b.number("epoch") > 30
                || ((Number) b.driver.executeScript("return performance.now()")).doubleValue() - b.firstStepMs() > 5000);
        List<Double> times = b.framesSinceLoad();
        double[] gap = Browser.longestGap(times);
        @SuppressWarnings("unchecked")
        List<Object> frames = (List<Object>) b.driver.executeScript("var out = [], o = new PerformanceObserver(function () {});"
                + "o.observe({type: 'long-animation-frame', buffered: true});"
                + "o.takeRecords().forEach(function (e) {"
                + "  out.push([e.startTime, e.duration, e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,"
                + "    e.renderStart ? e.startTime + e.duration - e.renderStart : 0,"
                + "    e.scripts.map(function (s) { return Math.round(s.duration) + ' ms ' + s.invoker.split('/').pop(); }).join(', ')]); });"
                + "return out;");
        double firstStep = b.firstStepMs(), paint = b.firstPaintMs();
        double[] shown = Browser.longestGap(Browser.from(times, paint));
        double[] task = {Double.NaN, 0};
        for (double[] t : b.longTasksSinceLoad()) if (t[1] > task[1]) task = t;
        System.out.printf(Locale.ROOT, "%s, %s %d: first contentful paint at %.0f ms, first frame at %.0f ms, first trained batch at %.0f ms;"
                + " longest gap between frames %.1f ms (at %.0f ms, of %d frames), from the first paint on %.1f ms (at %.0f ms);"
                + " longest task %.0f ms (at %.0f ms)%n", backend, visit,
                run + 1, paint, times.get(0), firstStep, gap[1], gap[0], times.size(), shown[1], shown[0], task[1], task[0]);
        double worst = 0;
        for (Object o : frames) {
            List<?> f = (List<?>) o;
            double start = ((Number) f.get(0)).doubleValue(), length = ((Number) f.get(1)).doubleValue();
            worst = Math.max(worst, length);
            System.out.printf(Locale.ROOT, "  long frame at %5.0f ms: %4.0f ms (style+layout %3.0f, rendering %3.0f) %s%n", start, length,
                    ((Number) f.get(2)).doubleValue(), ((Number) f.get(3)).doubleValue(), f.get(4));
        }
        results.computeIfAbsent(backend + ", " + visit, k -> new ArrayList<>()).add(new double[] {gap[1], shown[1], worst, firstStep, task[1]});
    }
}
