package studio.backprop.web.worker.run;

import studio.backprop.engine.math.Rng;
import studio.backprop.engine.nn.Recurrent;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.TextSampler;
import studio.backprop.web.Js;
import studio.backprop.web.protocol.TextMessages;

/**
 * A text run's made-up text (see {@link TextMessages}): what the model makes up now for the
 * page's view, posted when the view changes and after the run's snapshots, at most every
 * {@link #EVERY_MS} while it trains (each costs a forward pass of the window per character).
 */
public final class TextSamples {
    static final double EVERY_MS = 1200;
    /** Made-up characters and lines per sample: a few names, or a few lines of a text. */
    static final int CHARS = 240, LINES = 6;

    private final TextSampler sampler;
    private final double floor;
    /** The first recurrent layer (its index in the network's modules, -1 for none) and its units. */
    private final int layer, units;
    private String start = "";
    private double temperature = 0.8;
    private int seed = 1, unit = -1;
    private double last = Double.NEGATIVE_INFINITY;

    public TextSamples(Experiment ex) {
        sampler = new TextSampler(ex.model);
        floor = ex.bigramLoss();
        int[] recurrent = sampler.recurrentModules();
        layer = recurrent.length > 0 ? recurrent[0] : -1;
        units = layer >= 0 ? ((Recurrent) ex.model.network.modules().get(layer)).hidden : 0;
    }

    /** The page's new view: a sample for it at once. */
    public void view(TextMessages.View m) {
        start = m.getStart() == null ? "" : m.getStart();
        if (start.length() > 200) start = start.substring(start.length() - 200);
        temperature = Math.max(0, Math.min(2, m.getTemperature()));
        seed = m.getSeed();
        unit = m.getUnit();
        post();
    }

    /** After a snapshot: a fresh sample, unless one went out less than EVERY_MS ago while training. */
    public void snapshotPosted(boolean training) {
        if (!training || Js.now() - last >= EVERY_MS) post();
    }

    public void post() {
        last = Js.now();
        String text = sampler.sample(start, CHARS, LINES, temperature, new Rng(seed));
        double[] values = unit >= 0 && unit < units ? sampler.unitValues(start + text, layer, unit) : null;
        Outbox.post(TextMessages.sample(start, text, values == null ? null : Js.float64(values), Js.float64(sampler.next(start)), units, floor));
    }
}
