package studio.backprop.web.page.data;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Int8Array;
import studio.backprop.engine.data.Images;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.protocol.ToWorker;

/**
 * Your own images: a folder or a .zip with one sub-folder per class, image files, or classes made
 * here and filled by file, drop or camera. The worker holds and decodes the images (they never
 * leave the machine); this panel shows what it reports (classes, counts, the first images of each
 * as the network sees them, skipped files, progress) and sends the user's changes. "Train"
 * starts the recommended conv net on them at the chosen size and colour.
 */
public final class ImagesPanel {
    @JSFunctor
    interface Frame extends JSObject {
        void accept(Int8Array rgba, int width, int height);
    }

    /** The largest side a camera frame is taken at (its centred square, scaled down by the browser). */
    static final int FRAME = 224;

    private final WorkerClient worker;
    private final State state;
    private final java.util.function.Consumer<Settings> onTrain;
    private final Failed onError;
    private final HTMLElement panel = Dom.byTestId("images-classes-panel");
    private final HTMLElement list = Dom.byTestId("image-classes");
    private final HTMLElement video = Dom.byTestId("camera");
    private String[] classes = new String[0];
    private double[] counts = new double[0];
    /** Each class row's count and thumbnails (rows are made again when the classes change, so they are not looked up by testid). */
    private HTMLElement[] countEls = new HTMLElement[0];
    private HTMLCanvasElement[] galleryEls = new HTMLCanvasElement[0];
    /** The name of the data set (the zip's or folder's name, or "my images"). */
    private String name = "my images";
    /** A capture button is held (a burst goes on), the live camera prediction is on. */
    private boolean holding, live;

    public ImagesPanel(WorkerClient worker, State state, java.util.function.Consumer<Settings> onTrain, Failed onError) {
        this.worker = worker;
        this.state = state;
        this.onTrain = onTrain;
        this.onError = onError;
        HTMLElement file = Dom.byTestId("images-file"), folder = Dom.byTestId("images-folder");
        file.addEventListener("change", e -> chosen(file, ""));
        folder.addEventListener("change", e -> chosen(folder, ""));
        Uploads.listenDrop(Dom.byTestId("images-drop"), (files, paths) -> add(files, paths, ""));
        Dom.byTestId("images-make").addEventListener("click", e -> {
            if (classes.length == 0) {
                worker.sendFiles(ToWorker.imagesEdit(ToWorker.ImagesOp.ADD, 0, "class 1"));
                worker.sendFiles(ToWorker.imagesEdit(ToWorker.ImagesOp.ADD, 0, "class 2"));
            }
            show();
        });
        Dom.byTestId("class-add").addEventListener("click", e -> worker.sendFiles(ToWorker.imagesEdit(ToWorker.ImagesOp.ADD, 0, Uploads.freeName(classes))));
        Dom.byTestId("images-cancel").addEventListener("click", e -> worker.sendFiles(ToWorker.imagesEdit(ToWorker.ImagesOp.CANCEL, 0, "")));
        Dom.byTestId("images-clear").addEventListener("click", e -> {
            worker.sendFiles(ToWorker.imagesEdit(ToWorker.ImagesOp.CLEAR, 0, ""));
            stopCamera(video);
            panel.setHidden(true);
        });
        Dom.byTestId("images-use").addEventListener("click", e -> train());
        HTMLElement tryFile = Dom.byTestId("try-image");
        tryFile.addEventListener("change", e -> {
            JSObject f = Uploads.firstFile(tryFile);
            if (f != null) worker.send(ToWorker.predictFile(f));
        });
        Dom.byTestId("try-camera").addEventListener("click", e -> liveCamera());
    }

    private void chosen(HTMLElement input, String into) {
        add(Uploads.files(input), Uploads.paths(input), into);
        Uploads.clearInput(input);
    }

    private void add(JSObject[] files, String[] paths, String into) {
        if (files.length == 0) return;
        if (into.isEmpty()) {
            name = Uploads.dataName(paths, "my images", "images");
            into = Uploads.looseInto(paths, classes);
        }
        worker.sendFiles(ToWorker.imagesAdd(files, paths, into));
        show();
    }

    private void show() {
        panel.setHidden(false);
        panel.scrollIntoView();
    }

    /** The worker's report: the class list drawn again, thumbnails and all. */
    public void update(FromWorker.ImagesSummary m) {
        panel.setHidden(false);
        boolean sameClasses = java.util.Arrays.equals(classes, m.getClasses());
        classes = m.getClasses();
        counts = m.getCounts().copyToJavaArray();
        int total = 0;
        for (double c : counts) total += (int) c;
        Dom.byTestId("images-summary").setTextContent(total + " images in " + classes.length + " classes");
        Dom.byTestId("images-summary").setAttribute("data-value", Integer.toString(total));
        double f = m.getFraction();
        Uploads.report("images", f, m.getMessage(), m.getSkipped());
        if (!sameClasses) buildRows();
        int side = m.getSide(), per = m.getThumbsPerClass();
        for (int k = 0; k < classes.length; k++) {
            HTMLElement count = countEls[k];
            count.setTextContent(counts[k] == 1 ? "1 image" : (int) counts[k] + " images");
            count.setAttribute("data-value", Integer.toString((int) counts[k]));
            drawThumbs(galleryEls[k], m.getThumbs(), k * per, Math.min(per, (int) counts[k]), side);
        }
        Dom.byTestId("images-use").setAttribute("aria-disabled", total > 0 && f < 0 ? "false" : "true");
    }

    private void buildRows() {
        Html.clear(list);
        countEls = new HTMLElement[classes.length];
        galleryEls = new HTMLCanvasElement[classes.length];
        for (int k = 0; k < classes.length; k++) {
            int index = k;
            HTMLElement row = Html.el("li");
            row.setAttribute("data-testid", "class-" + k);
            HTMLElement nameBox = Html.el("input");
            nameBox.setAttribute("type", "text");
            nameBox.setAttribute("data-testid", "class-name-" + k);
            nameBox.setAttribute("aria-label", "Name of class " + (k + 1));
            Html.setValue(nameBox, classes[k]);
            nameBox.addEventListener("change", e -> {
                String v = Html.value(nameBox).trim();
                if (!v.isEmpty()) worker.sendFiles(ToWorker.imagesEdit(ToWorker.ImagesOp.RENAME, index, v));
            });
            row.appendChild(nameBox);
            HTMLElement count = Html.el("output");
            count.setAttribute("data-testid", "class-count-" + k);
            countEls[k] = count;
            row.appendChild(count);
            HTMLElement thumbs = Html.el("canvas");
            thumbs.setAttribute("data-testid", "class-gallery-" + k);
            thumbs.setAttribute("width", "264");
            thumbs.setAttribute("height", "33");
            thumbs.setAttribute("role", "img");
            thumbs.setAttribute("aria-label", "The first images of class " + classes[k] + " as the network sees them");
            galleryEls[k] = (HTMLCanvasElement) thumbs;
            row.appendChild(thumbs);
            HTMLElement tools = Html.el("span");
            tools.setClassName("class-tools");
            HTMLElement add = Html.el("label", "Add images ");
            add.setClassName("file small");
            HTMLElement input = Html.el("input");
            input.setAttribute("type", "file");
            input.setAttribute("multiple", "");
            input.setAttribute("accept", "image/png,image/jpeg,image/webp,image/gif,.zip");
            input.setAttribute("data-testid", "class-file-" + k);
            input.addEventListener("change", e -> chosen(input, classes[index]));
            add.appendChild(input);
            tools.appendChild(add);
            HTMLElement capture = Html.el("button", "\u25cf Hold to record");
            capture.setAttribute("type", "button");
            capture.setClassName("small");
            capture.setAttribute("data-testid", "capture-" + k);
            capture.setAttribute("title", "A click takes one picture with the camera; hold for a burst");
            capture.addEventListener("pointerdown", e -> record(index));
            capture.addEventListener("pointerup", e -> holding = false);
            capture.addEventListener("pointerleave", e -> holding = false);
            capture.addEventListener("keydown", e -> {
                String key = ((org.teavm.jso.dom.events.KeyboardEvent) e).getKey();
                if (key.equals("Enter") || key.equals(" ")) record(index);
            });
            capture.addEventListener("keyup", e -> holding = false);
            tools.appendChild(capture);
            HTMLElement remove = Html.el("button", "Remove");
            remove.setAttribute("type", "button");
            remove.setClassName("small");
            remove.setAttribute("data-testid", "class-remove-" + k);
            remove.addEventListener("click", e -> worker.sendFiles(ToWorker.imagesEdit(ToWorker.ImagesOp.REMOVE, index, "")));
            tools.appendChild(remove);
            row.appendChild(tools);
            Uploads.listenDrop(row, (files, paths) -> add(files, paths, classes[index]));
            list.appendChild(row);
        }
    }

    /** Camera pictures for a class: one at once, then more every 150 ms while the button is held. */
    private void record(int index) {
        holding = true;
        String cls = classes[index];
        startCamera(video, (rgba, w, h) -> worker.sendFiles(ToWorker.imagesFrame(cls, w, h, rgba)), () -> holding, 150, FRAME, onError);
    }

    /** Live "try it" from the camera: a prediction every 250 ms until pressed again. */
    private void liveCamera() {
        live = !live;
        Dom.byTestId("try-camera").setAttribute("aria-pressed", live ? "true" : "false");
        if (!live) return;
        startCamera(video, (rgba, w, h) -> worker.send(ToWorker.predictFrame(rgba, w, h)), () -> live, 250, FRAME, onError);
    }

    private void train() {
        if ("true".equals(Dom.byTestId("images-use").getAttribute("aria-disabled"))) return;
        Settings s = state.settings.copy();
        // a conv net already chosen for these images stays; anything else gets the recommended one
        boolean keep = Images.own(s.get("data"), s.get("image")) && s.get("layers").contains("conv");
        Settings next = s.set("data", name).set("target", "").set("inputs", "").set("image", Html.value(Dom.byTestId("image-format")))
                .set("augment", Html.value(Dom.byTestId("augment")));
        if (!keep) for (var e : Settings.of(Recommended.IMAGES, '&').changed().entrySet()) next.set(e.getKey(), e.getValue());
        onTrain.accept(next);
    }

    /** An opened model of someone's images: a note says what it can do without them. */
    public void awaiting(boolean opened) {
        Dom.byTestId("images-note").setHidden(!opened);
        if (opened) {
            name = state.settings.get("data");
            show();
        }
    }

    /** The format select follows the settings (auto unless one was chosen). */
    public void sync(Settings s) {
        String image = s.get("image");
        Html.setValue(Dom.byTestId("image-format"), image.isEmpty() ? "auto" : image);
        Html.setValue(Dom.byTestId("augment"), s.get("augment"));
        boolean photos = Images.own(s.get("data"), s.get("image"));
        Dom.byTestId("draw-row").setHidden(photos);
        Dom.byTestId("draw-title").setHidden(photos);
        Dom.byTestId("try-image-row").setHidden(!photos);
    }

    /** The thumbnails of one class: RGB planes of side x side levels, one after another. */
    @JSBody(params = {"canvas", "thumbs", "first", "count", "side"}, script =
            "var js_g = canvas.getContext('2d'), js_t = canvas.height, js_plane = side * side; js_g.clearRect(0, 0, canvas.width, canvas.height);"
            + "if (!count) return; var js_c = document.createElement('canvas'); js_c.width = side; js_c.height = side;"
            + "var js_cc = js_c.getContext('2d'), js_img = js_cc.createImageData(side, side); js_g.imageSmoothingEnabled = false;"
            + "for (var js_k = 0; js_k < count; js_k++) { var js_at = (first + js_k) * 3 * js_plane;"
            + "  for (var js_p = 0; js_p < js_plane; js_p++) { for (var js_ch = 0; js_ch < 3; js_ch++)"
            + "    js_img.data[4 * js_p + js_ch] = thumbs[js_at + js_ch * js_plane + js_p] & 255; js_img.data[4 * js_p + 3] = 255; }"
            + "  js_cc.putImageData(js_img, 0, 0); js_g.drawImage(js_c, js_k * js_t, 0, js_t - 1, js_t - 1); }")
    private static native void drawThumbs(HTMLCanvasElement canvas, Int8Array thumbs, int first, int count, int side);

    @JSFunctor
    interface Condition extends JSObject {
        boolean holds();
    }

    @JSFunctor
    public interface Failed extends JSObject {
        void failed(String message);
    }

    /**
     * Starts the camera (once; it stays on for the page) and takes a frame as soon as it plays,
     * then one every {@code every} ms while {@code more} holds: the frame's centred square scaled
     * to at most {@code max} pixels a side, as RGBA.
     */
    @JSBody(params = {"video", "frame", "more", "every", "max", "fail"}, script =
            "function js_grab() {"
            + "  var js_w = video.videoWidth, js_h = video.videoHeight; if (!js_w || !js_h) return;"
            + "  var js_s = Math.min(js_w, js_h), js_o = Math.min(max, js_s);"
            + "  var js_c = video.js_grab || (video.js_grab = document.createElement('canvas')); js_c.width = js_o; js_c.height = js_o;"
            + "  var js_g = js_c.getContext('2d', {willReadFrequently: true});"
            + "  js_g.drawImage(video, (js_w - js_s) / 2, (js_h - js_s) / 2, js_s, js_s, 0, 0, js_o, js_o);"
            + "  var js_d = js_g.getImageData(0, 0, js_o, js_o).data; frame(new Int8Array(js_d.buffer), js_o, js_o); }"
            + "function js_loop() { js_grab(); setTimeout(function () { if (more()) js_loop(); }, every); }"
            + "if (video.srcObject && video.videoWidth) { js_loop(); return; }"
            + "if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { fail('this browser has no camera access'); return; }"
            + "if (video.js_starting) { video.js_starting.push(js_loop); return; }"
            + "video.js_starting = [js_loop];"
            + "navigator.mediaDevices.getUserMedia({video: {width: 640, height: 480}, audio: false}).then(function (js_stream) {"
            + "  video.srcObject = js_stream; video.hidden = false;"
            + "  video.onloadeddata = function () { var js_l = video.js_starting; video.js_starting = null; js_l.forEach(function (js_f) { js_f(); }); };"
            + "  return video.play(); }).catch(function (js_e) { video.js_starting = null; fail('the camera could not start: ' + (js_e && js_e.message || js_e)); });")
    private static native void startCamera(HTMLElement video, Frame frame, Condition more, int every, int max, Failed fail);

    @JSBody(params = "video", script = "if (video.srcObject) { video.srcObject.getTracks().forEach(function (js_t) { js_t.stop(); }); video.srcObject = null; }"
            + " video.hidden = true;")
    private static native void stopCamera(HTMLElement video);
}
