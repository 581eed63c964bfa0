package studio.backprop.web.library;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.data.Encoding;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.web.Js;
import studio.backprop.web.page.ui.Colors;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.page.ui.Microphone;
import studio.backprop.web.page.ui.Pad;
import studio.backprop.web.protocol.Pixels;

/**
 * A model's own page: the program of the one HTML file that "Download as a web page" writes (the
 * model and what describes it are inside, see {@code static/model-page.html}). It says what the
 * model is and lets anyone try it as the studio does for its data: a point of the plane, a
 * table row, a drawing, a picture or the camera. It runs from disk with no network.
 */
public final class ModelPage {
    private ModelPage() {}

    /** What the studio wrote beside the model: its test figure, when, and the studio's address. */
    interface Meta extends JSObject {
        @JSProperty String getScore();
        @JSProperty String getDate();
        @JSProperty String getStudio();
    }

    private static Predictor model;
    private static HTMLElement answer;

    public static void main(String[] args) {
        HTMLElement main = HTMLDocument.current().querySelector("main");
        Meta meta = meta();
        Int8Array bytes = embedded();
        try {
            model = new Predictor(ModelBinary.read(bytes.copyToJavaArray()));
        } catch (ModelException | RuntimeException e) {
            main.appendChild(Html.el("p", "This page's model cannot be read: " + e.getMessage()));
            return;
        }
        String[] classes = model.model.classes;
        String data = model.model.settings.get("data");
        main.appendChild(Html.el("h1", "A model of " + data));
        HTMLDocument.current().setTitle("A model of " + data + " (Backprop Studio)");
        StringBuilder what = new StringBuilder(classes.length > 0
                ? "Tells " + classes.length + " classes apart (" + String.join(", ", classes) + ")"
                : "Predicts " + String.join(", ", model.model.targetNames));
        what.append(" from ").append(model.kind.equals("sounds") ? "one-second sounds (" + model.model.settings.get("sound") + " spectrograms)"
                : model.kind.equals("images") ? model.image.side + "\u00d7" + model.image.side
                + (model.image.channels == 3 ? " colour" : " grey") + " images" : String.join(", ", model.columns()));
        what.append(". Hidden layers: ").append(model.layers()).append(" (").append(Dom.grouped(model.model.network.parameterCount())).append(" parameters).");
        HTMLElement p = Html.el("p", what.toString());
        p.setAttribute("data-testid", "about");
        main.appendChild(p);
        HTMLElement trained = Html.el("p", (meta.getScore().isEmpty() ? "" : meta.getScore() + " on its test part; ")
                + "trained in Backprop Studio" + (meta.getDate().isEmpty() ? "" : " on " + meta.getDate())
                + " with " + model.model.settings.toQuery(v -> v).replace("&", ", ") + ".");
        trained.setClassName("meta");
        main.appendChild(trained);
        HTMLElement back = Html.el("a", "Open it in Backprop Studio");
        back.setAttribute("href", meta.getStudio());
        back.setAttribute("data-testid", "studio-link");
        // the link's model is the embedded bytes (the exact binary form), deflated by the browser
        deflate(bytes, deflated -> back.setAttribute("href", meta.getStudio() + "#m=" + ModelLink.sealed(deflated.copyToJavaArray())));
        HTMLElement backLine = Html.el("p");
        backLine.appendChild(back);
        backLine.appendChild(HTMLDocument.current().createTextNode(" to look inside it, train it further or share it."));
        main.appendChild(backLine);

        HTMLElement tryIt = Html.el("section");
        tryIt.appendChild(Html.el("h2", "Try it"));
        main.appendChild(tryIt);
        if (model.kind.equals("plane")) plane(tryIt);
        else if (model.kind.equals("images")) images(tryIt, data);
        else if (model.kind.equals("sounds")) sounds(tryIt);
        else form(tryIt);
        answer = Html.el("div");
        answer.setAttribute("data-testid", "answer");
        answer.setAttribute("aria-live", "polite");
        tryIt.appendChild(answer);
    }

    /** The output over the plane, a click for a point's answer, and the point's numbers to type. */
    private static void plane(HTMLElement into) {
        int n = 100;
        double e = Drawn.EXTENT;
        double[] out = new double[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                out[r * n + c] = model.outputs(new double[] {-e + (c + 0.5) * 2 * e / n, e - (r + 0.5) * 2 * e / n})[0];
            }
        }
        HTMLCanvasElement canvas = (HTMLCanvasElement) Html.el("canvas");
        canvas.setWidth(400);
        canvas.setHeight(400);
        canvas.setAttribute("data-testid", "plane");
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", "the model's output over the plane x1, x2 from -6 to 6; click a point for its answer");
        JSObject image = Colors.image(null, Js.int32(Pixels.diverging(out, model.model.classes.length > 0)), n, n);
        drawScaled((CanvasRenderingContext2D) canvas.getContext("2d"), image, 400, 400);
        into.appendChild(canvas);
        HTMLElement x1 = field(into, "x1", "number"), x2 = field(into, "x2", "number");
        canvas.addEventListener("click", ev -> {
            MouseEvent me = (MouseEvent) ev;
            double fx = me.getOffsetX() / (double) Math.max(1, canvas.getClientWidth()), fy = me.getOffsetY() / (double) Math.max(1, canvas.getClientHeight());
            Html.setValue(x1, Dom.fixed(-e + fx * 2 * e, 2));
            Html.setValue(x2, Dom.fixed(e - fy * 2 * e, 2));
            show(() -> model.outputsOfCells(new String[] {Html.value(x1), Html.value(x2)}));
        });
        button(into, "Predict", () -> show(() -> model.outputsOfCells(new String[] {Html.value(x1), Html.value(x2)})));
    }

    /** A table row's form: a menu for each category column, a field for each number or date. */
    private static void form(HTMLElement into) {
        HTMLElement[] fields = new HTMLElement[model.model.encoding.columns.size()];
        for (int i = 0; i < fields.length; i++) {
            Encoding.Column c = model.model.encoding.columns.get(i);
            if (c.categories != null) {
                HTMLElement label = Html.el("label", c.name + " ");
                HTMLElement select = Html.el("select");
                select.setAttribute("data-column", c.name);
                for (String category : c.categories) select.appendChild(Html.option(category, category, false));
                label.appendChild(select);
                into.appendChild(label);
                fields[i] = select;
            } else {
                fields[i] = field(into, c.name, c.date != null ? "text" : "number");
                if (c.date != null) fields[i].setAttribute("placeholder", "a date, as in the data");
            }
        }
        button(into, "Predict", () -> {
            String[] cells = new String[fields.length];
            for (int i = 0; i < cells.length; i++) cells[i] = Html.value(fields[i]).trim();
            show(() -> model.outputsOfCells(cells));
        });
    }

    /** A picture file or the camera; for the built-in digit sets a pad to draw on, as in the studio. */
    private static void images(HTMLElement into, String data) {
        if (!Images.isImageSet(data) && !data.equals("digits")) { // the user's own pictures
            pictures(into);
            return;
        }
        HTMLCanvasElement pad = (HTMLCanvasElement) Html.el("canvas");
        pad.setWidth(196); // the studio's pad: the same strokes give the same pixels
        pad.setHeight(196);
        pad.setAttribute("data-testid", "draw");
        pad.setAttribute("aria-label", "draw here");
        pad.setClassName("pad");
        into.appendChild(Html.el("p", "Draw in the box (white ink on black, as the data set's images are)."));
        into.appendChild(pad);
        int side = model.image.side;
        Pad.listen(pad, box -> show(() -> model.outputs(Pad.pixels(pad, box, side, Pad.fit(side), model.image.maxLevel).copyToJavaArray())));
        button(into, "Clear", () -> {
            Pad.clear(pad);
            Html.clear(answer);
        });
        if (side == 28) pictures(into);
    }

    /** Whether the microphone is being listened to (a prediction four times a second). */
    private static boolean listening;

    /** A sound file (any the browser decodes), or the microphone live. */
    private static void sounds(HTMLElement into) {
        HTMLElement label = Html.el("label", "A sound file ");
        HTMLElement file = Html.el("input");
        file.setAttribute("type", "file");
        file.setAttribute("accept", "audio/*,.wav,.mp3,.ogg,.webm,.flac,.m4a");
        file.setAttribute("data-testid", "sound");
        label.appendChild(file);
        into.appendChild(label);
        Microphone.Samples heard = (samples, rate, error) -> show(() -> {
            if (error != null) throw new IllegalArgumentException(error);
            return model.outputsOfSound(samples.copyToJavaArray(), (int) rate);
        });
        file.addEventListener("change", ev -> {
            JSObject f = firstFile(file);
            if (f != null) Microphone.read(f, bytes -> {
                if (bytes == null) heard.got(null, 0, "the file could not be read");
                else Microphone.decode(bytes, heard);
            });
        });
        HTMLElement listen = button(into, "Listen", () -> { });
        listen.setAttribute("aria-pressed", "false");
        listen.addEventListener("click", e -> {
            listening = !listening;
            listen.setAttribute("aria-pressed", listening ? "true" : "false");
            if (listening) Microphone.open(peak -> { }, () -> listenLoop(heard), why -> {
                listening = false;
                listen.setAttribute("aria-pressed", "false");
                heard.got(null, 0, why);
            });
        });
    }

    private static void listenLoop(Microphone.Samples heard) {
        if (!listening) return;
        Microphone.lastSecond(heard);
        Js.setTimeout(() -> listenLoop(heard), 250);
    }

    private static void pictures(HTMLElement into) {
        HTMLElement label = Html.el("label", "A picture ");
        HTMLElement file = Html.el("input");
        file.setAttribute("type", "file");
        file.setAttribute("accept", "image/*");
        file.setAttribute("data-testid", "picture");
        label.appendChild(file);
        into.appendChild(label);
        HTMLElement preview = Html.el("div");
        preview.setClassName("preview");
        file.addEventListener("change", ev -> picture(file, preview, (w, h, rgba) -> show(() -> model.outputsOfPixels(w, h, rgba.copyToJavaArray()))));
        button(into, "Use the camera", () -> camera(preview, (w, h, rgba) -> show(() -> model.outputsOfPixels(w, h, rgba.copyToJavaArray()))));
        into.appendChild(preview);
    }

    @org.teavm.jso.JSFunctor
    interface Frame extends JSObject {
        void take(int width, int height, Int8Array rgba);
    }

    private interface Outputs {
        double[] get();
    }

    /** The answer: each class's probability, largest marked, or the predicted value; or what was wrong with the input. */
    private static void show(Outputs outputs) {
        Html.clear(answer);
        double[] out;
        try {
            out = outputs.get();
        } catch (IllegalArgumentException e) {
            HTMLElement error = Html.el("p", "Cannot predict: " + e.getMessage());
            error.setAttribute("data-testid", "error");
            answer.appendChild(error);
            return;
        }
        double[] probs = model.probabilities(out);
        if (probs == null) {
            HTMLElement v = Html.el("p", model.model.targetNames[0] + ": " + Dom.precision(out[0], 4));
            v.setAttribute("data-value", Dom.raw(out[0]));
            v.setAttribute("data-testid", "value");
            answer.appendChild(v);
            return;
        }
        int best = model.label(out);
        HTMLElement list = Html.el("ol");
        list.setClassName("probabilities");
        for (int i = 0; i < probs.length; i++) {
            HTMLElement li = Html.el("li");
            li.setAttribute("data-class", model.model.classes[i]);
            li.setAttribute("data-value", Dom.raw(probs[i]));
            if (i == best) li.setClassName("top");
            li.appendChild(Html.el("span", model.model.classes[i]));
            HTMLElement bar = Html.el("span");
            bar.setClassName("bar");
            Html.setWidthPercent(bar, 100 * probs[i]);
            li.appendChild(bar);
            li.appendChild(Html.el("span", Dom.fixed(100 * probs[i], 1) + "%"));
            list.appendChild(li);
        }
        answer.appendChild(list);
    }

    private static HTMLElement field(HTMLElement into, String name, String type) {
        HTMLElement label = Html.el("label", name + " ");
        HTMLElement input = Html.el("input");
        input.setAttribute("type", type);
        if (type.equals("number")) input.setAttribute("step", "any");
        input.setAttribute("data-column", name);
        label.appendChild(input);
        into.appendChild(label);
        return input;
    }

    private static HTMLElement button(HTMLElement into, String text, Runnable action) {
        HTMLElement b = Html.el("button", text);
        b.setAttribute("type", "button");
        b.setAttribute("data-testid", text.toLowerCase().replace(' ', '-'));
        b.addEventListener("click", e -> action.run());
        into.appendChild(b);
        return b;
    }

    @JSBody(params = "input", script = "return input.files && input.files.length ? input.files[0] : null;")
    private static native JSObject firstFile(HTMLElement input);

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).

    @JSBody(script = "var js_t = document.getElementById('model').textContent.replace(/\\s+/g, ''), js_s = atob(js_t), js_b = new Int8Array(js_s.length);"
            + "for (var js_i = 0; js_i < js_s.length; js_i++) js_b[js_i] = js_s.charCodeAt(js_i); return js_b;")
    private static native Int8Array embedded();

    @JSBody(script = "var js_m = {}; try { js_m = JSON.parse(document.getElementById('meta').textContent); } catch (js_e) {}"
            + "return {score: String(js_m.score || ''), date: String(js_m.date || ''), studio: String(js_m.studio || 'https://backprop.studio/')};")
    private static native Meta meta();

    @org.teavm.jso.JSFunctor
    interface Deflated extends JSObject {
        void done(Int8Array bytes);
    }

    @JSBody(params = {"bytes", "done"}, script =
            "new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer()"
            + ".then(function (js_b) { done(new Int8Array(js_b)); }, function () {});")
    private static native void deflate(Int8Array bytes, Deflated done);

    @JSBody(params = {"g", "image", "w", "h"}, script = "g.imageSmoothingEnabled = true; g.drawImage(image, 0, 0, w, h);")
    private static native void drawScaled(CanvasRenderingContext2D g, JSObject image, double w, double h);

    /** A picture file, decoded by the browser as it is (no colour conversion), shown and handed over as RGBA bytes. */
    @JSBody(params = {"input", "preview", "done"}, script = "var js_f = input.files && input.files[0]; if (!js_f) return;"
            + "createImageBitmap(js_f, {colorSpaceConversion: 'none', premultiplyAlpha: 'none'}).then(function (js_b) {"
            + "  var js_k = Math.min(1, 1024 / Math.max(js_b.width, js_b.height));"
            + "  var js_c = document.createElement('canvas'); js_c.width = Math.max(1, Math.round(js_b.width * js_k)); js_c.height = Math.max(1, Math.round(js_b.height * js_k));"
            + "  var js_g = js_c.getContext('2d'); js_g.drawImage(js_b, 0, 0, js_c.width, js_c.height);"
            + "  preview.replaceChildren(js_c);"
            + "  done(js_c.width, js_c.height, new Int8Array(js_g.getImageData(0, 0, js_c.width, js_c.height).data.buffer)); },"
            + "  function () { preview.textContent = 'This file is not a picture the browser can read.'; });")
    private static native void picture(HTMLElement input, HTMLElement preview, Frame done);

    /** The camera, its frame handed over twice a second while the page is open. */
    @JSBody(params = {"preview", "done"}, script = "if (!navigator.mediaDevices) { preview.textContent = 'This browser gives no camera.'; return; }"
            + "navigator.mediaDevices.getUserMedia({video: true}).then(function (js_s) {"
            + "  var js_v = document.createElement('video'); js_v.muted = true; js_v.playsInline = true; js_v.srcObject = js_s; js_v.play();"
            + "  preview.replaceChildren(js_v); var js_c = document.createElement('canvas');"
            + "  setInterval(function () { if (!js_v.videoWidth) return; js_c.width = js_v.videoWidth; js_c.height = js_v.videoHeight;"
            + "    var js_g = js_c.getContext('2d'); js_g.drawImage(js_v, 0, 0);"
            + "    done(js_c.width, js_c.height, new Int8Array(js_g.getImageData(0, 0, js_c.width, js_c.height).data.buffer)); }, 500); },"
            + "  function (js_e) { preview.textContent = 'No camera: ' + (js_e && js_e.message || js_e); });")
    private static native void camera(HTMLElement preview, Frame done);
}
