package studio.backprop.web.page;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * The backprop explorer: the worker's numbers for one sample (the engine's own forward,
 * backward and weight grad), shown step by step as the seed writes them, with shapes. This
 * view computes nothing: it lays out what it is given.
 */
final class ExplorerView {
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
    int highlight = -1;

    ExplorerView(WorkerClient worker, Runnable onStep) {
        Dom.byTestId("explore").addEventListener("click", e -> {
            int index;
            try {
                index = Integer.parseInt(Html.value(Dom.byTestId("explore-index")).trim()) - 1;
            } catch (NumberFormatException ex) {
                index = 0;
            }
            worker.send(ToWorker.explain(testPart(), index, Double.NaN, Double.NaN));
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
    static boolean testPart() {
        return Html.value(Dom.byTestId("explore-part")).equals("test");
    }

    /** A new explanation from the worker: forward steps, the loss, backward steps, the update. */
    void load(FromWorker.Explanation m) {
        steps.clear();
        if (m.getMessage() != null) {
            data = null;
            highlight = -1;
            count.setTextContent("");
            Html.clear(equation);
            Html.clear(body);
            title.setTextContent(m.getMessage());
            return;
        }
        data = m;
        Html.setValue(Dom.byTestId("explore-index"), Integer.toString(m.getIndex() + 1));
        int L = m.getLayers().getLength();
        for (int l = 1; l <= L; l++) {
            steps.add(new Step(l, "linear"));
            steps.add(new Step(l, "activation"));
        }
        steps.add(new Step(L, "loss"));
        for (int l = L; l >= 1; l--) {
            steps.add(new Step(l, "dA"));
            steps.add(new Step(l, "dZ"));
            steps.add(new Step(l, "dW"));
        }
        steps.add(new Step(L, "update"));
        step = 0;
        show();
        showChecks(m);
    }

    private void show() {
        Step st = steps.get(step);
        FromWorker.ExplainedLayer layer = data.getLayers().get(st.layer - 1);
        int l = st.layer, m = layer.getM(), n = layer.getN();
        String act = layer.getActivation();
        count.setTextContent("step " + (step + 1) + " of " + steps.size());
        Html.clear(equation);
        Html.clear(body);
        highlight = l;
        String sample = (data.isTest() ? "test" : "train") + " sample " + (data.getIndex() + 1);
        switch (st.kind) {
            case "linear":
                title.setTextContent("Forward, layer " + l + ": the linear map (" + sample + ")");
                equation(new String[] {"Z", sup(l), " = (W", sup(l), ")", sup("T"), " A", sup(l - 1), " + W0", sup(l)},
                        n + "\u00d71 = (" + m + "\u00d7" + n + ")\u1d40 \u00b7 " + m + "\u00d71 + " + n + "\u00d71");
                matrix(body, "A" + sup(l - 1), "A_prev", layer.getAPrev(), m, 1);
                matrix(body, "W" + sup(l), "W", layer.getW(), m, n);
                matrix(body, "W0" + sup(l), "W0", layer.getW0(), n, 1);
                matrix(body, "Z" + sup(l), "Z", layer.getZ(), n, 1);
                break;
            case "activation":
                title.setTextContent("Forward, layer " + l + ": the activation " + act);
                equation(new String[] {"A", sup(l), " = f", sup(l), "(Z", sup(l), "),  f = " + act}, n + "\u00d71, elementwise");
                matrix(body, "Z" + sup(l), "Z", layer.getZ(), n, 1);
                matrix(body, "A" + sup(l), "A", layer.getA(), n, 1);
                break;
            case "loss":
                title.setTextContent("The loss (" + lossName(data.getLossKind()) + ")");
                equation(new String[] {"loss = Loss(A", sup(l), ", y) = " + Dom.fixed(data.getLoss(), 6)}, "");
                matrix(body, "A" + sup(l) + " (output)", "A", layer.getA(), n, 1);
                matrix(body, "y (target)", "y", data.getTarget(), n, 1);
                break;
            case "dA":
                title.setTextContent("Backward, layer " + l + ": how the loss depends on A" + sup(l));
                if (layer.getDLdA() == null) {
                    equation(new String[] {"\u2202loss/\u2202Z", sup(l), " = A", sup(l), " \u2212 y"},
                            n + "\u00d71: with this output and loss, dL/dA and the output's Jacobian fold into one step");
                    matrix(body, "\u2202loss/\u2202Z" + sup(l), "dLdZ", layer.getDLdZ(), n, 1);
                } else if (l == steps.get(steps.size() - 1).layer) {
                    equation(new String[] {"\u2202loss/\u2202A", sup(l), " depends on the loss function"}, n + "\u00d71");
                    matrix(body, "\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), n, 1);
                } else {
                    FromWorker.ExplainedLayer next = data.getLayers().get(l);
                    equation(new String[] {"\u2202loss/\u2202A", sup(l), " = W", sup(l + 1), " \u2202loss/\u2202Z", sup(l + 1)},
                            n + "\u00d71 = " + n + "\u00d7" + next.getN() + " \u00b7 " + next.getN() + "\u00d71");
                    matrix(body, "W" + sup(l + 1), "W_next", next.getW(), n, next.getN());
                    matrix(body, "\u2202loss/\u2202Z" + sup(l + 1), "dLdZ_next", next.getDLdZ(), next.getN(), 1);
                    matrix(body, "\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), n, 1);
                }
                break;
            case "dZ":
                title.setTextContent("Backward, layer " + l + ": through the activation");
                equation(new String[] {"\u2202loss/\u2202Z", sup(l), " = f\u2032(Z", sup(l), ") \u2299 \u2202loss/\u2202A", sup(l)},
                        n + "\u00d71: \u2202A/\u2202Z is diagonal, so the product is elementwise");
                matrix(body, "Z" + sup(l), "Z", layer.getZ(), n, 1);
                if (layer.getDLdA() != null) matrix(body, "\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), n, 1);
                matrix(body, "\u2202loss/\u2202Z" + sup(l), "dLdZ", layer.getDLdZ(), n, 1);
                break;
            case "dW":
                title.setTextContent("Backward, layer " + l + ": the weight gradients");
                equation(new String[] {"\u2202loss/\u2202W", sup(l), " = A", sup(l - 1), " (\u2202loss/\u2202Z", sup(l), ")", sup("T"),
                    ",  \u2202loss/\u2202W0", sup(l), " = \u2202loss/\u2202Z", sup(l), ",  \u2202loss/\u2202A", sup(l - 1), " = W", sup(l),
                    " \u2202loss/\u2202Z", sup(l)}, m + "\u00d7" + n + " = " + m + "\u00d71 \u00b7 1\u00d7" + n);
                matrix(body, "A" + sup(l - 1), "A_prev", layer.getAPrev(), m, 1);
                matrix(body, "\u2202loss/\u2202Z" + sup(l), "dLdZ", layer.getDLdZ(), n, 1);
                matrix(body, "\u2202loss/\u2202W" + sup(l), "dLdW", layer.getDLdW(), m, n);
                matrix(body, "\u2202loss/\u2202W0" + sup(l), "dLdW0", layer.getDLdW0(), n, 1);
                matrix(body, "\u2202loss/\u2202A" + sup(l - 1), "dLdA_prev", layer.getDLdAPrev(), m, 1);
                break;
            default:
                title.setTextContent("The SGD update, learning rate \u03b7 = " + Dom.raw(data.getLr()));
                equation(new String[] {"W", sup(l), " \u2190 W", sup(l), " \u2212 \u03b7 \u2202loss/\u2202W", sup(l),
                    "  (and so for every layer; weights are stored as 32-bit floats)"}, m + "\u00d7" + n);
                matrix(body, "W" + sup(l) + " before", "W", layer.getW(), m, n);
                matrix(body, "W" + sup(l) + " after one step on this sample", "W_after", layer.getWAfter(), m, n);
        }
    }

    private static String lossName(String kind) {
        return kind.equals("bce") ? "binary cross-entropy" : kind.equals("ce") ? "softmax cross-entropy" : "mean squared error";
    }

    private static String sup(int l) {
        return sup(Integer.toString(l));
    }

    /** Marks a superscript inside the text pieces given to {@link #equation}. */
    private static String sup(String s) {
        return "^" + s;
    }

    /** Pieces starting with ^ are superscripts; the shape line goes under. */
    private void equation(String[] pieces, String shape) {
        for (String p : pieces) addText(equation, p);
        if (!shape.isEmpty()) {
            HTMLElement sh = Html.el("span", "shapes: " + shape);
            sh.setClassName("shape");
            equation.appendChild(sh);
        }
    }

    private static void addText(HTMLElement into, String p) {
        int at = p.indexOf('^');
        if (at < 0) {
            into.appendChild(Html.el("span", p));
            return;
        }
        if (at > 0) into.appendChild(Html.el("span", p.substring(0, at)));
        String mark = p.substring(at + 1);
        into.appendChild(Html.el("sup", mark.equals("T") ? "T" : "[" + mark + "]"));
    }

    private static final int MAX_ROWS = 12, MAX_COLS = 10;

    /** A heat-coloured matrix, values in the cells (and whole on hover); big ones show a corner. */
    private static void matrix(HTMLElement into, String caption, String id, Float64Array values, int rows, int cols) {
        double[] v = values.copyToJavaArray();
        HTMLElement fig = Html.el("figure");
        fig.setClassName("matrix");
        fig.setAttribute("data-testid", "m-" + id);
        HTMLElement cap = Html.el("figcaption");
        addText(cap, caption.replace("[", "").replace("]", ""));
        cap.appendChild(Html.el("span", "  " + rows + "\u00d7" + cols));
        fig.appendChild(cap);
        double max = 1e-12;
        for (double x : v) max = Math.max(max, Math.abs(x));
        HTMLElement table = Html.el("table");
        for (int r = 0; r < Math.min(rows, MAX_ROWS); r++) {
            HTMLElement tr = Html.el("tr");
            for (int c = 0; c < Math.min(cols, MAX_COLS); c++) {
                double x = v[r * cols + c];
                HTMLElement td = Html.el("td", Dom.fixed(x, Math.abs(x) >= 100 ? 1 : 3));
                td.setAttribute("data-value", Dom.raw(x));
                td.setAttribute("title", Dom.raw(x));
                shade(td, Colors.diverging(x / max));
                tr.appendChild(td);
            }
            table.appendChild(tr);
        }
        fig.appendChild(table);
        if (rows > MAX_ROWS || cols > MAX_COLS) {
            HTMLElement more = Html.el("div", "showing " + Math.min(rows, MAX_ROWS) + " of " + rows + " rows, "
                    + Math.min(cols, MAX_COLS) + " of " + cols + " columns");
            more.setClassName("more");
            fig.appendChild(more);
        }
        into.appendChild(fig);
    }

    /** Background by CSSOM (the content security policy blocks style attributes). */
    @JSBody(params = {"e", "pixel"}, script = "e.style.background = 'rgb(' + (pixel & 255) + ',' + ((pixel >> 8) & 255) + ',' + ((pixel >> 16) & 255) + ')';")
    private static native void shade(HTMLElement e, int pixel);

    private void showChecks(FromWorker.Explanation m) {
        HTMLElement check = Dom.byTestId("grad-check");
        Html.clear(check);
        HTMLElement head = Html.el("tr");
        head.appendChild(Html.el("th", "layer"));
        head.appendChild(Html.el("th", "largest relative error"));
        head.appendChild(Html.el("th", ""));
        check.appendChild(head);
        double[] errors = m.getCheck().copyToJavaArray();
        for (int l = 0; l < errors.length; l++) {
            HTMLElement tr = Html.el("tr");
            tr.appendChild(Html.el("td", Integer.toString(l + 1)));
            HTMLElement err = Html.el("td", expo(errors[l]));
            err.setAttribute("data-value", Dom.raw(errors[l]));
            tr.appendChild(err);
            boolean pass = errors[l] < 1e-5;
            HTMLElement verdict = Html.el("td", pass ? "passes" : "fails");
            verdict.setClassName(pass ? "pass" : "fail");
            tr.appendChild(verdict);
            check.appendChild(tr);
        }
        FromWorker.ExplainedBatch b = m.getBatch();
        HTMLElement view = Dom.byTestId("batch-view");
        Html.clear(view);
        int samples = b.getSamples(), rows = b.getM(), cols = b.getN();
        boolean mean = b.isMean();
        HTMLElement text = Html.el("p", "The last layer's \u2202loss/\u2202W for each of the first " + samples + " training samples, their "
                + (mean ? "mean" : "sum") + ", and the gradient of the same " + samples + " samples as one batch. Largest difference over every weight of every layer: ");
        HTMLElement diff = Html.el("output", expo(b.getMaxDifference()));
        diff.setAttribute("data-testid", "batch-difference");
        diff.setAttribute("data-value", Dom.raw(b.getMaxDifference()));
        text.appendChild(diff);
        view.appendChild(text);
        HTMLElement box = Html.el("div");
        box.setClassName("matrices");
        view.appendChild(box);
        double[] per = b.getPerSample().copyToJavaArray();
        int size = rows * cols;
        for (int s = 0; s < Math.min(samples, 4); s++) {
            matrix(box, "sample " + (s + 1), "per-sample-" + (s + 1), Float64Array.copyFromJavaArray(java.util.Arrays.copyOfRange(per, s * size, (s + 1) * size)), rows, cols);
        }
        matrix(box, mean ? "mean of the samples" : "sum of the samples", "batch-sum", b.getSum(), rows, cols);
        matrix(box, "the batch at once", "batch-gradient", b.getBatch(), rows, cols);
    }

    @JSBody(params = {"v"}, script = "return v.toExponential(2);")
    private static native String expo(double v);
}
