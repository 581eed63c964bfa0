package studio.backprop.web.page.tryit;

import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.NodeList;
import studio.backprop.engine.data.Dates;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.page.ui.Pad;
import studio.backprop.web.page.views.ImageView;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/** "Try it": a click on the 2-D plane, a table row, or a drawing on the pad, and the model's answer. */
public final class TryIt {
    private final State state;
    private final WorkerClient worker;
    private final ImageView images;
    /** Whether the explorer steps through a test sample (else a training one): a click on the plane shows the nearest in it. */
    private final java.util.function.BooleanSupplier explorerOnTest;

    private final Runnable repaint;

    public TryIt(State state, WorkerClient worker, ImageView images, java.util.function.BooleanSupplier explorerOnTest, Runnable repaint) {
        this.state = state;
        this.repaint = repaint;
        this.worker = worker;
        this.images = images;
        this.explorerOnTest = explorerOnTest;
        Dom.byTestId("heatmap").addEventListener("click", e -> point((MouseEvent) e));
        Dom.byTestId("try-form").addEventListener("submit", e -> {
            e.preventDefault();
            row();
        });
        Dom.byTestId("forecast-form").addEventListener("submit", e -> {
            e.preventDefault();
            forecast();
        });
        images.onPick(index -> worker.send(ToWorker.watch(index)));
        images.onDrawing(box -> {
            if (state.imageSide == 0) return;
            worker.send(ToWorker.predictImage(Pad.pixels(images.pad(), box, state.imageSide, Pad.fit(state.imageSide), state.maxLevel)));
        });
    }

    private void point(MouseEvent e) {
        if (!state.planar || state.drawing()) return; // a click on a drawing adds a point
        HTMLElement canvas = Dom.byTestId("heatmap");
        double fx = e.getOffsetX() / (double) Math.max(1, canvas.getClientWidth());
        double fy = e.getOffsetY() / (double) Math.max(1, canvas.getClientHeight());
        double x1 = -state.extent + fx * 2 * state.extent, x2 = state.extent - fy * 2 * state.extent;
        worker.send(ToWorker.predictPoint(x1, x2));
        // the explorer follows: the training sample nearest to the click
        worker.send(ToWorker.explain(explorerOnTest.getAsBoolean(), 0, x1, x2, Double.NaN, Double.NaN, 0));
    }

    private void row() {
        NodeList<? extends HTMLElement> fields = Dom.byTestId("try-inputs").querySelectorAll("[data-column]");
        String[] cells = new String[fields.getLength()];
        StringBuilder empty = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            cells[i] = Html.value(fields.get(i)).trim();
            if (cells[i].isEmpty()) empty.append(empty.length() > 0 ? ", " : "").append(state.columns[i]);
        }
        if (empty.length() > 0) {
            state.prediction = "Fill in every input to predict (empty: " + empty + ").";
            repaint.run();
            return;
        }
        worker.send(ToWorker.predictRow(cells));
    }

    /**
     * A series: the forecast from the window in the box (numbers, oldest first, separated by commas
     * or spaces), rolled out by the worker (Predictions); an empty box takes the data's last window
     * first, to edit.
     */
    private void forecast() {
        HTMLElement box = Dom.byTestId("forecast-window");
        int window = state.settings.integer("window", 1, 10_000);
        if (Html.value(box).trim().isEmpty() && state.fit.length > 3) {
            // the series plot's values (see FitView): the last window of them
            int shown = (int) state.fit[0];
            StringBuilder last = new StringBuilder();
            for (int k = Math.max(0, shown - window); k < shown; k++) last.append(last.length() > 0 ? ", " : "").append(Dom.fixed(state.fit[3 + k], 4));
            Html.setValue(box, last.toString());
        }
        String text = Html.value(box);
        double[] values = new double[text.length()];
        int n = 0;
        for (int from = 0; from < text.length(); ) {
            while (from < text.length() && (text.charAt(from) == ',' || text.charAt(from) <= ' ')) from++;
            int to = from;
            while (to < text.length() && text.charAt(to) != ',' && text.charAt(to) > ' ') to++;
            if (to == from) break;
            String token = text.substring(from, to);
            double v = studio.backprop.engine.data.Numbers.parse(token);
            if (!(v == v)) {
                state.prediction = "Cannot forecast: '" + token + "' is no number.";
                repaint.run();
                return;
            }
            values[n++] = v;
            from = to;
        }
        if (n != window) {
            state.prediction = "Cannot forecast: the network reads the last " + window + " values, and the box has " + n + ".";
            repaint.run();
            return;
        }
        worker.send(ToWorker.predictImage(org.teavm.jso.typedarrays.Float64Array.copyFromJavaArray(java.util.Arrays.copyOf(values, n))));
    }

    /** One field per table column: a number box, or a list of the column's categories. */
    public void buildForm() {
        HTMLElement box = Dom.byTestId("try-inputs");
        Html.clear(box);
        for (int c = 0; c < state.columns.length; c++) {
            HTMLElement label = Html.el("label", state.columns[c]);
            HTMLElement field;
            if (state.dates[c] != null) {
                field = Html.el("input");
                field.setAttribute("type", "text");
                field.setAttribute("required", "");
                field.setAttribute("placeholder", datePlaceholder(state.dates[c]));
            } else if (state.categories[c] == null) {
                field = Html.el("input");
                field.setAttribute("type", "text");
                field.setAttribute("inputmode", "decimal");
                field.setAttribute("required", "");
            } else {
                field = Html.el("select");
                for (String cat : state.categories[c]) field.appendChild(Html.option(cat, cat, false));
            }
            field.setAttribute("data-column", Integer.toString(c));
            field.setAttribute("data-testid", "try-" + c);
            label.appendChild(field);
            box.appendChild(label);
        }
    }

    /** A date as the column writes it (see the engine's Dates): the form the user knows from the file. */
    private static String datePlaceholder(String spec) {
        String time = spec.endsWith(Dates.WITH_TIME) ? " 14:30" : "";
        if (spec.startsWith(Dates.DMY)) return "31.12.2024" + time;
        if (spec.startsWith(Dates.MDY)) return "12/31/2024" + time;
        return "2024-12-31" + time;
    }

    /** The worker's answer: class and probability, or value; for a drawing, every class's probability. */
    public void show(FromWorker.Prediction m) {
        if (m.getMessage() != null) {
            state.prediction = "Cannot predict: " + m.getMessage();
            return;
        }
        double[] out = m.getOutputs().copyToJavaArray();
        int label = m.getLabel();
        if (state.imageSide > 0) {
            images.showProbabilities(state, out);
            return;
        }
        if (state.settings.series()) {
            StringBuilder next = new StringBuilder();
            for (int k = 0; k < out.length; k++) next.append(k > 0 ? ", " : "").append(Dom.fixed(out[k], 4));
            state.prediction = "Forecast, the next " + out.length + " values: " + next;
            return;
        }
        if (state.classes.length > 0 && label >= 0) {
            double p = out.length == 1 ? (label == 1 ? out[0] : 1 - out[0]) : out[label];
            state.prediction = "Prediction: " + state.classes[label] + " (probability " + Dom.fixed(p, 3) + ")";
        } else {
            state.prediction = "Prediction: " + Dom.fixed(out[0], 4);
        }
        if (state.planar) {
            state.prediction += " at x\u2081 = " + Dom.fixed(m.getX1(), 2) + ", x\u2082 = " + Dom.fixed(m.getX2(), 2);
        }
    }
}
