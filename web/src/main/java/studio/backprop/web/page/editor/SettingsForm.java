package studio.backprop.web.page.editor;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.NodeList;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.data.Generators;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.page.State;
import studio.backprop.web.page.UrlState;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.ToWorker;

/**
 * The settings form: every control with a data-key, the 2-D feature toggles, the layer editor
 * and the input-column chooser. A change makes a copy of the settings and hands it on; only
 * the learning rate applies at once, without a new network.
 */
public final class SettingsForm {
    public interface Errors {
        void show(String message);
    }

    private final State state;
    private final WorkerClient worker;
    private final LayerEditor.Change onChange;
    private final Errors errors;
    private final LayerEditor layers;

    public SettingsForm(State state, WorkerClient worker, LayerEditor.Change onChange, Errors errors) {
        this.state = state;
        this.worker = worker;
        this.onChange = onChange;
        this.errors = errors;
        layers = new LayerEditor(Dom.byTestId("layers"), Dom.byTestId("add-layer"), onChange, frozen -> {
            state.settings.set("freeze", frozen);
            UrlState.write(state);
            worker.send(ToWorker.freeze(frozen));
        });
        for (HTMLElement input : all("[data-key]")) input.addEventListener("change", e -> settingChanged(input));
        for (HTMLElement box : all("[data-feature]")) box.addEventListener("change", e -> featuresChanged());
        Dom.byTestId("use-recommended").addEventListener("click", e -> onChange.apply(Recommended.apply(state.settings)));
    }

    private static HTMLElement[] all(String selector) {
        NodeList<? extends HTMLElement> list = HTMLDocument.current().querySelectorAll(selector);
        HTMLElement[] out = new HTMLElement[list.getLength()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }

    /** Each layer's output shape and parameters, from the run's setup. */
    public void showLayerShapes() {
        layers.showShapes(state.layerShapes, state.layerParameters);
    }

    /** Puts the settings' values into the form. */
    public void sync() {
        Settings s = state.settings;
        for (HTMLElement input : all("[data-key]")) {
            String key = input.getAttribute("data-key");
            if (Settings.isKey(key)) Html.setValue(input, s.get(key));
        }
        String data = s.get("data");
        HTMLElement group = Dom.byTestId("upload-group");
        Html.clear(group);
        if (!BuiltIn.isBuiltIn(data)) {
            group.appendChild(Html.option(data, state.csvFile != null ? data : data + " (upload it again)", true));
            Html.setValue(Dom.byTestId("data"), data);
        }
        boolean planar = Generators.isGenerated(data);
        // what auto means for this data set
        HTMLDocument.current().querySelector("[data-testid=speed] option[value=auto]")
                .setTextContent(planar ? "auto: " + (int) Settings.AUTO_PACE + " epochs/s" : "auto: max");
        Dom.byTestId("features").setHidden(!planar);
        boolean series = s.series();
        HTMLDocument.current().querySelector("[data-planar]").setHidden(!(planar || series) || data.equals(Drawn.NAME)); // drawn points have no noise
        boolean text = s.text();
        for (HTMLElement field : all("[data-series]")) field.setHidden(!(series || text && field.hasAttribute("data-text")));
        String features = "," + s.get("features") + ",";
        for (HTMLElement box : all("[data-feature]")) {
            Html.setChecked(box, features.contains("," + box.getAttribute("data-feature") + ","));
        }
        layers.show(s);
        showLayerShapes();
        HTMLElement recommend = Dom.byTestId("use-recommended");
        recommend.setHidden(Recommended.followed(s));
        recommend.setTextContent("Use the recommended " + (Images.isImageSet(data) ? "conv net" : "network") + " for " + data);
        recommend.setAttribute("title", Recommended.of(s));
    }

    private void settingChanged(HTMLElement input) {
        String key = input.getAttribute("data-key");
        String value = Html.value(input).trim();
        try {
            if (key.equals("lr")) {
                state.settings.set("lr", value);
                double lr = state.settings.number("lr", 0, 100);
                UrlState.write(state);
                worker.send(ToWorker.learningRate(lr));
                return;
            }
            if (key.equals("speed")) {
                state.settings.set("speed", value);
                double pace = state.settings.epochsPerSecond();
                UrlState.write(state);
                worker.send(ToWorker.speed(pace));
                return;
            }
            // a built-in set brings its recommended setup, unless the user has made the network their own
            onChange.apply(key.equals("data") ? Recommended.forData(state.settings, value) : state.settings.copy().set(key, value));
        } catch (IllegalArgumentException e) {
            errors.show(e.getMessage());
        }
    }

    private void featuresChanged() {
        StringBuilder keys = new StringBuilder();
        for (HTMLElement box : all("[data-feature]")) {
            if (Html.checked(box)) keys.append(keys.length() > 0 ? "," : "").append(box.getAttribute("data-feature"));
        }
        if (keys.length() == 0) {
            errors.show("Keep at least one input.");
            sync();
            return;
        }
        Settings s = state.settings.copy();
        s.set("features", keys.toString());
        onChange.apply(s);
    }

    /** A checkbox per table column that could be an input (not for image sets: 784 pixels). */
    public void buildColumnChooser() {
        HTMLElement box = Dom.byTestId("column-boxes");
        Html.clear(box);
        boolean show = state.candidates.length > 0 && state.imageSide == 0;
        Dom.byTestId("columns").setHidden(!show);
        if (!show) return;
        Set<String> chosen = new HashSet<>(Arrays.asList(state.columns));
        for (int i = 0; i < state.candidates.length; i++) {
            String name = state.candidates[i];
            HTMLElement label = Html.el("label");
            HTMLElement check = Html.el("input");
            check.setAttribute("type", "checkbox");
            check.setAttribute("data-column-name", name);
            if (state.outByDefault[i]) check.setAttribute("data-out-by-default", "");
            Html.setChecked(check, chosen.contains(name));
            check.addEventListener("change", e -> columnsChanged());
            label.appendChild(check);
            label.appendChild(Html.el("span", " " + name));
            if (!state.candidateNotes[i].isEmpty()) {
                HTMLElement note = Html.el("small", " " + state.candidateNotes[i]);
                note.setClassName("note");
                label.appendChild(note);
            }
            box.appendChild(label);
        }
    }

    private void columnsChanged() {
        NodeList<? extends HTMLElement> boxes = Dom.byTestId("column-boxes").querySelectorAll("[data-column-name]");
        StringBuilder inputs = new StringBuilder();
        int checked = 0;
        // the default inputs: every column but identifiers and free text
        boolean asDefault = true;
        for (int i = 0; i < boxes.getLength(); i++) asDefault &= Html.checked(boxes.get(i)) != boxes.get(i).hasAttribute("data-out-by-default");
        for (int i = 0; i < boxes.getLength(); i++) {
            if (!Html.checked(boxes.get(i))) continue;
            String name = boxes.get(i).getAttribute("data-column-name");
            if (name.indexOf(',') >= 0) {
                errors.show("Column names with a comma cannot be chosen one by one yet: \"" + name + "\".");
                return;
            }
            inputs.append(inputs.length() > 0 ? "," : "").append(name);
            checked++;
        }
        if (checked == 0) {
            errors.show("Keep at least one input column.");
            buildColumnChooser();
            return;
        }
        Settings s = state.settings.copy();
        s.set("inputs", asDefault ? "" : inputs.toString());
        onChange.apply(s);
    }
}
