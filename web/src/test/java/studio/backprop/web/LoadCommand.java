package studio.backprop.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load benchmark: the studio opened afresh (HTTP cache warm, as for a returning user) with
 * play=1, in each build, several times; per load, the time to the first trained batch and every
 * frame over 50 ms until the 30th epoch (Chromium's long-animation-frame entries, from
 * navigation on): its start, length, the style and layout and the rendering within it, and the
 * scripts that ran in it. Usage: LoadCommand [--runs=3]
 */
public final class LoadCommand {
    private LoadCommand() {}

    public static void main(String[] args) throws Exception {
        int runs = 3;
        for (String a : args) if (a.startsWith("--runs=")) runs = Integer.parseInt(a.substring(7));
        for (String backend : new String[] {"js", "wasm"}) {
            List<Double> longest = new ArrayList<>(), first = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                try (Browser b = new Browser()) {
                    b.open("?backend=" + backend);
                    b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
                    b.open("?backend=" + backend + "&load=" + System.nanoTime() + "#play=1&seed=2");
                    b.waitUpTo(30).until(d -> b.number("epoch") > 30);
                    @SuppressWarnings("unchecked")
                    List<Object> frames = (List<Object>) b.driver.executeAsyncScript("var done = arguments[arguments.length - 1], out = [];"
                            + "new PerformanceObserver(function (l) { l.getEntries().forEach(function (e) {"
                            + "  out.push([e.startTime, e.duration, e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,"
                            + "    e.renderStart ? e.startTime + e.duration - e.renderStart : 0,"
                            + "    e.scripts.map(function (s) { return Math.round(s.duration) + ' ms ' + s.invoker.split('/').pop(); }).join(', ')]); });"
                            + "  done(out); }).observe({type: 'long-animation-frame', buffered: true});");
                    double firstStep = Double.parseDouble(String.valueOf(b.driver.executeScript("return document.body.dataset.firstStep")));
                    first.add(firstStep);
                    double worst = 0;
                    System.out.printf(Locale.ROOT, "%s load %d: first trained batch at %.0f ms%n", backend, r + 1, firstStep);
                    for (Object o : frames) {
                        List<?> f = (List<?>) o;
                        double start = ((Number) f.get(0)).doubleValue(), length = ((Number) f.get(1)).doubleValue();
                        worst = Math.max(worst, length);
                        System.out.printf(Locale.ROOT, "  frame at %5.0f ms: %4.0f ms (style+layout %3.0f, rendering %3.0f) %s%n", start, length,
                                ((Number) f.get(2)).doubleValue(), ((Number) f.get(3)).doubleValue(), f.get(4));
                    }
                    longest.add(worst);
                }
            }
            longest.sort(null);
            first.sort(null);
            System.out.printf(Locale.ROOT, "%s: median longest frame %.0f ms, median first batch %.0f ms (%d loads)%n%n", backend,
                    longest.get(runs / 2), first.get(runs / 2), runs);
        }
        System.exit(0);
    }
}
