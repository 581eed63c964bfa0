package studio.backprop.web.worker.run;

import studio.backprop.engine.model.Model;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Forecast;
import studio.backprop.engine.train.Metrics;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/** "Try it": the model's output for one input, from the plane (x1, x2), a table row or an image. */
public final class Predictions {
    private Predictions() {}

    /** Values a series' forecast from an edited window rolls out (the page's TryIt.FORECAST_STEPS). */
    static final int FORECAST_STEPS = 20;

    /** For a point of the plane or an image's pixels. */
    public static FromWorker.Prediction of(Experiment ex, ToWorker.Predict m) {
        if (ex.settings.series() && m.getPixels() != null) {
            // a series' window the user edited: its forecast rolled out, each value fed back as the newest
            try {
                return FromWorker.prediction(null, Js.float64(Forecast.rollout(ex.model, m.getPixels().copyToJavaArray(), FORECAST_STEPS)), -1, Double.NaN, Double.NaN);
            } catch (IllegalArgumentException e) {
                return FromWorker.prediction(e.getMessage(), null, -1, Double.NaN, Double.NaN);
            }
        }
        return of(ex.model, m, m.getPixels() != null ? m.getPixels().copyToJavaArray() : new double[] {m.getX1(), m.getX2()});
    }

    /** For a table row, its cells encoded as the model's columns (dates and categories too: the full worker's). */
    public static FromWorker.Prediction ofRow(Experiment ex, ToWorker.Predict m) {
        try {
            return of(ex.model, m, ex.model.encoding.encode(m.getCells(), null));
        } catch (IllegalArgumentException e) {
            return FromWorker.prediction(e.getMessage(), null, -1, m.getX1(), m.getX2());
        }
    }

    private static FromWorker.Prediction of(Model model, ToWorker.Predict m, double[] encoded) {
        try {
            double[] out = model.predict(new double[][] {encoded})[0];
            int label = model.classes.length > 0 ? Metrics.predictedClass(out) : -1;
            return FromWorker.prediction(null, Js.float64(out), label, m.getX1(), m.getX2());
        } catch (IllegalArgumentException e) {
            return FromWorker.prediction(e.getMessage(), null, -1, m.getX1(), m.getX2());
        }
    }

    /** The same for an image already prepared as the model's network inputs (null: it could not be, and why). */
    public static FromWorker.Prediction ofInputs(Model model, double[] inputs, String error) {
        if (inputs == null) return FromWorker.prediction(error, null, -1, Double.NaN, Double.NaN);
        double[] out = model.predict(new double[][] {inputs})[0];
        return FromWorker.prediction(null, Js.float64(out), Metrics.predictedClass(out), Double.NaN, Double.NaN);
    }
}
