package studio.backprop.web.page.views;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import org.teavm.jso.typedarrays.Int32Array;
import studio.backprop.web.Js;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Colors;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.page.ui.Pad;

/**
 * Views for image data: test images with true and predicted labels, the first layer's weights
 * drawn as images, and a pad to draw on whose picture goes to the network as one sample.
 */
public final class ImageView {
    /** The offscreen canvases of the first layer's tiles and of the gallery's images, filled again at each draw. */
    private JSObject tileCanvas, galleryCanvas;
    /** The pixels the gallery's canvas holds. */
    private JSObject galleryDrawn;
    private final HTMLCanvasElement gallery, firstLayer, pad, maps;
    private final HTMLElement probabilities;

    ImageView() {
        gallery = (HTMLCanvasElement) Dom.byTestId("gallery");
        firstLayer = (HTMLCanvasElement) Dom.byTestId("first-layer");
        pad = (HTMLCanvasElement) Dom.byTestId("draw");
        maps = (HTMLCanvasElement) Dom.byTestId("feature-maps");
        probabilities = Dom.byTestId("probabilities");
        Dom.byTestId("draw-clear").addEventListener("click", e -> {
            Pad.clear(pad);
            Html.clear(probabilities);
        });
    }

    /** onPick gets the index of the gallery image the user clicks. */
    public void onPick(Pick onPick) {
        gallery.addEventListener("click", e -> {
            MouseEvent me = (MouseEvent) e;
            double scale = gallery.getWidth() / (double) Math.max(1, gallery.getClientWidth());
            int tile = gallery.getWidth() / GALLERY_COLUMNS - 6;
            int column = (int) (me.getOffsetX() * scale / (tile + 6)), row = (int) (me.getOffsetY() * scale / (tile + 24));
            int tileIndex = row * GALLERY_COLUMNS + column;
            if (column < GALLERY_COLUMNS && tileIndex < order.length) onPick.pick((int) order[tileIndex]);
        });
    }

    public interface Pick {
        void pick(int index);
    }

    /** onDrawn gets the ink's box each time the user lifts the pen. */
    public void onDrawing(Js.Callback onDrawn) {
        Pad.listen(pad, onDrawn);
    }

    /** The test image in each tile of the gallery: in order, or for the user's own images mistakes first. */
    private double[] order = new double[0];

    void render(State s) {
        if (s.imageSide == 0) return;
        order = order(s);
        int side = s.imageSide, count = s.galleryLabels.length;
        if (s.galleryPixels != galleryDrawn) { // the images change with a new run or a new order of mistakes, not at each render
            galleryCanvas = Colors.image(galleryCanvas, s.galleryPixels, side, side * count);
            galleryDrawn = s.galleryPixels;
        }
        drawGallery((CanvasRenderingContext2D) gallery.getContext("2d"), gallery.getWidth(), gallery.getHeight(), galleryCanvas,
                Float64Array.copyFromJavaArray(s.galleryLabels), Float64Array.copyFromJavaArray(s.galleryPredicted), Js.strings(s.classes),
                side, Float64Array.copyFromJavaArray(order), s.featureShapes.length > 0 ? s.watched : -1);
        Dom.byTestId("feature-maps-panel").setHidden(s.featureShapes.length == 0);
        Dom.byTestId("watched").setTextContent(Integer.toString(s.watched + 1));
        drawMaps((CanvasRenderingContext2D) maps.getContext("2d"), maps.getWidth(), maps.getHeight(),
                s.featureMapPixels, Float64Array.copyFromJavaArray(s.featureShapes));
        int tile = s.tileSide, units = tile == 0 || s.firstLayerPixels == null ? 0 : s.firstLayerPixels.getLength() / (tile * tile);
        tileCanvas = Colors.image(tileCanvas, s.firstLayerPixels, tile, tile * units);
        drawTiles((CanvasRenderingContext2D) firstLayer.getContext("2d"), firstLayer.getWidth(), firstLayer.getHeight(), tileCanvas, units, tile);
    }

    /** The gallery's images, mistakes first for the user's own images (else as the test part lists them). */
    private static double[] order(State s) {
        int n = s.galleryLabels.length;
        double[] out = new double[n];
        boolean predicted = s.photos && s.galleryPredicted.length == n;
        int k = 0;
        for (int pass = predicted ? 0 : 1; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                boolean wrong = predicted && s.galleryPredicted[i] != s.galleryLabels[i];
                if (pass == 1 ? !wrong || !predicted : wrong) out[k++] = i;
            }
        }
        return out;
    }

    /** Class probabilities for the drawing, largest first marked. */
    public void showProbabilities(State s, double[] p) {
        Html.clear(probabilities);
        double[] probs = p.length == 1 ? new double[] {1 - p[0], p[0]} : p;
        int best = 0;
        for (int i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
        for (int i = 0; i < probs.length && i < s.classes.length; i++) {
            HTMLElement li = Html.el("li");
            li.setAttribute("data-class", s.classes[i]);
            li.setAttribute("data-value", Dom.raw(probs[i]));
            if (i == best) li.setClassName("top");
            li.appendChild(Html.el("span", s.classes[i]));
            HTMLElement bar = Html.el("span");
            bar.setClassName("bar");
            Html.setWidthPercent(bar, 100 * probs[i]); // CSSOM, which the content security policy allows
            li.appendChild(bar);
            li.appendChild(Html.el("span", Dom.fixed(100 * probs[i], 1) + "%"));
            probabilities.appendChild(li);
        }
    }

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).

    static final int GALLERY_COLUMNS = 12;

    /** One row a conv layer: its maps, which the worker drew as ink tiles (each scaled to its own largest value). */
    @JSBody(params = {"g", "w", "h", "px", "shapes"}, script =
            "g.clearRect(0, 0, w, h); if (!px) return; var js_at = 0, js_y = 4, js_rows = shapes.length / 3;"
            + "var js_rowH = Math.floor((h - 4) / Math.max(1, js_rows)) - 4;"
            + "g.imageSmoothingEnabled = false; g.font = '11px system-ui, sans-serif'; g.fillStyle = '#5f6368'; g.textBaseline = 'top';"
            + "for (var js_l = 0; js_l < js_rows; js_l++) {"
            + "  var js_n = shapes[3 * js_l], js_mh = shapes[3 * js_l + 1], js_mw = shapes[3 * js_l + 2], js_size = js_mh * js_mw;"
            + "  var js_tile = Math.min(js_rowH - 14, Math.floor((w - 4) / js_n) - 4);"
            // a variable for the layer number: TeaVM prints s + (a + b) as s + a + b, a string
            + "  var js_k = js_l + 1; g.fillText('conv layer ' + js_k + ': ' + js_mh + '\u00d7' + js_mw, 2, js_y);"
            // the layer's maps one under the other in one offscreen canvas, kept on the view's canvas and reused at every draw
            + "  var js_cache = g.canvas.js_tiles || (g.canvas.js_tiles = []), js_c = js_cache[js_l];"
            + "  if (!js_c || js_c.width !== js_mw || js_c.height !== js_mh * js_n) {"
            + "    js_c = document.createElement('canvas'); js_c.width = js_mw; js_c.height = js_mh * js_n; js_cache[js_l] = js_c; }"
            + "  js_c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(px.buffer, px.byteOffset + 4 * js_at, 4 * js_n * js_size), js_mw, js_mh * js_n), 0, 0);"
            + "  for (var js_m = 0; js_m < js_n; js_m++) {"
            + "    var js_x = 2 + js_m * (js_tile + 4);"
            + "    g.drawImage(js_c, 0, js_m * js_mh, js_mw, js_mh, js_x, js_y + 14, js_tile, js_tile);"
            + "    g.strokeStyle = '#dadce0'; g.strokeRect(js_x, js_y + 14, js_tile, js_tile); }"
            + "  js_at += js_n * js_size; js_y += js_rowH + 4; }")
    private static native void drawMaps(CanvasRenderingContext2D g, int w, int h, Int32Array px, Float64Array shapes);

    /** Tile k shows test image order[k] (images: the worker's pixels of the gallery, one side x side tile under another). */
    @JSBody(params = {"g", "w", "h", "images", "labels", "predicted", "names", "side", "order", "watched"}, script =
            "g.clearRect(0, 0, w, h); if (!images) return; var js_n = labels.length, js_cols = 12, js_tile = Math.floor(w / js_cols) - 6;"
            + "g.font = '11px system-ui, sans-serif'; g.textAlign = 'center'; g.imageSmoothingEnabled = false;"
            + "for (var js_k = 0; js_k < js_n; js_k++) {"
            + "  var js_i = order[js_k];"
            + "  var js_x = (js_k % js_cols) * (js_tile + 6) + 3, js_y = Math.floor(js_k / js_cols) * (js_tile + 24) + 3;"
            + "  g.drawImage(images, 0, js_i * side, side, side, js_x, js_y, js_tile, js_tile);"
            + "  var js_ok = predicted.length === js_n && predicted[js_i] === labels[js_i];"
            + "  g.strokeStyle = predicted.length !== js_n ? '#dadce0' : js_ok ? '#188038' : '#d93025'; g.lineWidth = js_ok ? 1 : 2;"
            + "  g.strokeRect(js_x, js_y, js_tile, js_tile);"
            + "  if (js_i === watched) { g.strokeStyle = '#1a73e8'; g.lineWidth = 3; g.strokeRect(js_x - 2, js_y - 2, js_tile + 4, js_tile + 4); }"
            + "  g.fillStyle = js_ok || predicted.length !== js_n ? '#202124' : '#d93025';"
            + "  var js_t = String(names[labels[js_i]]) + (predicted.length === js_n && !js_ok ? ' \\u2192 ' + names[predicted[js_i]] : '');"
            + "  g.fillText(js_t.length > 16 ? js_t.slice(0, 15) + '\\u2026' : js_t, js_x + js_tile / 2, js_y + js_tile + 13, js_tile + 6); }")
    private static native void drawGallery(CanvasRenderingContext2D g, int w, int h, JSObject images, Float64Array labels, Float64Array predicted,
                                           JSObject names, int side, Float64Array order, int watched);

    @JSBody(params = {"g", "w", "h", "tiles", "units", "side"}, script =
            "g.clearRect(0, 0, w, h); if (!units || !tiles) return; var js_tile = Math.min(h - 6, Math.floor(w / units) - 6);"
            + "g.imageSmoothingEnabled = false;"
            + "for (var js_u = 0; js_u < units; js_u++) g.drawImage(tiles, 0, js_u * side, side, side, js_u * (js_tile + 6) + 3, 3, js_tile, js_tile);")
    private static native void drawTiles(CanvasRenderingContext2D g, int w, int h, JSObject tiles, int units, int side);

    public HTMLCanvasElement pad() {
        return pad;
    }

}
