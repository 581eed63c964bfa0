package studio.backprop.web.page.explorer;

import static studio.backprop.web.page.explorer.Equations.sup;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.Explained;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * The backprop explorer: the worker's numbers for one sample (the engine's own forward,
 * backward and weight grad), shown step by step as the seed writes them, with shapes. This
 * view computes nothing: it lays out what it is given.
 */
public final class ExplorerView {
    /** One step: its layer (1-based, 0 for the loss) and what it shows. */
    private static final class Step {
        final int layer;
        final String kind;

        Step(int layer, String kind) {
            this.layer = layer;
            this.kind = kind;
        }
    }

    private final HTMLElement title = Dom.byTestId("explore-title"), equation = Dom.byTestId("explore-equation");
    private final HTMLElement body = Dom.byTestId("explore-body"), count = Dom.byTestId("explore-step-count");
    private final List<Step> steps = new ArrayList<>();
    private FromWorker.Explanation data;
    private int step;
    /** The network column the current step is about, for the drawing (-1: none). */
    public int highlight = -1;

    /** The steps of dense layers, the loss and the update; the others are conv, pool and dropout steps. */
    /** Per-sample gradients the batch view draws at most (it adds up all of its samples). */
    private static final int SHOWN_SAMPLES = 4;

    private static final List<String> DENSE_STEPS = List.of("linear", "activation", "loss", "error", "dA", "dZ", "dW", "update");
    /** Conv, pool and dropout steps; a recurrent layer's through time, a text's one-hot and per-step layers. */
    private final SpatialSteps spatial;
    private final TimeSteps time;
    /** The place and filter conv and pool layers follow; set by a click on a map, which keeps the step. */
    private double focusY = Double.NaN, focusX = Double.NaN;
    private int focusFilter;
    private boolean refocused;

    public ExplorerView(WorkerClient worker, Runnable onStep) {
        spatial = new SpatialSteps(title, equation, body, (filter, fy, fx) -> {
            if (data == null) return;
            if (filter >= 0) focusFilter = filter;
            focusY = fy;
            focusX = fx;
            refocused = true;
            worker.send(ToWorker.explain(data.isTest(), data.getIndex(), Double.NaN, Double.NaN, focusY, focusX, focusFilter));
        });
        time = new TimeSteps(title, equation, body);
        Dom.byTestId("explore").addEventListener("click", e -> {
            int index;
            try {
                index = Integer.parseInt(Html.value(Dom.byTestId("explore-index")).trim()) - 1;
            } catch (NumberFormatException ex) {
                index = 0;
            }
            worker.send(ToWorker.explain(testPart(), index, Double.NaN, Double.NaN, focusY, focusX, focusFilter));
        });
        Dom.byTestId("explore-prev").addEventListener("click", e -> move(-1, onStep));
        Dom.byTestId("explore-next").addEventListener("click", e -> move(1, onStep));
        Dom.byTestId("explorer").addEventListener("keydown", e -> {
            String key = ((KeyboardEvent) e).getKey();
            if (key.equals("ArrowRight")) move(1, onStep);
            else if (key.equals("ArrowLeft")) move(-1, onStep);
        });
    }

    private void move(int by, Runnable onStep) {
        if (steps.isEmpty()) return;
        step = Math.max(0, Math.min(steps.size() - 1, step + by));
        show();
        onStep.run();
    }

    /** Whether the explorer shows the test part (else the training part). */
    public static boolean testPart() {
        return Html.value(Dom.byTestId("explore-part")).equals("test");
    }

    /** A new explanation from the worker: forward steps, the loss, backward steps, the update. */
    public void load(FromWorker.Explanation m) {
        steps.clear();
        if (m.getMessage() != null) {
            data = null;
            highlight = -1;
            count.setTextContent("");
            Html.clear(equation);
            Html.clear(body);
            Equations.setText(title, m.getMessage());
            return;
        }
        data = m;
        Html.setValue(Dom.byTestId("explore-index"), Integer.toString(m.getIndex() + 1));
        int L = m.getLayers().getLength();
        for (int l = 1; l <= L; l++) {
            String kind = m.getLayers().get(l - 1).getKind();
            String[] forward = kind.equals("dense") ? new String[] {"linear", "activation"}
                    : TimeSteps.handles(kind) ? TimeSteps.steps(m.getLayers().get(l - 1), true) : SpatialSteps.steps(kind, true);
            for (String s : forward) steps.add(new Step(l, s));
        }
        steps.add(new Step(L, "loss"));
        for (int l = L; l >= 1; l--) {
            String kind = m.getLayers().get(l - 1).getKind();
            // where the loss hands over dL/dZ (sigmoid + BCE, softmax + CE), the output's error is one step
            boolean handedOver = l == L && m.getLayers().get(l - 1).getDLdA() == null;
            String[] dense = handedOver ? new String[] {"error", "dW"} : new String[] {"dA", "dZ", "dW"};
            String[] back = kind.equals("dense") ? dense : TimeSteps.handles(kind) ? TimeSteps.steps(m.getLayers().get(l - 1), false) : SpatialSteps.steps(kind, false);
            for (String s : back) steps.add(new Step(l, s));
        }
        steps.add(new Step(L, "update"));
        if (!refocused || step >= steps.size()) step = 0;
        refocused = false;
        show();
        showChecks(m);
    }

    private void show() {
        Step st = steps.get(step);
        Explained.Layer layer = data.getLayers().get(st.layer - 1);
        int l = st.layer, m = layer.getM(), n = layer.getN();
        String act = layer.getActivation();
        count.setTextContent("step " + (step + 1) + " of " + steps.size());
        Html.clear(equation);
        Html.clear(body);
        highlight = l;
        String sample = (data.isTest() ? "test" : "train") + " sample " + (data.getIndex() + 1);
        if (TimeSteps.isStep(st.kind)) {
            time.show(st.kind, l, data, sample);
            return;
        }
        if (!DENSE_STEPS.contains(st.kind)) {
            spatial.show(st.kind, l, data, sample);
            return;
        }
        if (layer.getKind().equals("stepdense")) {
            // the loss and the update of a per-step output: a row per step, the weights per step
            m = layer.getInShape()[2];
            n = layer.getOutShape()[2];
        }
        switch (st.kind) {
            case "linear":
                Equations.setText(title, "Forward, layer " + l + ": the linear map (" + sample + ")");
                Equations.equation(equation, new String[] {"Z", sup(l), " = (W", sup(l), ")", sup("T"), " A", sup(l - 1), " + W0", sup(l)},
                        n + "\u00d71 = (" + m + "\u00d7" + n + ")\u1d40 \u00b7 " + m + "\u00d71 + " + n + "\u00d71");
                Equations.matrix(body, "A" + sup(l - 1), "A_prev", layer.getAPrev(), m, 1);
                Equations.matrix(body, "W" + sup(l), "W", layer.getW(), m, n);
                Equations.matrix(body, "W0" + sup(l), "W0", layer.getW0(), n, 1);
                Equations.matrix(body, "Z" + sup(l), "Z", layer.getZ(), n, 1);
                break;
            case "activation":
                Equations.setText(title, "Forward, layer " + l + ": the activation " + act);
                if (act.equals("softmax")) {
                    Equations.equation(equation, new String[] {"A", sup(l), " = softmax(Z", sup(l), "):  A\u1d62 = exp(Z\u1d62) / \u03a3\u2c7c exp(Z\u2c7c)"}, n + "\u00d71: each output depends on every Z, and the outputs add up to 1");
                } else {
                    Equations.equation(equation, new String[] {"A", sup(l), " = f", sup(l), "(Z", sup(l), "),  f = " + act}, n + "\u00d71, elementwise");
                }
                Equations.matrix(body, "Z" + sup(l), "Z", layer.getZ(), n, 1);
                Equations.matrix(body, "A" + sup(l), "A", layer.getA(), n, 1);
                break;
            case "loss":
                Equations.setText(title, "The loss (" + lossName(data.getLossKind()) + ")");
                Equations.equation(equation, new String[] {"loss = Loss(A", sup(l), ", y) = " + Dom.fixed(data.getLoss(), 6)}, "");
                Equations.matrix(body, "A" + sup(l) + " (output)", "A", layer.getA(), layer.getA().getLength() / n, n);
                Equations.matrix(body, data.isTargetScaled() ? "y (target, standardised as the network learns it)" : "y (target)", "y",
                        data.getTarget(), data.getTarget().getLength() == n ? n : data.getTarget().getLength(), 1);
                break;
            case "error":
                Equations.setText(title, "Backward, layer " + l + ": the output's error \u2202loss/\u2202Z" + sup(l) + " (" + lossName(data.getLossKind()) + ")");
                if (act.equals("softmax")) {
                    Equations.equation(equation, new String[] {"\u2202loss/\u2202Z", sup(l), " = (\u2202A/\u2202Z)", sup("T"), " \u2202loss/\u2202A", sup(l), " = A", sup(l), " \u2212 y"},
                            n + "\u00d71: softmax's \u2202A/\u2202Z = diag(A) \u2212 A A\u1d40 is not diagonal (each output depends on every Z);"
                            + " with cross-entropy's \u2202loss/\u2202A = \u2212y / A the product comes out as A \u2212 y");
                } else {
                    Equations.equation(equation, new String[] {"\u2202loss/\u2202Z", sup(l), " = f\u2032(Z", sup(l), ") \u2299 \u2202loss/\u2202A", sup(l), " = A", sup(l), " \u2212 y"},
                            n + "\u00d71: the " + act + "'s f\u2032(Z) = A(1 \u2212 A) cancels the loss's \u2202loss/\u2202A = (A \u2212 y) / (A(1 \u2212 A))");
                }
                Equations.matrix(body, "A" + sup(l), "A", layer.getA(), n, 1);
                Equations.matrix(body, data.isTargetScaled() ? "y (target, standardised)" : "y (target)", "y", data.getTarget(), n, 1);
                Equations.matrix(body, "\u2202loss/\u2202Z" + sup(l) + " = A \u2212 y", "dLdZ", layer.getDLdZ(), n, 1);
                break;
            case "dA":
                Equations.setText(title, "Backward, layer " + l + ": how the loss depends on A" + sup(l));
                if (l == steps.get(steps.size() - 1).layer) {
                    Equations.equation(equation, new String[] {"\u2202loss/\u2202A", sup(l), " = the derivative of the " + lossName(data.getLossKind()) + " at A", sup(l), " and y"},
                            n + "\u00d71");
                    Equations.matrix(body, "A" + sup(l), "A", layer.getA(), n, 1);
                    Equations.matrix(body, data.isTargetScaled() ? "y (target, standardised)" : "y (target)", "y", data.getTarget(), n, 1);
                    Equations.matrix(body, "\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), n, 1);
                } else if (!data.getLayers().get(l).getKind().equals("dense")) {
                    Equations.equation(equation, new String[] {"\u2202loss/\u2202A", sup(l), " comes back from layer " + (l + 1) + "'s backward step"}, n + "\u00d71");
                    Equations.matrix(body, "\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), n, 1);
                } else {
                    Explained.Layer next = data.getLayers().get(l);
                    Equations.equation(equation, new String[] {"\u2202loss/\u2202A", sup(l), " = W", sup(l + 1), " \u2202loss/\u2202Z", sup(l + 1)},
                            n + "\u00d71 = " + n + "\u00d7" + next.getN() + " \u00b7 " + next.getN() + "\u00d71");
                    Equations.matrix(body, "W" + sup(l + 1), "W_next", next.getW(), n, next.getN());
                    Equations.matrix(body, "\u2202loss/\u2202Z" + sup(l + 1), "dLdZ_next", next.getDLdZ(), next.getN(), 1);
                    Equations.matrix(body, "\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), n, 1);
                }
                break;
            case "dZ":
                Equations.setText(title, "Backward, layer " + l + ": through the activation " + act);
                if (layer.getFPrime() == null) {
                    Equations.equation(equation, new String[] {"\u2202loss/\u2202Z", sup(l), " = (\u2202A/\u2202Z)", sup("T"), " \u2202loss/\u2202A", sup(l)},
                            n + "\u00d71 = " + n + "\u00d7" + n + " \u00b7 " + n + "\u00d71");
                } else {
                    Equations.equation(equation, new String[] {"\u2202loss/\u2202Z", sup(l), " = f\u2032(Z", sup(l), ") \u2299 \u2202loss/\u2202A", sup(l)},
                            n + "\u00d71: " + act + " acts on each element alone, so \u2202A/\u2202Z is diagonal (f\u2032(Z) on it) and the product is elementwise");
                }
                Equations.matrix(body, "Z" + sup(l), "Z", layer.getZ(), n, 1);
                if (layer.getFPrime() != null) Equations.matrix(body, "f\u2032(Z" + sup(l) + ")", "fPrime", layer.getFPrime(), n, 1);
                Equations.matrix(body, "\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), n, 1);
                Equations.matrix(body, "\u2202loss/\u2202Z" + sup(l), "dLdZ", layer.getDLdZ(), n, 1);
                break;
            case "dW":
                Equations.setText(title, "Backward, layer " + l + ": the weight gradients");
                Equations.equation(equation, new String[] {"\u2202loss/\u2202W", sup(l), " = A", sup(l - 1), " (\u2202loss/\u2202Z", sup(l), ")", sup("T"),
                    ",  \u2202loss/\u2202W0", sup(l), " = \u2202loss/\u2202Z", sup(l), ",  \u2202loss/\u2202A", sup(l - 1), " = W", sup(l),
                    " \u2202loss/\u2202Z", sup(l)}, m + "\u00d7" + n + " = " + m + "\u00d71 \u00b7 1\u00d7" + n);
                Equations.matrix(body, "A" + sup(l - 1), "A_prev", layer.getAPrev(), m, 1);
                Equations.matrix(body, "\u2202loss/\u2202Z" + sup(l), "dLdZ", layer.getDLdZ(), n, 1);
                Equations.matrix(body, "\u2202loss/\u2202W" + sup(l), "dLdW", layer.getDLdW(), m, n);
                Equations.matrix(body, "\u2202loss/\u2202W0" + sup(l), "dLdW0", layer.getDLdW0(), n, 1);
                Equations.matrix(body, "\u2202loss/\u2202A" + sup(l - 1), "dLdA_prev", layer.getDLdAPrev(), m, 1);
                break;
            default:
                Equations.setText(title, "The SGD update, learning rate \u03b7 = " + Dom.raw(data.getLr()));
                Equations.equation(equation, new String[] {"W", sup(l), " \u2190 W", sup(l), " \u2212 \u03b7 \u2202loss/\u2202W", sup(l),
                    "  (and so for every layer; weights are stored as 32-bit floats)"}, m + "\u00d7" + n);
                Equations.matrix(body, "W" + sup(l) + " before", "W", layer.getW(), m, n);
                Equations.matrix(body, "W" + sup(l) + " after one step on this sample", "W_after", layer.getWAfter(), m, n);
        }
    }

    private static String lossName(String kind) {
        return kind.equals("bce") ? "binary cross-entropy" : kind.equals("ce") ? "softmax cross-entropy"
                : kind.equals("stepce") ? "cross-entropy at every step, nats per character" : "mean squared error";
    }

    private void showChecks(FromWorker.Explanation m) {
        HTMLElement check = Dom.byTestId("grad-check");
        Html.clear(check);
        HTMLElement head = Html.el("tr");
        head.appendChild(Html.el("th", "layer"));
        head.appendChild(Html.el("th", "largest relative error"));
        head.appendChild(Html.el("th", ""));
        check.appendChild(head);
        double[] errors = m.getCheck().copyToJavaArray();
        // the check has one entry per weight matrix, in order: a dense or conv layer's W, a recurrent layer's W and Wh
        List<String> weighted = new ArrayList<>();
        for (int l = 0; l < m.getLayers().getLength(); l++) {
            String kind = m.getLayers().get(l).getKind();
            if (kind.equals("dense") || kind.equals("conv") || kind.equals("stepdense")) weighted.add((l + 1) + (kind.equals("conv") ? " (conv)" : ""));
            if (kind.equals("recurrent")) {
                weighted.add((l + 1) + " (W)");
                weighted.add((l + 1) + " (Wh, through time)");
            }
        }
        for (int l = 0; l < errors.length; l++) {
            HTMLElement tr = Html.el("tr");
            tr.appendChild(Html.el("td", l < weighted.size() ? weighted.get(l) : Integer.toString(l + 1)));
            HTMLElement err = Html.el("td", Equations.expo(errors[l]));
            err.setAttribute("data-value", Dom.raw(errors[l]));
            tr.appendChild(err);
            boolean pass = errors[l] < 1e-5;
            HTMLElement verdict = Html.el("td", pass ? "passes" : "fails");
            verdict.setClassName(pass ? "pass" : "fail");
            tr.appendChild(verdict);
            check.appendChild(tr);
        }
        Explained.Batch b = m.getBatch();
        HTMLElement view = Dom.byTestId("batch-view");
        Html.clear(view);
        int samples = b.getSamples(), rows = b.getM(), cols = b.getN();
        boolean mean = b.isMean();
        // wide matrices (a conv net's dense layer) stack one under another: two of them say as much
        int shown = Math.min(samples, cols > 5 ? 2 : SHOWN_SAMPLES);
        HTMLElement text = Html.el("p", "The last layer's \u2202loss/\u2202W for each of the first " + samples + " training samples"
                + (shown < samples ? " (the first " + shown + " shown)" : "") + ", their "
                + (mean ? "mean" : "sum") + " over all " + samples + ", and the gradient of the same " + samples
                + " samples as one batch. Largest difference over every weight of every layer: ");
        HTMLElement diff = Html.el("output", Equations.expo(b.getMaxDifference()));
        diff.setAttribute("data-testid", "batch-difference");
        diff.setAttribute("data-value", Dom.raw(b.getMaxDifference()));
        text.appendChild(diff);
        view.appendChild(text);
        HTMLElement box = Html.el("div");
        box.setClassName("matrices");
        view.appendChild(box);
        double[] per = b.getPerSample().copyToJavaArray();
        int size = rows * cols;
        for (int s = 0; s < shown; s++) {
            Equations.matrix(box, "sample " + (s + 1), "per-sample-" + (s + 1), Float64Array.copyFromJavaArray(java.util.Arrays.copyOfRange(per, s * size, (s + 1) * size)), rows, cols);
        }
        Equations.matrix(box, mean ? "mean of the samples" : "sum of the samples", "batch-sum", b.getSum(), rows, cols);
        Equations.matrix(box, "the batch at once", "batch-gradient", b.getBatch(), rows, cols);
    }

}
