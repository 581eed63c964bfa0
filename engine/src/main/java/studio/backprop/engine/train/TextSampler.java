package studio.backprop.engine.train;

import studio.backprop.engine.data.Chars;
import studio.backprop.engine.math.Det;
import studio.backprop.engine.math.Mat;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.OneHot;
import studio.backprop.engine.nn.Recurrent;

/**
 * What a text model ({@link Chars}: a softmax over the next character at every step) says: the
 * next character's probabilities after a context, text made up one character at a time, and a
 * hidden unit's value along a text. The network reads at most its window of characters, with no
 * state before them, as it did in training: the context it sees is the last {@code steps}
 * characters. A context starts after a line end when the vocabulary has one (a name is what
 * follows a line end), so that an empty start makes up a text from its beginning.
 */
public final class TextSampler {
    public final String[] vocab;
    /** The network's window: how many characters it reads. */
    public final int steps;
    private final Network net;
    private final int lineEnd;
    private final int[] index = new int[65536];
    private final double[] p;

    public TextSampler(Model model) {
        net = model.network;
        if (net.modules().isEmpty() || !(net.modules().get(0) instanceof OneHot)) throw new IllegalArgumentException("the model does not read text");
        steps = ((OneHot) net.modules().get(0)).steps;
        vocab = model.classes;
        int unknown = 0, end = -1;
        for (int s = 0; s < vocab.length; s++) {
            if (vocab[s].equals(Chars.UNKNOWN)) unknown = s;
            else if (vocab[s].equals("\n")) end = s;
        }
        lineEnd = end;
        java.util.Arrays.fill(index, unknown);
        for (int s = 0; s < vocab.length; s++) if (!vocab[s].equals(Chars.UNKNOWN)) index[vocab[s].charAt(0)] = s;
        p = new double[vocab.length];
    }

    /** The context's symbols: a line end first (when the vocabulary has one), then its characters. */
    private int[] codes(String context) {
        int start = lineEnd >= 0 ? 1 : 0;
        int[] c = new int[start + context.length()];
        if (start == 1) c[0] = lineEnd;
        for (int i = 0; i < context.length(); i++) c[start + i] = index[context.charAt(i)];
        return c;
    }

    /** The logits of the symbol after codes[0 .. n): the network over the last steps of them, read at the last one. */
    private double[] logits(int[] codes, int n) {
        int from = Math.max(0, n - steps), k = n - from;
        Mat in = net.input(1);
        double[] row = in.row[0];
        for (int t = 0; t < steps; t++) row[t] = t < k ? codes[from + t] : 0;
        net.forward();
        Mat z = net.activation(net.modules().size() - 1);
        double[] out = new double[vocab.length];
        System.arraycopy(z.row[0], (k - 1) * vocab.length, out, 0, vocab.length);
        return out;
    }

    /** The next character's probabilities after the context, one per vocabulary symbol. */
    public double[] next(String context) {
        int[] c = codes(context);
        return probabilities(logits(c, c.length), 1.0);
    }

    /** softmax(z / temperature); a temperature near 0 puts all on the most likely symbol. */
    private double[] probabilities(double[] z, double temperature) {
        int best = 0;
        for (int j = 1; j < z.length; j++) if (z[j] > z[best]) best = j;
        double[] q = new double[z.length];
        if (temperature < 1e-3) {
            q[best] = 1;
            return q;
        }
        double sum = 0;
        for (int j = 0; j < z.length; j++) sum += q[j] = Det.exp((z[j] - z[best]) / temperature);
        for (int j = 0; j < z.length; j++) q[j] /= sum;
        return q;
    }

    /**
     * Text made up after {@code start}: characters drawn one by one from the next character's
     * probabilities at this temperature (1: as the model has them; lower: safer; higher: wilder),
     * with this generator, until maxChars characters or maxLines line ends. The start is not repeated
     * in the result.
     */
    public String sample(String start, int maxChars, int maxLines, double temperature, Rng rng) {
        if (!(temperature >= 0 && temperature <= 10)) throw new IllegalArgumentException("temperature must be 0 to 10");
        int[] c = codes(start);
        int[] all = java.util.Arrays.copyOf(c, c.length + maxChars);
        int n = c.length, lines = 0;
        StringBuilder out = new StringBuilder();
        while (n - c.length < maxChars && lines < maxLines) {
            double[] q = probabilities(logits(all, n), temperature);
            double r = rng.nextDouble(), cumulative = 0;
            int s = q.length - 1;
            for (int j = 0; j < q.length; j++) {
                cumulative += q[j];
                if (r < cumulative) {
                    s = j;
                    break;
                }
            }
            all[n++] = s;
            out.append(vocab[s]);
            if (s == lineEnd) lines++;
        }
        return out.toString();
    }

    /** The network's recurrent modules (their indices in its modules), first to last. */
    public int[] recurrentModules() {
        int n = 0;
        for (Module m : net.modules()) if (m instanceof Recurrent) n++;
        int[] r = new int[n];
        n = 0;
        for (int l = 0; l < net.modules().size(); l++) if (net.modules().get(l) instanceof Recurrent) r[n++] = l;
        return r;
    }

    /**
     * The value of hidden unit {@code unit} of module {@code module} (a recurrent one) after
     * each character of the text, read as training reads it: window after window from its start.
     */
    public double[] unitValues(String text, int module, int unit) {
        Recurrent r = (Recurrent) net.modules().get(module);
        if (unit < 0 || unit >= r.hidden) throw new IllegalArgumentException("the layer has units 0 to " + (r.hidden - 1));
        int[] c = codes(text);
        double[] v = new double[text.length()];
        for (int from = 0; from < c.length; from += steps) {
            Mat in = net.input(1);
            for (int t = 0; t < steps; t++) in.row[0][t] = from + t < c.length ? c[from + t] : 0;
            net.forward();
            double[] h = net.activation(module + 1).row[0];
            for (int t = 0; t < steps && from + t < c.length; t++) if (from + t >= c.length - text.length()) v[from + t - (c.length - text.length())] = h[t * r.hidden + unit];
        }
        return v;
    }
}
