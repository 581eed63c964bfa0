package studio.backprop.engine.cli;

import java.io.PrintStream;
import java.util.Locale;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.TextSampler;

/** A text model's side of the CLI: its loss beside the bigram floor after training, and the command sample. */
final class Sample {
    private Sample() {}

    private static final double LN2 = 0.6931471805599453;

    /** After training on text: the test loss in nats and bits per character beside the bigram floor, and a few made-up lines. */
    static void report(Experiment ex, double testLoss, PrintStream out) {
        double floor = ex.bigramLoss();
        out.println(String.format(Locale.ROOT, "test loss %.4f nats per character (%.3f bits); a bigram model of the training text: %.4f (%.3f bits)%s",
                testLoss, testLoss / LN2, floor, floor / LN2, testLoss < floor ? "" : ": the network has not beaten it yet"));
        out.println("made up at temperature 0.8 (seed 1):");
        for (String line : lines(new TextSampler(ex.model).sample("", 400, 5, 0.8, new Rng(1)))) out.println("  " + line);
    }

    /** sample --model=FILE_OR_LINK [--start=TEXT] [--length=N] [--lines=N] [--temperature=T] [--seed=S]: text the model makes up. */
    static int run(Flags flags, Model model, PrintStream out) {
        TextSampler sampler;
        try {
            sampler = new TextSampler(model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sample needs a text model (trained on names or a .txt file)");
        }
        String start = flags.has("start") ? flags.get("start").replace("\\n", "\n") : "";
        int length = number(flags, "length", 200, 1, 100_000);
        int lines = number(flags, "lines", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        int seed = number(flags, "seed", 1, Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
        double temperature;
        try {
            temperature = flags.has("temperature") ? Double.parseDouble(flags.get("temperature")) : 1.0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--temperature must be a number, e.g. 0.8");
        }
        out.print(start);
        out.println(sampler.sample(start, length, lines, temperature, new Rng(seed)));
        return 0;
    }

    private static int number(Flags flags, String key, int fallback, int min, int max) {
        if (!flags.has(key)) return fallback;
        try {
            int v = Integer.parseInt(flags.get(key));
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("--" + key + " must be a whole number from " + min + " to " + max);
    }

    private static String[] lines(String text) {
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return studio.backprop.engine.data.Text.split(t, '\n');
    }
}
