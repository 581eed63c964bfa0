package studio.backprop.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a newcomer sees: every built-in data set picked cold (a fresh page, its name alone in the
 * URL, so its recommended setup, at the studio's own pace) and played; at each checkpoint (10 s
 * and 30 s after the first trained batch, or when the run ended) the test accuracy (R² for a
 * regression), the epochs run and the status. Prints a Markdown table for the README.
 * Usage: DefaultsCommand [--backend=wasm|js] [--seconds=10,30] [sets...]
 */
public final class DefaultsCommand {
    private DefaultsCommand() {}

    private static final String[] SETS = {"spiral", "circle", "xor", "gauss", "moons", "draw", "plane", "sine",
        "iris", "wine", "cancer", "digits", "mnist", "fashion"};

    public static void main(String[] args) {
        Browser.command(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        String backend = "wasm";
        int[] checkpoints = {10, 30};
        List<String> sets = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--backend=")) backend = a.substring(10);
            else if (a.startsWith("--seconds=")) checkpoints = java.util.Arrays.stream(a.substring(10).split(",")).mapToInt(Integer::parseInt).toArray();
            else if (a.startsWith("--")) throw new IllegalArgumentException("unknown argument " + a + "; usage: [--backend=wasm|js] [--seconds=10,30] [sets...]");
            else sets.add(a);
        }
        if (sets.isEmpty()) sets = List.of(SETS);
        StringBuilder head = new StringBuilder("| data | network |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int s : checkpoints) {
            head.append(" after ").append(s).append(" s |");
            rule.append("---|");
        }
        System.out.println("Each set picked cold in the " + backend + " build, its recommended setup at the studio's pace; test accuracy (R\u00b2),"
                + " epochs, and how the run stood:");
        System.out.println(head.append(" how it ended |"));
        System.out.println(rule.append("---|"));
        try (Browser b = new Browser()) {
            for (String data : sets) {
                b.open("?backend=" + backend + "&cold=" + System.nanoTime() + "#data=" + data + "&play=1");
                b.waitUpTo(60).until(d -> !Double.isNaN(b.firstStepMs()));
                double start = b.firstStepMs();
                String net = b.text("architecture");
                StringBuilder row = new StringBuilder("| " + data + " | " + (net.contains("\u00d7") ? "the image conv net" : net) + " |");
                String ended = "";
                for (int s : checkpoints) {
                    b.waitUpTo(s + 30).until(d -> now(b) - start >= s * 1000.0 || !"training".equals(b.value("status")));
                    if (now(b) - start < s * 1000.0) b.waitUpTo(s + 30).until(d -> now(b) - start >= s * 1000.0); // the run ended: its numbers stay
                    List<String> v = b.values("test-accuracy", "test-r2", "epoch", "status", "status@data-ended");
                    boolean regression = v.get(0).isEmpty();
                    double metric = Double.parseDouble(regression ? v.get(1) : v.get(0));
                    row.append(String.format(Locale.ROOT, " %s %.3f, %s epochs |", regression ? "R\u00b2" : "", metric, v.get(2)).replace("  ", " "));
                    ended = v.get(3).equals("paused") ? (v.get(4).equals("early") ? "stopped early" : v.get(4).equals("epochs") ? "at its epochs" : "paused")
                            : v.get(3);
                }
                System.out.println(row.append(" ").append(ended).append(" |"));
            }
        }
    }

    private static double now(Browser b) {
        return ((Number) b.driver.executeScript("return performance.now()")).doubleValue();
    }
}
