package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.Network;
import studio.backprop.engine.nn.Param;

/** The setting freeze: which of a network's parameters keep their values (no gradient step), for fine-tuning a model. */
public final class Freeze {
    private Freeze() {}

    /**
     * The network's parameters that setting freeze names (layer numbers: 1 the first hidden layer,
     * "out" or the number after the last hidden layer the output layer), as flags in the
     * network's parameter order; a number that names no layer, or a layer without weights (pool,
     * dropout), is an error that says so.
     */
    public static boolean[] flags(String freeze, List<LayerSpec> hidden, Network net) {
        boolean[] flags = new boolean[net.params().size()];
        if (freeze.trim().isEmpty()) return flags;
        // the weighted modules in order: one per dense or conv layer, then the output layer
        List<Module> weighted = new java.util.ArrayList<>();
        for (Module m : net.modules()) if (!m.params().isEmpty()) weighted.add(m);
        for (int from = 0; from <= freeze.length(); ) {
            int comma = freeze.indexOf(',', from);
            if (comma < 0) comma = freeze.length();
            String t = freeze.substring(from, comma).trim();
            from = comma + 1; // (no String.split: TeaVM's brings a regex engine)
            int layer = t.equals("out") ? hidden.size() + 1 : t.isEmpty() || t.length() > 3 ? -1 : 0;
            for (int c = 0; layer >= 0 && !t.equals("out") && c < t.length(); c++) {
                char d = t.charAt(c);
                layer = d >= '0' && d <= '9' ? 10 * layer + (d - '0') : -1;
            }
            if (layer < 0) throw new IllegalArgumentException("freeze: '" + t + "' is no layer number (1 to " + hidden.size() + ", or out)");
            if (layer < 1 || layer > hidden.size() + 1) {
                throw new IllegalArgumentException("freeze: there is no layer " + layer + " (the hidden layers are 1 to " + hidden.size() + ", then out)");
            }
            int index = 0;
            for (int l = 0; l < layer - 1; l++) if (hidden.get(l).kind == LayerSpec.Kind.DENSE || hidden.get(l).kind == LayerSpec.Kind.CONV) index++;
            if (layer <= hidden.size() && hidden.get(layer - 1).kind != LayerSpec.Kind.DENSE && hidden.get(layer - 1).kind != LayerSpec.Kind.CONV) {
                // (toString called on the spec itself: a concatenation of an Object would make every class's toString part of the TeaVM builds)
                throw new IllegalArgumentException("freeze: layer " + layer + " (" + hidden.get(layer - 1).toString() + ") has no weights");
            }
            List<Param> all = net.params(), mine = weighted.get(index).params();
            for (int i = 0; i < all.size(); i++) for (Param p : mine) if (all.get(i) == p) flags[i] = true; // (==: no equals in the builds)
        }
        return flags;
    }
}
