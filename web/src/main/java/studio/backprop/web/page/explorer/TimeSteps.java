package studio.backprop.web.page.explorer;

import static studio.backprop.web.page.explorer.Equations.sub;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.protocol.Explained;
import studio.backprop.web.protocol.FromWorker;

/**
 * The explorer's steps through time: a recurrent layer unrolled, its first and last steps forward
 * (each step's gates and state from x_t and h_{t-1}), back through time from the last step
 * (dL/dh_t: what the step's own output sends plus what step t + 1 sends back; dL/da_t), and
 * dL/dW as the sum over the steps; a text's characters one-hot, and the same dense layer at
 * every step. Every number is the engine's own; like the rest of the explorer, it lays them out.
 */
final class TimeSteps {
    static final String ONE_HOT = "onehot", STEP_LINEAR = "step-linear", STEP_ACT = "step-act", STEP_DZ = "step-dZ",
            STEP_DW = "step-dW", FORWARD = "rec-fwd-", BACK = "rec-back-", REC_DW = "rec-dW";
    /** Steps shown at each end of a longer window (all of a short one). */
    private static final int ENDS = 2;

    private final HTMLElement title, equation, body;

    TimeSteps(HTMLElement title, HTMLElement equation, HTMLElement body) {
        this.title = title;
        this.equation = equation;
        this.body = body;
    }

    static boolean handles(String kind) {
        return kind.equals("onehot") || kind.equals("recurrent") || kind.equals("stepdense");
    }

    static boolean isStep(String step) {
        return step.equals(ONE_HOT) || step.startsWith("step-") || step.startsWith("rec-");
    }

    /** The steps of a layer of these kinds, forward or back (a recurrent layer: per shown step t, 0-based). */
    static String[] steps(Explained.Layer layer, boolean forward) {
        switch (layer.getKind()) {
            case "onehot": return forward ? new String[] {ONE_HOT} : new String[0];
            case "stepdense": return forward ? new String[] {STEP_LINEAR, STEP_ACT} : new String[] {STEP_DZ, STEP_DW};
            default:
                int T = layer.getTime().getSteps();
                List<String> out = new ArrayList<>();
                for (int t : shown(T, forward)) out.add((forward ? FORWARD : BACK) + t);
                if (!forward) out.add(REC_DW);
                return out.toArray(new String[0]);
        }
    }

    /** The first and last ENDS steps (all of a short window), in time order forward and from the end back. */
    private static int[] shown(int T, boolean forward) {
        List<Integer> ts = new ArrayList<>();
        for (int t = 0; t < T; t++) if (t < ENDS || t >= T - ENDS) ts.add(t);
        int[] out = new int[ts.size()];
        for (int k = 0; k < out.length; k++) out[k] = ts.get(forward ? k : out.length - 1 - k);
        return out;
    }

    void show(String step, int l, FromWorker.Explanation data, String sample) {
        Explained.Layer layer = data.getLayers().get(l - 1);
        int[] in = layer.getInShape(), out = layer.getOutShape();
        int T = in[1];
        if (step.equals(ONE_HOT)) {
            Equations.setText(title, "Forward, layer " + l + ": the characters, one-hot (" + sample + ")");
            Equations.equation(equation, new String[] {"A" + Equations.sup(l) + sub("t") + " = onehot(x" + sub("t") + "): a 1 at the character's index, at each of the "
                + T + " steps"}, T + "\u00d7" + out[2]);
            Equations.matrix(body, "x (the characters' indices)", "A_prev", layer.getAPrev(), T, 1);
            Equations.matrix(body, "A" + Equations.sup(l) + " (a row per step)", "A", layer.getA(), T, out[2]);
            return;
        }
        if (step.startsWith("step-")) {
            stepDense(step, l, layer, data, T, in[2], out[2]);
            return;
        }
        Explained.Time tr = layer.getTime();
        String cell = tr.getCell().toUpperCase();
        if (step.equals(REC_DW)) {
            int G = tr.getGates() * tr.getHidden();
            Equations.setText(title, "Backward, layer " + l + " (" + cell + "): the weight gradients, summed over the " + tr.getSteps() + " steps");
            Equations.equation(equation, new String[] {"\u2202loss/\u2202W = \u03a3" + sub("t") + " x" + sub("t") + " (\u2202loss/\u2202a" + sub("t") + ")" + Equations.sup("T")
                + ",  \u2202loss/\u2202Wh = \u03a3" + sub("t") + " h" + sub("t\u22121") + " (\u2202loss/\u2202a" + sub("t") + ")" + Equations.sup("T")
                + (tr.getCell().equals("gru") ? " (the candidate's columns: r \u2299 h" + sub("t\u22121") + ")" : "")
                + ",  \u2202loss/\u2202W0 = \u03a3" + sub("t") + " \u2202loss/\u2202a" + sub("t")},
                "the same weights at every step, so each step's share adds up: " + tr.getInputs() + "\u00d7" + G + ", " + tr.getHidden() + "\u00d7" + G);
            Equations.matrix(body, "\u2202loss/\u2202W", "dLdW", tr.getDLdW(), tr.getInputs(), G);
            Equations.matrix(body, "\u2202loss/\u2202Wh", "dLdWh", tr.getDLdWh(), tr.getHidden(), G);
            Equations.matrix(body, "\u2202loss/\u2202W0", "dLdW0", tr.getDLdW0(), 1, G);
            return;
        }
        boolean forward = step.startsWith(FORWARD);
        int t = Integer.parseInt(step.substring(forward ? FORWARD.length() : BACK.length()));
        if (forward) recurrentForward(l, tr, t, cell, sample);
        else recurrentBack(l, tr, t, cell);
    }

    private void recurrentForward(int l, Explained.Time tr, int t, String cell, String sample) {
        int H = tr.getHidden(), D = tr.getInputs(), G = tr.getGates(), T = tr.getSteps();
        String[] gates = tr.getGateNames(), states = tr.getStateNames();
        Equations.setText(title, "Forward, layer " + l + " (" + cell + "), step " + (t + 1) + " of " + T + " (" + sample + ")");
        String a = "a" + sub("t") + " = W" + Equations.sup("T") + " x" + sub("t") + " + Wh" + Equations.sup("T") + " h" + sub("t\u22121") + " + W0";
        String[] eq;
        switch (tr.getCell()) {
            case "rnn": eq = new String[] {a + ",  h" + sub("t") + " = tanh(a" + sub("t") + ")"}; break;
            case "gru": eq = new String[] {a + " for z and r, with r \u2299 (Wh" + sub("n") + Equations.sup("T") + " h" + sub("t\u22121") + ") for n;  z, r = \u03c3(a), n = tanh(a" + sub("n")
                + "),  h" + sub("t") + " = (1 \u2212 z) \u2299 n + z \u2299 h" + sub("t\u22121")}; break;
            default: eq = new String[] {a + ";  i, f, o = \u03c3(a), g = tanh(a),  c" + sub("t") + " = f \u2299 c" + sub("t\u22121") + " + i \u2299 g,  h" + sub("t") + " = o \u2299 tanh(c" + sub("t") + ")"};
        }
        Equations.equation(equation, eq, "x" + sub("t") + " " + D + "\u00d71, h " + H + "\u00d71, a" + sub("t") + " " + G + "\u00d7" + H + " (a row per gate: " + String.join(", ", gates) + ")");
        Equations.matrix(body, "x" + sub("t"), "x_t", slice(tr.getX(), t * D, D), D, 1);
        Equations.matrix(body, "h" + sub("t\u22121") + (t == 0 ? " (h" + sub("0") + " = 0)" : ""), "h_prev", slice(tr.getH(), t * H, H), H, 1);
        Equations.matrix(body, "a" + sub("t") + " (rows: " + String.join(", ", gates) + ")", "a_t", slice(tr.getA(), t * G * H, G * H), G, H);
        if (states.length > 0) {
            Equations.matrix(body, "the cell (rows: " + String.join(", ", states) + ")", "cell_t", slice(tr.getState(), t * states.length * H, states.length * H), states.length, H);
        }
        Equations.matrix(body, "h" + sub("t"), "h_t", slice(tr.getH(), (t + 1) * H, H), H, 1);
    }

    private void recurrentBack(int l, Explained.Time tr, int t, String cell) {
        int H = tr.getHidden(), G = tr.getGates(), T = tr.getSteps();
        Equations.setText(title, "Backward through time, layer " + l + " (" + cell + "), step " + (t + 1) + " of " + T);
        double[] own = slice(tr.getDLdhOwn(), t * H, H), all = slice(tr.getDLdh(), t * H, H), later = new double[H];
        for (int j = 0; j < H; j++) later[j] = all[j] - own[j];
        String from = tr.getCell().equals("rnn") ? "Wh \u2202loss/\u2202a" + sub("t+1") : "Wh \u2202loss/\u2202a" + sub("t+1") + " (and through the gates)";
        String through = tr.getCell().equals("rnn") ? "\u2202loss/\u2202a" + sub("t") + " = \u2202loss/\u2202h" + sub("t") + " \u2299 (1 \u2212 h" + sub("t") + Equations.sup("2") + ")"
                : tr.getCell().equals("lstm") ? "\u2202loss/\u2202a" + sub("t") + " through o, tanh(c" + sub("t") + ") and c" + sub("t") + " = f \u2299 c" + sub("t\u22121") + " + i \u2299 g (\u2202loss/\u2202c goes back through f)"
                : "\u2202loss/\u2202a" + sub("t") + " through h" + sub("t") + " = (1 \u2212 z) \u2299 n + z \u2299 h" + sub("t\u22121");
        Equations.equation(equation, new String[] {"\u2202loss/\u2202h" + sub("t") + " = (from step " + (t + 1) + "'s own output) + " + (t == T - 1 ? "0 (the last step: nothing comes back)" : from)
            + ";  " + through}, H + "\u00d71, " + G + "\u00d7" + H);
        Equations.matrix(body, "from the step's output" + (tr.isSequences() || t == T - 1 ? "" : " (none: only the last step's state goes on)"), "dLdh_own", own, H, 1);
        Equations.matrix(body, "from step " + (t + 2) + (t == T - 1 ? " (none)" : ""), "dLdh_later", later, H, 1);
        Equations.matrix(body, "\u2202loss/\u2202h" + sub("t"), "dLdh_t", all, H, 1);
        Equations.matrix(body, "\u2202loss/\u2202a" + sub("t") + " (rows: " + String.join(", ", tr.getGateNames()) + ")", "dLda_t", slice(tr.getDLda(), t * G * H, G * H), G, H);
    }

    /** The same dense layer at every step: Z_t = W^T A_t + W0 (m and n per step). */
    private void stepDense(String step, int l, Explained.Layer layer, FromWorker.Explanation data, int T, int m, int n) {
        String act = layer.getActivation();
        boolean last = l == data.getLayers().getLength();
        switch (step) {
            case STEP_LINEAR:
                Equations.setText(title, "Forward, layer " + l + ": the same linear map at every step");
                Equations.equation(equation, new String[] {"Z" + sub("t") + " = W" + Equations.sup("T") + " A" + sub("t") + " + W0, for t = 1 \u2026 " + T}, T + "\u00d7" + n + " (a row per step), W " + m + "\u00d7" + n);
                Equations.matrix(body, "A" + Equations.sup(l - 1) + " (a row per step)", "A_prev", layer.getAPrev(), T, m);
                Equations.matrix(body, "W" + Equations.sup(l), "W", layer.getW(), m, n);
                Equations.matrix(body, "W0" + Equations.sup(l), "W0", layer.getW0(), n, 1);
                Equations.matrix(body, "Z" + Equations.sup(l), "Z", layer.getZ(), T, n);
                break;
            case STEP_ACT:
                Equations.setText(title, "Forward, layer " + l + ": " + (act.equals("stepsoftmax") ? "a softmax at every step: the next character's probabilities" : "the activation " + act));
                Equations.equation(equation, new String[] {act.equals("stepsoftmax") ? "A" + sub("t") + " = softmax(Z" + sub("t") + ")" : "A = " + act + "(Z), elementwise"}, T + "\u00d7" + n);
                Equations.matrix(body, "Z" + Equations.sup(l), "Z", layer.getZ(), T, n);
                Equations.matrix(body, "A" + Equations.sup(l), "A", layer.getA(), T, n);
                break;
            case STEP_DZ:
                Equations.setText(title, "Backward, layer " + l + ": " + (last ? "the output's error at every step" : "through the activation " + act));
                Equations.equation(equation, new String[] {last ? "\u2202loss/\u2202Z" + sub("t") + " = (A" + sub("t") + " \u2212 onehot(y" + sub("t") + ")) / " + T
                    + ": the loss is the mean over the steps of \u2212log A" + sub("t") + "[y" + sub("t") + "]" : "\u2202loss/\u2202Z = f\u2032(Z) \u2299 \u2202loss/\u2202A"}, T + "\u00d7" + n);
                Equations.matrix(body, "A" + Equations.sup(l), "A", layer.getA(), T, n);
                if (last) Equations.matrix(body, "y (the next characters' indices)", "y", data.getTarget(), data.getTarget().getLength(), 1);
                Equations.matrix(body, "\u2202loss/\u2202Z" + Equations.sup(l), "dLdZ", layer.getDLdZ(), T, n);
                break;
            default:
                Equations.setText(title, "Backward, layer " + l + ": the weight gradients, summed over the steps");
                Equations.equation(equation, new String[] {"\u2202loss/\u2202W = \u03a3" + sub("t") + " A" + sub("t") + " (\u2202loss/\u2202Z" + sub("t") + ")" + Equations.sup("T")
                    + ",  \u2202loss/\u2202W0 = \u03a3" + sub("t") + " \u2202loss/\u2202Z" + sub("t") + ",  \u2202loss/\u2202A" + sub("t") + " = W \u2202loss/\u2202Z" + sub("t")}, m + "\u00d7" + n);
                Equations.matrix(body, "\u2202loss/\u2202W" + Equations.sup(l), "dLdW", layer.getDLdW(), m, n);
                Equations.matrix(body, "\u2202loss/\u2202W0" + Equations.sup(l), "dLdW0", layer.getDLdW0(), n, 1);
                Equations.matrix(body, "\u2202loss/\u2202A" + Equations.sup(l - 1) + " (a row per step)", "dLdA_prev", layer.getDLdAPrev(), T, m);
        }
    }

    private static double[] slice(Float64Array a, int from, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = a.get(from + i);
        return out;
    }
}
