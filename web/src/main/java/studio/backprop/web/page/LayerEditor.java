package studio.backprop.web.page;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.train.Settings;

/**
 * The hidden layers as rows (units and activation, remove), plus "add layer". It edits a copy
 * of the settings' layer list and hands the copy to {@code onChange}.
 */
final class LayerEditor {
    static final int MAX_LAYERS = 10, MAX_UNITS = 256;

    interface Change {
        void apply(Settings changed);
    }

    private final HTMLElement box;
    private final Change onChange;
    private Settings current;

    LayerEditor(HTMLElement box, HTMLElement add, Change onChange) {
        this.box = box;
        this.onChange = onChange;
        add.addEventListener("click", e -> {
            List<LayerSpec> layers = layers(current);
            if (layers.size() >= MAX_LAYERS) return;
            LayerSpec last = layers.isEmpty() ? LayerSpec.dense(4, "tanh") : layers.get(layers.size() - 1);
            layers.add(LayerSpec.dense(last.units, last.activation));
            emit(layers);
        });
    }

    /** Rebuilds the rows from the settings. */
    void show(Settings s) {
        current = s;
        Html.clear(box);
        List<LayerSpec> layers = layers(s);
        if (layers.isEmpty()) box.appendChild(Html.el("small", "No hidden layer: a linear model."));
        for (int l = 0; l < layers.size(); l++) box.appendChild(row(l, layers.get(l)));
    }

    private HTMLElement row(int layer, LayerSpec spec) {
        String n = Integer.toString(layer + 1);
        HTMLElement row = Html.el("div");
        row.setClassName("layer");
        row.appendChild(Html.el("span", "Layer " + n));
        HTMLElement count = Html.el("input");
        count.setAttribute("type", "number");
        count.setAttribute("min", "1");
        count.setAttribute("max", Integer.toString(MAX_UNITS));
        count.setAttribute("aria-label", "Units in hidden layer " + n);
        count.setAttribute("data-testid", "units-" + n);
        Html.setValue(count, Integer.toString(spec.units));
        count.addEventListener("change", e -> {
            int units;
            try {
                units = Math.max(1, Math.min(MAX_UNITS, Integer.parseInt(Html.value(count).trim())));
            } catch (NumberFormatException ex) {
                Html.setValue(count, Integer.toString(spec.units));
                return;
            }
            replace(layer, LayerSpec.dense(units, spec.activation));
        });
        HTMLElement act = Html.el("select");
        act.setAttribute("aria-label", "Activation of hidden layer " + n);
        act.setAttribute("data-testid", "act-" + n);
        for (String a : Modules.ACTIVATIONS) act.appendChild(Html.option(a, a, a.equals(spec.activation)));
        act.addEventListener("change", e -> replace(layer, LayerSpec.dense(spec.units, Html.value(act))));
        HTMLElement remove = Html.el("button", "\u2212");
        remove.setAttribute("type", "button");
        remove.setAttribute("aria-label", "Remove hidden layer " + n);
        remove.setAttribute("data-testid", "remove-layer-" + n);
        remove.setClassName("small");
        remove.addEventListener("click", e -> {
            List<LayerSpec> layers = layers(current);
            layers.remove(layer);
            emit(layers);
        });
        row.appendChild(count);
        row.appendChild(act);
        row.appendChild(remove);
        return row;
    }

    private void replace(int layer, LayerSpec spec) {
        List<LayerSpec> layers = layers(current);
        layers.set(layer, spec);
        emit(layers);
    }

    private void emit(List<LayerSpec> layers) {
        onChange.apply(current.copy().setLayers(layers));
    }

    /** The settings' layers, as a list to edit; none when the settings do not parse. */
    private static List<LayerSpec> layers(Settings s) {
        try {
            return new ArrayList<>(s.layers());
        } catch (IllegalArgumentException e) {
            return new ArrayList<>();
        }
    }
}
