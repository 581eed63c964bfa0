package studio.backprop.web.page.explorer;

import static studio.backprop.web.page.explorer.Equations.sup;

import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.Explained;
import studio.backprop.web.protocol.FromWorker;

/**
 * The explorer's steps for conv, pool and dropout layers: the maps as images with the place
 * being followed outlined (click a map to follow another place or filter), and at that place
 * the seed's equations with the engine's numbers. Like the rest of the explorer, it lays out
 * what the worker computed.
 */
public final class SpatialSteps {
    /** Conv forward, conv activation, and the backward steps; pool and dropout forward and backward. */
    static final String CONV = "conv", CONV_ACT = "conv-act", CONV_DA = "conv-dA", CONV_DZ = "conv-dZ", CONV_DW = "conv-dW",
            CONV_SCATTER = "conv-scatter", POOL = "pool", POOL_BACK = "pool-back", DROPOUT = "dropout", DROPOUT_BACK = "dropout-back";

    private final HTMLElement title, equation, body;
    private final MapFigure.Pick onPick;

    SpatialSteps(HTMLElement title, HTMLElement equation, HTMLElement body, MapFigure.Pick onPick) {
        this.title = title;
        this.equation = equation;
        this.body = body;
        this.onPick = onPick;
    }

    /** Steps of a layer of this kind going forward (backward: false). */
    static String[] steps(String kind, boolean forward) {
        switch (kind) {
            case "conv": return forward ? new String[] {CONV, CONV_ACT} : new String[] {CONV_DA, CONV_DZ, CONV_DW, CONV_SCATTER};
            case "pool": return new String[] {forward ? POOL : POOL_BACK};
            default: return new String[] {forward ? DROPOUT : DROPOUT_BACK};
        }
    }

    void show(String step, int l, FromWorker.Explanation data, String sample) {
        Explained.Layer layer = data.getLayers().get(l - 1);
        Explained.Focus f = layer.getFocus();
        int[] in = layer.getInShape(), out = layer.getOutShape();
        String place = f == null ? "" : "[" + (f.getFilter() + 1) + ", " + (f.getY() + 1) + ", " + (f.getX() + 1) + "]";
        String shapeIn = shape(in), shapeOut = shape(out);
        // the place followed, for tests and scripts: filter (or channel), row, column, from 0
        equation.setAttribute("data-place", f == null ? "" : f.getFilter() + "," + f.getY() + "," + f.getX());
        switch (step) {
            case CONV: {
                int K = f.getSize(), C = in[0], taps = C * K * K;
                Equations.setText(title, "Forward, layer " + l + ": convolution at one place (" + sample + ")");
                eq(new String[] {"Z", sup(l), place + " = (W", sup(l), "[:, " + (f.getFilter() + 1) + "])", sup("T"), " A", sup(l - 1),
                    "[window] + W0", sup(l), "[" + (f.getFilter() + 1) + "]"},
                        "1 = (" + taps + ")\u1d40 \u00b7 " + taps + " + 1: a " + K + "\u00d7" + K + " window over " + C + " channel"
                        + (C == 1 ? "" : "s") + "; every place shares the same W" + " (" + taps + "\u00d7" + out[0] + "); Z is " + shapeOut);
                map("A" + sup(l - 1) + " with the window", "A_prev", layer.getAPrev(), in, window(-1, f), false);
                Equations.matrix(body, "the window of A" + sup(l - 1) + " (channel by channel)", "field", f.getField().copyToJavaArray(), C * K, K, -1);
                Equations.matrix(body, "W" + sup(l) + " of filter " + (f.getFilter() + 1), "kernel", f.getKernel().copyToJavaArray(), C * K, K, -1);
                Equations.matrix(body, "their products", "products", f.getProducts().copyToJavaArray(), C * K, K, -1);
                HTMLElement sums = column();
                Equations.figure(sums, "sum of the products + W0 = ", "dot", f.getSum(), "");
                Equations.figure(sums, "Z" + sup(l) + place + " in the engine = ", "z-at", f.getZ(), " (it adds in another order)");
                map("Z" + sup(l) + " (one map per filter)", "Z", layer.getZ(), out, new double[] {f.getFilter(), f.getY(), f.getX(), 1, 1}, true);
                break;
            }
            case CONV_ACT:
                Equations.setText(title, "Forward, layer " + l + ": the activation " + layer.getActivation());
                eq(new String[] {"A", sup(l), " = f", sup(l), "(Z", sup(l), "),  f = " + layer.getActivation()}, shapeOut + ", elementwise");
                map("Z" + sup(l), "Z", layer.getZ(), out, at(f), true);
                map("A" + sup(l), "A", layer.getA(), out, at(f), true);
                break;
            case CONV_DA:
                Equations.setText(title, "Backward, layer " + l + ": how the loss depends on A" + sup(l));
                eq(new String[] {"\u2202loss/\u2202A", sup(l), " comes back from layer " + (l + 1) + ": " + from(data, l)}, shapeOut);
                map("\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), out, at(f), true);
                break;
            case CONV_DZ:
                Equations.setText(title, "Backward, layer " + l + ": through the activation");
                eq(new String[] {"\u2202loss/\u2202Z", sup(l), " = f\u2032(Z", sup(l), ") \u2299 \u2202loss/\u2202A", sup(l)}, shapeOut + ", elementwise");
                map("\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), out, at(f), true);
                map("\u2202loss/\u2202Z" + sup(l), "dLdZ", layer.getDLdZ(), out, at(f), true);
                break;
            case CONV_DW: {
                int K = f.getSize(), C = in[0], n = f.getFilter() + 1;
                Equations.setText(title, "Backward, layer " + l + ": the weight gradients, a sum over every place");
                eq(new String[] {"\u2202loss/\u2202W", sup(l), "[:, " + n + "] = \u03a3", Equations.sub("p"), " A", sup(l - 1), "[window p] \u2202loss/\u2202Z",
                    sup(l), "[" + n + ", p],  \u2202loss/\u2202W0", sup(l), "[" + n + "] = \u03a3", Equations.sub("p"), " \u2202loss/\u2202Z", sup(l), "[" + n + ", p]"},
                        f.getPositions() + " places p, each adding its window (" + C * K * K + ") times one number");
                map("\u2202loss/\u2202Z" + sup(l) + ": every place of map " + n + " adds in", "dLdZ", layer.getDLdZ(), out,
                        new double[] {f.getFilter(), 0, 0, out[1], out[2]}, true);
                Equations.matrix(body, "\u2202loss/\u2202W" + sup(l) + " of filter " + n + " (the engine)", "dLdW", f.getDLdW().copyToJavaArray(), C * K, K, -1);
                Equations.matrix(body, "the sum over places, added up here", "dLdW_sum", f.getDLdWSum().copyToJavaArray(), C * K, K, -1);
                HTMLElement sums = column();
                Equations.figure(sums, "\u2202loss/\u2202W0" + sup(l) + "[" + n + "] in the engine = ", "dLdW0-at", f.getDLdW0(), "");
                Equations.figure(sums, "the sum of map " + n + " = ", "dLdW0-sum", f.getDLdW0Sum(), "");
                break;
            }
            case CONV_SCATTER: {
                String pixel = "[" + (f.getChannel() + 1) + ", " + (f.getInY() + 1) + ", " + (f.getInX() + 1) + "]";
                Equations.setText(title, "Backward, layer " + l + ": \u2202loss/\u2202A" + sup(l - 1) + " gathers from every window that holds the value");
                eq(new String[] {"\u2202loss/\u2202A", sup(l - 1), pixel + " = \u03a3", Equations.sub("f, p"), " W", sup(l), "[tap, f] \u2202loss/\u2202Z", sup(l),
                    "[f, p] over the places p whose window holds it"}, shapeIn + (l == 1 ? ": at layer 1 this is the gradient of the loss for each input pixel" : ""));
                int h = f.getReachBottom() - f.getReachTop() + 1, w = f.getReachRight() - f.getReachLeft() + 1;
                map("\u2202loss/\u2202Z" + sup(l) + ": the places whose window holds it", "dLdZ", layer.getDLdZ(), out,
                        new double[] {-1, f.getReachTop(), f.getReachLeft(), h, w}, true);
                HTMLElement sums = column();
                Equations.figure(sums, f.getTerms() + " terms W \u00b7 \u2202loss/\u2202Z, their sum = ", "scatter-sum", f.getScatterSum(), "");
                Equations.figure(sums, "\u2202loss/\u2202A" + sup(l - 1) + pixel + " in the engine = ", "scatter-at", f.getDLdAPrev(), "");
                map("\u2202loss/\u2202A" + sup(l - 1), "dLdA_prev", layer.getDLdAPrev(), in, new double[] {f.getChannel(), f.getInY(), f.getInX(), 1, 1}, false);
                break;
            }
            case POOL: {
                int K = f.getSize();
                Equations.setText(title, "Forward, layer " + l + ": max pool, each " + K + "\u00d7" + K + " window's largest value (" + sample + ")");
                eq(new String[] {"A", sup(l), place + " = max of A", sup(l - 1), "[" + (f.getFilter() + 1) + "] over the window"},
                        shapeIn + " \u2192 " + shapeOut + ": windows of " + K + "\u00d7" + K + ", stride " + K + ", no weights");
                map("A" + sup(l - 1) + " with the window", "A_prev", layer.getAPrev(), in, window(f.getFilter(), f), false);
                Equations.matrix(body, "the window (its largest outlined)", "window", f.getWindow().copyToJavaArray(), K, K, f.getArgmax());
                map("A" + sup(l), "A", layer.getA(), out, at(f), true);
                break;
            }
            case POOL_BACK: {
                int K = f.getSize();
                Equations.setText(title, "Backward, layer " + l + ": max pool routes \u2202loss/\u2202A" + sup(l) + " to each window's largest value");
                eq(new String[] {"\u2202loss/\u2202A", sup(l - 1), "[window] = \u2202loss/\u2202A", sup(l), place + " at the argmax, 0 elsewhere"},
                        shapeOut + " \u2192 " + shapeIn + ": only the value that won the max moved the output");
                map("\u2202loss/\u2202A" + sup(l), "dLdA", layer.getDLdA(), out, at(f), true);
                Equations.figure(column(), "\u2202loss/\u2202A" + sup(l) + place + " = ", "dLdOut", f.getDLdOut(), "");
                Equations.matrix(body, "\u2202loss/\u2202A" + sup(l - 1) + " over the window", "dLdWindow", f.getDLdWindow().copyToJavaArray(), K, K, f.getArgmax());
                map("\u2202loss/\u2202A" + sup(l - 1), "dLdA_prev", layer.getDLdAPrev(), in, window(f.getFilter(), f), false);
                break;
            }
            case DROPOUT:
                Equations.setText(title, "Forward, layer " + l + ": dropout, rate " + Dom.raw(layer.getRate()));
                eq(new String[] {"A", sup(l), " = A", sup(l - 1), " when the network predicts; in training each value is kept with probability 1 \u2212 p and scaled by 1/(1 \u2212 p), else 0"},
                        shapeOut + "; the mask comes from the run's seed, so a run is reproducible");
                values("A" + sup(l), "A", layer.getA(), out);
                break;
            default:
                Equations.setText(title, "Backward, layer " + l + ": dropout passes the gradient back");
                eq(new String[] {"\u2202loss/\u2202A", sup(l - 1), " = \u2202loss/\u2202A", sup(l), " (in training: times the same mask and scale)"}, shapeOut);
                values("\u2202loss/\u2202A" + sup(l - 1), "dLdA_prev", layer.getDLdAPrev(), in);
        }
    }

    /** How dL/dA^l is made by the layer after it. */
    private static String from(FromWorker.Explanation data, int l) {
        String next = data.getLayers().get(l).getKind();
        switch (next) {
            case "dense": return "W" + sup(l + 1) + " \u2202loss/\u2202Z" + sup(l + 1) + ", the flat vector laid back out as maps";
            case "pool": return "its max pool hands each value to its window's largest";
            case "conv": return "each value gathers from the windows that hold it";
            default: return "its dropout passes it through";
        }
    }

    private void eq(String[] pieces, String shape) {
        Equations.equation(equation, pieces, shape);
    }

    private HTMLElement column() {
        HTMLElement c = Html.el("div");
        c.setClassName("sums");
        body.appendChild(c);
        return c;
    }

    private void map(String caption, String id, Float64Array values, int[] shape, double[] outline, boolean filters) {
        MapFigure.add(body, caption, id, values.copyToJavaArray(), shape, outline,
                (tile, fy, fx) -> onPick.pick(filters ? tile : -1, fy, fx));
    }

    /** Maps for spatial shapes, a column of numbers for flat ones (dropout after a dense layer). */
    private void values(String caption, String id, Float64Array values, int[] shape) {
        if (shape[1] > 1 || shape[2] > 1 && shape[0] > 1) map(caption, id, values, shape, new double[0], false);
        else Equations.matrix(body, caption, id, values, shape[2], 1);
    }

    private static double[] at(Explained.Focus f) {
        return new double[] {f.getFilter(), f.getY(), f.getX(), 1, 1};
    }

    private static double[] window(int tile, Explained.Focus f) {
        return new double[] {tile, f.getTop(), f.getLeft(), f.getSize(), f.getSize()};
    }

    static String shape(int[] s) {
        return s[1] == 1 && s[0] == 1 ? Integer.toString(s[2]) : s[1] + "\u00d7" + s[2] + "\u00d7" + s[0];
    }
}
