package studio.backprop.web.page;

import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.train.Settings;

/**
 * The hidden layers as rows (units and activation, remove), plus "add layer". It edits a copy
 * of the settings' "layers" and "act" and hands the copy to {@code onChange}.
 */
final class LayerEditor {
    static final int MAX_LAYERS = 10, MAX_UNITS = 256;

    interface Change {
        void apply(Settings changed);
    }

    private final HTMLElement box;
    private final Change onChange;

    LayerEditor(HTMLElement box, HTMLElement add, Change onChange) {
        this.box = box;
        this.onChange = onChange;
        add.addEventListener("click", e -> {
            int[] units = units(current);
            if (units.length >= MAX_LAYERS) return;
            int[] more = java.util.Arrays.copyOf(units, units.length + 1);
            more[units.length] = units.length > 0 ? units[units.length - 1] : 4;
            String[] acts = java.util.Arrays.copyOf(activations(current, units.length), units.length + 1);
            acts[units.length] = units.length > 0 ? acts[units.length - 1] : "tanh";
            emit(more, acts);
        });
    }

    private Settings current;

    /** Rebuilds the rows from the settings. */
    void show(Settings s) {
        current = s;
        Html.clear(box);
        int[] units = units(s);
        String[] acts = activations(s, units.length);
        if (units.length == 0) box.appendChild(Html.el("small", "No hidden layer: a linear model."));
        for (int l = 0; l < units.length; l++) {
            final int layer = l;
            HTMLElement row = Html.el("div");
            row.setClassName("layer");
            row.appendChild(Html.el("span", "Layer " + (l + 1)));
            HTMLElement count = Html.el("input");
            count.setAttribute("type", "number");
            count.setAttribute("min", "1");
            count.setAttribute("max", Integer.toString(MAX_UNITS));
            count.setAttribute("aria-label", "Units in hidden layer " + (l + 1));
            count.setAttribute("data-testid", "units-" + (l + 1));
            Html.setValue(count, Integer.toString(units[l]));
            count.addEventListener("change", e -> {
                int[] u = units(current);
                try {
                    int v = Integer.parseInt(Html.value(count).trim());
                    u[layer] = Math.max(1, Math.min(MAX_UNITS, v));
                } catch (NumberFormatException ex) {
                    Html.setValue(count, Integer.toString(u[layer]));
                    return;
                }
                emit(u, activations(current, u.length));
            });
            HTMLElement act = Html.el("select");
            act.setAttribute("aria-label", "Activation of hidden layer " + (l + 1));
            act.setAttribute("data-testid", "act-" + (l + 1));
            for (String a : Modules.ACTIVATIONS) act.appendChild(Html.option(a, a, a.equals(acts[l])));
            act.addEventListener("change", e -> {
                String[] a = activations(current, units.length);
                a[layer] = Html.value(act);
                emit(units(current), a);
            });
            HTMLElement remove = Html.el("button", "\u2212");
            remove.setAttribute("type", "button");
            remove.setAttribute("aria-label", "Remove hidden layer " + (l + 1));
            remove.setAttribute("data-testid", "remove-layer-" + (l + 1));
            remove.setClassName("small");
            remove.addEventListener("click", e -> {
                int[] u = units(current);
                String[] a = activations(current, u.length);
                int[] fewer = new int[u.length - 1];
                String[] fewerActs = new String[u.length - 1];
                for (int i = 0, k = 0; i < u.length; i++) {
                    if (i == layer) continue;
                    fewer[k] = u[i];
                    fewerActs[k++] = a[i];
                }
                emit(fewer, fewerActs);
            });
            row.appendChild(count);
            row.appendChild(act);
            row.appendChild(remove);
            box.appendChild(row);
        }
    }

    private void emit(int[] units, String[] acts) {
        Settings s = copy(current);
        StringBuilder layers = new StringBuilder();
        for (int u : units) layers.append(layers.length() > 0 ? "," : "").append(u);
        boolean same = true;
        for (String a : acts) same &= a.equals(acts[0]);
        s.set("layers", layers.toString());
        s.set("act", acts.length == 0 ? Text.split(current.get("act"), ',')[0] : same ? acts[0] : String.join(",", acts));
        onChange.apply(s);
    }

    static Settings copy(Settings s) {
        Settings c = new Settings();
        for (var e : s.asMap().entrySet()) c.set(e.getKey(), e.getValue());
        return c;
    }

    private static int[] units(Settings s) {
        try {
            return s.layers();
        } catch (IllegalArgumentException e) {
            return new int[0];
        }
    }

    private static String[] activations(Settings s, int layers) {
        String[] parts = Text.split(s.get("act"), ',');
        String[] out = new String[layers];
        for (int i = 0; i < layers; i++) out[i] = (parts.length == layers ? parts[i] : parts[0]).trim();
        return out;
    }
}
