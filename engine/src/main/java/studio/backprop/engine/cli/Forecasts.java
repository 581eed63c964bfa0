package studio.backprop.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Forecast;
import studio.backprop.engine.train.Settings;

/** forecast --model=FILE_OR_LINK [--steps=60] [--data=...]: a series model's forecast rolled out past the end of its data, as CSV. */
final class Forecasts {
    private Forecasts() {}

    static int run(Flags flags, Model model, PrintStream out) throws IOException, CsvException {
        if (!model.settings.series()) throw new IllegalArgumentException("forecast needs a series model (trained on wave, sines, saw, damped or --series=COLUMN)");
        int steps;
        try {
            steps = flags.has("steps") ? Integer.parseInt(flags.get("steps")) : 60;
        } catch (NumberFormatException e) {
            steps = -1;
        }
        if (steps < 1 || steps > 10_000) throw new IllegalArgumentException("--steps must be a whole number from 1 to 10000");
        Settings settings = model.settings.copy();
        for (var e : flags.settingsOverrides().entrySet()) settings.set(e.getKey(), e.getValue());
        // the model on its data (or the data --data= names), its own normalisation and weights kept
        Experiment ex = Experiment.load(settings).adopt(model);
        double[] values = Forecast.values(ex), next = Forecast.rollout(ex.model, values, steps);
        out.println("step,forecast");
        for (int k = 0; k < next.length; k++) out.println((values.length + k + 1) + "," + next[k]);
        return 0;
    }
}
