package studio.backprop.web.page.data;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.Js;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.page.ui.Microphone;
import studio.backprop.web.protocol.SoundMessages;

/**
 * Your own sounds: classes filled by recording (hold to record, a level meter), by sound files,
 * or by a folder or .zip with one sub-folder per class; "background noise" is one of the classes
 * it makes, as the network must learn what no sound sounds like. The worker holds the clips
 * (they never leave the machine) and reports what it has: this panel shows each class's latest
 * clips as the network sees them (click one to hear it, x to delete it). Train starts the
 * recommended conv net over the spectrograms; Try it listens to the microphone or to a file.
 */
public final class SoundsPanel {
    /** How often the live Try it sends the microphone's last second, ms. */
    static final int LISTEN_EVERY = 250;

    private final WorkerClient worker;
    private final State state;
    private final java.util.function.Consumer<Settings> onTrain;
    private final HTMLElement panel = Dom.byTestId("sounds-panel");
    private final HTMLElement list = Dom.byTestId("sound-classes");
    private final HTMLElement micMessage = Dom.byTestId("mic-message");
    private String[] classes = new String[0];
    private HTMLElement[] countEls = new HTMLElement[0], clipEls = new HTMLElement[0], recordEls = new HTMLElement[0];
    private String name = "my sounds";
    /** The class being recorded (-1: none), and whether its button was let go before the microphone opened. */
    private int recording = -1;
    private boolean released, listening;

    public SoundsPanel(WorkerClient worker, State state, java.util.function.Consumer<Settings> onTrain) {
        this.worker = worker;
        this.state = state;
        this.onTrain = onTrain;
        HTMLElement file = Dom.byTestId("sounds-file"), folder = Dom.byTestId("sounds-folder");
        file.addEventListener("change", e -> chosen(file, ""));
        folder.addEventListener("change", e -> chosen(folder, ""));
        Uploads.listenDrop(Dom.byTestId("sounds-drop"), (files, paths) -> add(files, paths, ""));
        Dom.byTestId("sounds-make").addEventListener("click", e -> {
            if (classes.length == 0) {
                worker.sendFiles(SoundMessages.edit(SoundMessages.Op.ADD, 0, "background noise"));
                worker.sendFiles(SoundMessages.edit(SoundMessages.Op.ADD, 0, "class 1"));
            }
            show();
        });
        Dom.byTestId("sound-class-add").addEventListener("click", e -> worker.sendFiles(SoundMessages.edit(SoundMessages.Op.ADD, 0, Uploads.freeName(classes))));
        Dom.byTestId("sounds-cancel").addEventListener("click", e -> worker.sendFiles(SoundMessages.edit(SoundMessages.Op.CANCEL, 0, "")));
        Dom.byTestId("sounds-clear").addEventListener("click", e -> {
            worker.sendFiles(SoundMessages.edit(SoundMessages.Op.CLEAR, 0, ""));
            if (listening) listen();
            recording = -1; // (a recording under way is dropped with the rest)
            Microphone.close();
            panel.setHidden(true);
        });
        Dom.byTestId("sounds-use").addEventListener("click", e -> train());
        HTMLElement tryFile = Dom.byTestId("try-sound");
        tryFile.addEventListener("change", e -> {
            JSObject f = Uploads.firstFile(tryFile);
            Uploads.clearInput(tryFile);
            if (f != null) Microphone.read(f, bytes -> {
                if (bytes == null) tryFailed("the file could not be read");
                else Microphone.decode(bytes, (samples, rate, error) -> {
                    if (error != null) tryFailed(error);
                    else worker.send(SoundMessages.listen(samples, rate));
                });
            });
        });
        Dom.byTestId("try-listen").addEventListener("click", e -> listen());
    }

    /** Whether settings are of the user's sounds (Experiment.sounds, without the engine's training classes on the page). */
    static boolean isFor(Settings s) {
        return !s.get("sound").isEmpty();
    }

    private void chosen(HTMLElement input, String into) {
        add(Uploads.files(input), Uploads.paths(input), into);
        Uploads.clearInput(input);
    }

    private void add(JSObject[] files, String[] paths, String into) {
        if (files.length == 0) return;
        if (into.isEmpty()) {
            name = Uploads.dataName(paths, "my sounds", "sounds");
            into = Uploads.looseInto(paths, classes);
        }
        worker.sendFiles(SoundMessages.add(files, paths, into));
        show();
    }

    private void show() {
        panel.setHidden(false);
        panel.scrollIntoView();
    }

    /** The worker's report: the class list (made again when the classes change), each class's latest clips. */
    public void update(SoundMessages.Summary m) {
        panel.setHidden(false);
        boolean same = java.util.Arrays.equals(classes, m.getClasses());
        classes = m.getClasses();
        double[] counts = m.getCounts().copyToJavaArray();
        int total = 0;
        for (double c : counts) total += (int) c;
        Dom.byTestId("sounds-summary").setTextContent(total + (total == 1 ? " clip" : " clips") + " of a second in " + classes.length + " classes");
        Dom.byTestId("sounds-summary").setAttribute("data-value", Integer.toString(total));
        double f = m.getFraction();
        Uploads.report("sounds", f, m.getMessage(), m.getSkipped());
        if (!same) buildRows();
        for (int k = 0; k < classes.length; k++) {
            countEls[k].setTextContent((int) counts[k] == 1 ? "1 clip" : (int) counts[k] + " clips");
            countEls[k].setAttribute("data-value", Integer.toString((int) counts[k]));
            Html.clear(clipEls[k]);
        }
        int side = m.getSide();
        int[] cls = m.getClipClasses().copyToJavaArray(), ids = m.getClipIds().copyToJavaArray();
        String[] names = m.getClipNames();
        for (int i = 0; i < ids.length; i++) clipEls[cls[i]].appendChild(clip(ids[i], names[i], m.getSpectrograms(), i, side));
        Dom.byTestId("sounds-use").setAttribute("aria-disabled", total > 0 && f < 0 ? "false" : "true");
    }

    /** A clip: its spectrogram as a button that plays it, and a button that deletes it. */
    private HTMLElement clip(int id, String clipName, Int8Array levels, int at, int side) {
        HTMLElement li = Html.el("li");
        HTMLElement play = Html.el("button");
        play.setAttribute("type", "button");
        play.setClassName("clip");
        play.setAttribute("data-testid", "sound-clip-" + id);
        play.setAttribute("title", "Play " + clipName);
        play.setAttribute("aria-label", "Play " + clipName);
        HTMLElement canvas = Html.el("canvas");
        canvas.setAttribute("width", Integer.toString(side));
        canvas.setAttribute("height", Integer.toString(side));
        drawSpectrogram((HTMLCanvasElement) canvas, levels, at * side * side, side);
        play.appendChild(canvas);
        play.addEventListener("click", e -> worker.sendFiles(SoundMessages.edit(SoundMessages.Op.PLAY, id, "")));
        li.appendChild(play);
        HTMLElement delete = Html.el("button", "\u00d7");
        delete.setAttribute("type", "button");
        delete.setClassName("small delete");
        delete.setAttribute("data-testid", "sound-clip-delete-" + id);
        delete.setAttribute("aria-label", "Delete " + clipName);
        delete.addEventListener("click", e -> worker.sendFiles(SoundMessages.edit(SoundMessages.Op.DELETE, id, "")));
        li.appendChild(delete);
        return li;
    }

    private void buildRows() {
        Html.clear(list);
        int n = classes.length;
        countEls = new HTMLElement[n];
        clipEls = new HTMLElement[n];
        recordEls = new HTMLElement[n];
        for (int k = 0; k < n; k++) {
            int index = k;
            HTMLElement row = Html.el("li");
            row.setAttribute("data-testid", "sound-class-" + k);
            HTMLElement nameBox = Html.el("input");
            nameBox.setAttribute("type", "text");
            nameBox.setAttribute("data-testid", "sound-class-name-" + k);
            nameBox.setAttribute("aria-label", "Name of class " + (k + 1));
            Html.setValue(nameBox, classes[k]);
            nameBox.addEventListener("change", e -> {
                String v = Html.value(nameBox).trim();
                if (!v.isEmpty()) worker.sendFiles(SoundMessages.edit(SoundMessages.Op.RENAME, index, v));
            });
            row.appendChild(nameBox);
            countEls[k] = Html.el("output");
            countEls[k].setAttribute("data-testid", "sound-class-count-" + k);
            row.appendChild(countEls[k]);
            clipEls[k] = Html.el("ul");
            clipEls[k].setClassName("clips");
            clipEls[k].setAttribute("data-testid", "sound-clips-" + k);
            row.appendChild(clipEls[k]);
            HTMLElement tools = Html.el("span");
            tools.setClassName("class-tools");
            HTMLElement add = Html.el("label", "Add sounds ");
            add.setClassName("file small");
            HTMLElement input = Html.el("input");
            input.setAttribute("type", "file");
            input.setAttribute("multiple", "");
            input.setAttribute("accept", "audio/*,.wav,.mp3,.ogg,.webm,.flac,.m4a,.zip");
            input.setAttribute("data-testid", "sound-class-file-" + k);
            input.addEventListener("change", e -> chosen(input, classes[index]));
            add.appendChild(input);
            tools.appendChild(add);
            HTMLElement record = Html.el("button", "\u25cf Hold to record");
            record.setAttribute("type", "button");
            record.setClassName("small");
            record.setAttribute("data-testid", "record-" + k);
            record.setAttribute("aria-pressed", "false");
            record.setAttribute("title", "Records while held (a click records one second); each second is a clip");
            record.addEventListener("pointerdown", e -> record(index));
            record.addEventListener("pointerup", e -> release());
            record.addEventListener("pointerleave", e -> release());
            record.addEventListener("keydown", e -> {
                String key = ((org.teavm.jso.dom.events.KeyboardEvent) e).getKey();
                if ((key.equals("Enter") || key.equals(" ")) && recording < 0) record(index);
            });
            record.addEventListener("keyup", e -> release());
            recordEls[k] = record;
            tools.appendChild(record);
            HTMLElement remove = Html.el("button", "Remove");
            remove.setAttribute("type", "button");
            remove.setClassName("small");
            remove.setAttribute("data-testid", "sound-class-remove-" + k);
            remove.addEventListener("click", e -> worker.sendFiles(SoundMessages.edit(SoundMessages.Op.REMOVE, index, "")));
            tools.appendChild(remove);
            row.appendChild(tools);
            Uploads.listenDrop(row, (files, paths) -> add(files, paths, classes[index]));
            list.appendChild(row);
        }
    }

    /** Starts recording for a class (the microphone opened first, once). */
    private void record(int index) {
        if (recording >= 0) return;
        recording = index;
        released = false;
        recordEls[index].setAttribute("aria-pressed", "true");
        Microphone.open(this::level, () -> {
            Microphone.start();
            if (released) release();
        }, this::micFailed);
    }

    /** The button let go: the recording ends once it holds a second, and goes to its class. */
    private void release() {
        if (recording < 0) return;
        released = true;
        int index = recording;
        String cls = classes[index];
        Microphone.stop(Microphone.MIN_SECONDS, (samples, rate, error) -> {
            if (index < recordEls.length) recordEls[index].setAttribute("aria-pressed", "false");
            recording = -1;
            worker.sendFiles(SoundMessages.pcm(cls, "", samples, rate, ""));
        });
    }

    private void level(double peak) {
        double db = peak <= 0 ? -100 : 20 * Math.log10(peak);
        Html.setValue(Dom.byTestId("mic-level"), Dom.raw(Math.max(0, Math.min(1, (db + 60) / 60))));
    }

    private void micFailed(String why) {
        if (recording >= 0 && recording < recordEls.length) recordEls[recording].setAttribute("aria-pressed", "false");
        recording = -1;
        listening = false;
        Dom.byTestId("try-listen").setAttribute("aria-pressed", "false");
        micMessage.setTextContent(why);
        micMessage.setHidden(false);
        state.prediction = "Cannot listen: " + why;
    }

    /** Live "try it": the microphone's last second classified every {@value #LISTEN_EVERY} ms until pressed again. */
    private void listen() {
        listening = !listening;
        Dom.byTestId("try-listen").setAttribute("aria-pressed", listening ? "true" : "false");
        if (listening) Microphone.open(this::level, this::listenLoop, this::micFailed);
    }

    private void listenLoop() {
        if (!listening) return;
        Microphone.lastSecond((samples, rate, error) -> worker.send(SoundMessages.listen(samples, rate)));
        Js.setTimeout(this::listenLoop, LISTEN_EVERY);
    }

    private void tryFailed(String why) {
        state.prediction = "Cannot predict: " + why;
        Dom.byTestId("prediction").setTextContent(state.prediction);
    }

    /** A file the worker cannot read: decoded here, its samples sent back (or why it failed). */
    public void decode(SoundMessages.Decode m) {
        Microphone.decode(m.getBytes(), (samples, rate, error) ->
                worker.sendFiles(SoundMessages.pcm(m.getClassName(), m.getName(), samples, rate, error == null ? "" : error)));
    }

    /** A clip the worker sent to hear (one of a class's, or a test clip clicked in the gallery); data-played counts them. */
    public void play(SoundMessages.Clip m) {
        Microphone.play(m.getSamples(), 16000); // the clips' rate (SoundFormat.RATE)
        String played = panel.getAttribute("data-played");
        panel.setAttribute("data-played", Integer.toString(played == null ? 1 : Integer.parseInt(played) + 1));
    }

    private void train() {
        if ("true".equals(Dom.byTestId("sounds-use").getAttribute("aria-disabled"))) return;
        Settings s = state.settings.copy();
        boolean keep = isFor(s) && s.get("layers").contains("conv");
        Settings next = s.set("data", name).set("target", "").set("inputs", "").set("image", "").set("augment", "")
                .set("sound", Html.value(Dom.byTestId("sound-format")));
        if (!keep) for (var e : Settings.of(Recommended.SOUNDS, '&').changed().entrySet()) next.set(e.getKey(), e.getValue());
        onTrain.accept(next);
    }

    /** An opened model of someone's sounds: a note says it listens at once, and how to train it on. */
    public void awaiting(boolean opened) {
        Dom.byTestId("sounds-note").setHidden(!opened);
        if (opened) {
            name = state.settings.get("data");
            show();
        }
    }

    /** The Try it row follows the data: sounds listen instead of drawing. */
    public void sync(Settings s) {
        boolean sounds = isFor(s);
        if (sounds) {
            Html.setValue(Dom.byTestId("sound-format"), s.get("sound"));
            Dom.byTestId("draw-row").setHidden(true);
            Dom.byTestId("draw-title").setHidden(true);
            Dom.byTestId("try-image-row").setHidden(true);
        } else if (listening) {
            listen();
        }
        Dom.byTestId("try-sound-row").setHidden(!sounds);
        Dom.byTestId("gallery-title").setTextContent(sounds ? "Test clips (click one to hear it)" : "Test images");
    }

    /** A spectrogram's levels (0-255, highest band first) drawn as grey, loud is light. */
    @JSBody(params = {"canvas", "levels", "at", "side"}, script =
            "var js_g = canvas.getContext('2d'), js_img = js_g.createImageData(side, side);"
            + "for (var js_p = 0; js_p < side * side; js_p++) { var js_v = levels[at + js_p] & 255;"
            + "  js_img.data[4 * js_p] = js_v; js_img.data[4 * js_p + 1] = js_v; js_img.data[4 * js_p + 2] = js_v; js_img.data[4 * js_p + 3] = 255; }"
            + "js_g.putImageData(js_img, 0, 0);")
    private static native void drawSpectrogram(HTMLCanvasElement canvas, Int8Array levels, int at, int side);
}
