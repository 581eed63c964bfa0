package studio.backprop.web.page.editor;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Modules;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;

/**
 * The hidden layers as rows, plus "add layer". A row has its kind (dense; for image data also
 * conv, pool and dropout), that kind's numbers, an activation where it takes one, remove, and
 * the shape of what it outputs with its parameter count. It edits a copy of the settings'
 * layer list and hands the copy to {@code onChange}.
 */
public final class LayerEditor {
    static final int MAX_LAYERS = 10, MAX_UNITS = 256;
    /** In LayerSpec.Kind's order. */
    private static final String[] KINDS = {"dense", "conv", "pool", "dropout", "rnn", "gru", "lstm"};

    public interface Change {
        void apply(Settings changed);
    }

    /** The frozen layers changed (setting freeze's new value): applied at once, as the learning rate. */
    public interface Freeze {
        void apply(String layers);
    }

    private final HTMLElement box;
    private final Change onChange;
    private final Freeze onFreeze;
    private Settings current;
    private final List<HTMLElement> shapes = new ArrayList<>();

    LayerEditor(HTMLElement box, HTMLElement add, Change onChange, Freeze onFreeze) {
        this.box = box;
        this.onChange = onChange;
        this.onFreeze = onFreeze;
        add.addEventListener("click", e -> {
            List<LayerSpec> layers = layers(current);
            if (layers.size() >= MAX_LAYERS) return;
            LayerSpec last = null;
            for (LayerSpec l : layers) if (l.kind == LayerSpec.Kind.DENSE) last = l;
            layers.add(last == null ? LayerSpec.dense(4, activation(layers)) : LayerSpec.dense(last.units, last.activation));
            emit(layers);
        });
    }

    /** Rebuilds the rows from the settings. */
    void show(Settings s) {
        current = s;
        Html.clear(box);
        shapes.clear();
        List<LayerSpec> layers = layers(s);
        boolean images = Images.own(s.get("data"), s.get("image")) || Images.format(s.get("data"), "") != null;
        boolean series = s.series() || s.text(); // (a text's characters are a sequence too)
        if (layers.isEmpty()) box.appendChild(Html.el("small", "No hidden layer: a linear model."));
        for (int l = 0; l < layers.size(); l++) box.appendChild(row(l, layers.get(l), images, series));
    }

    /** Each row's output shape and parameters, once the worker has built the network (layers from the input to the output). */
    void showShapes(String[] layerShapes, double[] parameters) {
        for (int l = 0; l < shapes.size(); l++) {
            boolean known = l + 1 < layerShapes.length && shapes.size() == layerShapes.length - 2;
            shapes.get(l).setTextContent(known ? "\u2192 " + layerShapes[l + 1] + (parameters[l + 1] > 0 ? ", " + Dom.grouped(parameters[l + 1]) + " parameters" : "") : "");
        }
    }

    /** images: conv, pool and dropout are offered; series: the recurrent kinds. */
    private HTMLElement row(int layer, LayerSpec spec, boolean images, boolean series) {
        String n = Integer.toString(layer + 1);
        HTMLElement row = Html.el("div");
        row.setClassName("layer");
        row.appendChild(Html.el("span", "Layer " + n));
        HTMLElement fields = Html.el("span");
        fields.setClassName("fields");
        if (images || series || spec.kind != LayerSpec.Kind.DENSE) {
            HTMLElement kind = Html.el("select");
            kind.setAttribute("aria-label", "Kind of hidden layer " + n);
            kind.setAttribute("data-testid", "kind-" + n);
            for (int k = 0; k < KINDS.length; k++) {
                // a series takes dense, recurrent and dropout layers; images all but the recurrent; a layer keeps its own kind
                boolean fits = k == spec.kind.ordinal() || k == 0 || k == 3 || (k >= 4 ? series : images);
                if (fits) kind.appendChild(Html.option(KINDS[k], KINDS[k], k == spec.kind.ordinal()));
            }
            kind.addEventListener("change", e -> replace(layer, ofKind(Html.value(kind), spec)));
            fields.appendChild(kind);
        }
        switch (spec.kind) {
            case CONV:
                fields.appendChild(number("filters", n, "filters", "Filters", spec.units, 1, LayerSpec.MAX_FILTERS,
                        v -> LayerSpec.conv(v, spec.kernel, spec.stride, spec.activation), layer));
                fields.appendChild(number("kernel", n, "size", "Kernel side", spec.kernel, 1, LayerSpec.MAX_KERNEL,
                        v -> LayerSpec.conv(spec.units, v, spec.stride, spec.activation), layer));
                fields.appendChild(number("stride", n, "stride", "Stride", spec.stride, 1, LayerSpec.MAX_KERNEL,
                        v -> LayerSpec.conv(spec.units, spec.kernel, v, spec.activation), layer));
                break;
            case POOL:
                fields.appendChild(number("pool", n, "size", "Pool side", spec.kernel, 2, LayerSpec.MAX_KERNEL, LayerSpec::pool, layer));
                break;
            case DROPOUT:
                fields.appendChild(number("rate", n, "drop %", "Dropout rate in percent", spec.ratePpm / 10_000, 0, 95, v -> LayerSpec.dropout(v / 100.0), layer));
                break;
            case RNN: case GRU: case LSTM:
                fields.appendChild(number("units", n, null, "Units", spec.units, 1, MAX_UNITS, v -> LayerSpec.recurrent(spec.kind, v), layer));
                break;
            default:
                fields.appendChild(number("units", n, null, "Units", spec.units, 1, MAX_UNITS, v -> LayerSpec.dense(v, spec.activation), layer));
        }
        if (spec.activation != null) {
            HTMLElement act = Html.el("select");
            act.setAttribute("aria-label", "Activation of hidden layer " + n);
            act.setAttribute("data-testid", "act-" + n);
            for (String a : Modules.ACTIVATIONS) act.appendChild(Html.option(a, a, a.equals(spec.activation)));
            act.addEventListener("change", e -> replace(layer, withActivation(spec, Html.value(act))));
            fields.appendChild(act);
        }
        if (spec.kind == LayerSpec.Kind.DENSE || spec.kind == LayerSpec.Kind.CONV) fields.appendChild(frozen(n));
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
        row.appendChild(fields);
        row.appendChild(remove);
        HTMLElement shape = Html.el("small");
        shape.setClassName("shape");
        shape.setAttribute("data-testid", "layer-shape-" + n);
        row.appendChild(shape);
        shapes.add(shape);
        return row;
    }

    /** "frozen": the layer's weights stay as they are while the others train (setting freeze). */
    private HTMLElement frozen(String n) {
        HTMLElement box = Html.el("input");
        box.setAttribute("type", "checkbox");
        box.setAttribute("data-testid", "freeze-" + n);
        box.setAttribute("aria-label", "Freeze hidden layer " + n + ": keep its weights as they are");
        List<String> list = frozenList(current);
        Html.setChecked(box, list.contains(n));
        box.addEventListener("change", e -> {
            // the layers in order, this one as the box says, the output layer last
            List<String> was = frozenList(current);
            StringBuilder now = new StringBuilder();
            for (int l = 1; l <= LayerSpec.MAX_LAYERS; l++) {
                String k = Integer.toString(l);
                if (k.equals(n) ? Html.checked(box) : was.contains(k)) now.append(now.length() > 0 ? "," : "").append(k);
            }
            if (was.contains("out")) now.append(now.length() > 0 ? "," : "").append("out");
            onFreeze.apply(now.toString());
        });
        HTMLElement label = Html.el("label", "frozen ");
        label.setClassName("field");
        label.setAttribute("title", "Frozen: its weights stay as they are (no gradient step) while the other layers train");
        label.appendChild(box);
        return label;
    }

    private static List<String> frozenList(Settings s) {
        List<String> out = new ArrayList<>();
        for (String t : Text.split(s.get("freeze"), ',')) if (!t.trim().isEmpty()) out.add(t.trim());
        return out;
    }

    interface Make {
        LayerSpec make(int value);
    }

    /**
     * A number field that replaces the layer with {@code make} of its value (kept within min and
     * max); with a caption, in a label that shows it (a conv row's 8 / 3 / 1 say what they are).
     */
    private HTMLElement number(String what, String n, String caption, String label, int value, int min, int max, Make make, int layer) {
        HTMLElement field = Html.el("input");
        field.setAttribute("type", "number");
        field.setAttribute("min", Integer.toString(min));
        field.setAttribute("max", Integer.toString(max));
        field.setAttribute("aria-label", label + " of hidden layer " + n);
        field.setAttribute("title", label);
        field.setAttribute("data-testid", what + "-" + n);
        Html.setValue(field, Integer.toString(value));
        field.addEventListener("change", e -> {
            int v;
            try {
                v = Math.max(min, Math.min(max, Integer.parseInt(Html.value(field).trim())));
            } catch (NumberFormatException ex) {
                Html.setValue(field, Integer.toString(value));
                return;
            }
            replace(layer, make.make(v));
        });
        if (caption == null) return field;
        HTMLElement shown = Html.el("label", caption + " ");
        shown.setClassName("field");
        shown.appendChild(field);
        return shown;
    }

    /** A layer of another kind in the place of {@code old}, with sensible numbers. */
    private LayerSpec ofKind(String kind, LayerSpec old) {
        String act = old.activation != null ? old.activation : activation(layers(current));
        switch (kind) {
            case "conv": return LayerSpec.conv(8, 5, 1, act);
            case "pool": return LayerSpec.pool(2);
            case "dropout": return LayerSpec.dropout(0.25);
            case "rnn": return LayerSpec.recurrent(LayerSpec.Kind.RNN, old.recurrent() || old.kind == LayerSpec.Kind.DENSE ? old.units : 16);
            case "gru": return LayerSpec.recurrent(LayerSpec.Kind.GRU, old.recurrent() || old.kind == LayerSpec.Kind.DENSE ? old.units : 16);
            case "lstm": return LayerSpec.recurrent(LayerSpec.Kind.LSTM, old.recurrent() || old.kind == LayerSpec.Kind.DENSE ? old.units : 16);
            default: return LayerSpec.dense(old.kind == LayerSpec.Kind.DENSE || old.recurrent() ? old.units : 32, act);
        }
    }

    private static LayerSpec withActivation(LayerSpec s, String act) {
        return s.kind == LayerSpec.Kind.CONV ? LayerSpec.conv(s.units, s.kernel, s.stride, act) : LayerSpec.dense(s.units, act);
    }

    /** The activation a new layer gets: the first one in use, else the settings' own. */
    private String activation(List<LayerSpec> layers) {
        for (LayerSpec l : layers) if (l.activation != null) return l.activation;
        return Text.split(current.get("act"), ',')[0].trim();
    }

    private void replace(int layer, LayerSpec spec) {
        List<LayerSpec> layers = layers(current);
        layers.set(layer, spec);
        emit(layers);
    }

    private void emit(List<LayerSpec> layers) {
        // other layers, another numbering: nothing stays frozen
        onChange.apply(current.copy().setLayers(layers).set("freeze", ""));
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
