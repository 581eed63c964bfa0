package studio.backprop.web.page.explorer;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.Js;
import studio.backprop.web.page.ui.Colors;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.Pixels;

/**
 * C x H x W maps as a grid of tiles, one colour scale for all of them (the explorer's matrix
 * palette, so a map reads like its numbers), cells drawn as crisp squares, with places
 * outlined; a click reports the tile and where in it.
 */
public final class MapFigure {
    /** Tiles per row, and the side a tile aims at in canvas pixels. */
    private static final int COLUMNS = 8, TILE = 84, GAP = 4;

    interface Pick {
        void pick(int tile, double fy, double fx);
    }

    private MapFigure() {}

    /**
     * outlines: groups of (tile or -1 for every tile, top, left, height, width) in map cells;
     * onPick null for a map that is not a control.
     */
    static void add(HTMLElement into, String caption, String id, double[] values, int[] shape, double[] outlines, Pick onPick) {
        int C = shape[0], H = shape[1], W = shape[2];
        HTMLElement fig = Html.el("figure");
        fig.setClassName("map");
        fig.setAttribute("data-testid", "map-" + id);
        HTMLElement cap = Html.el("figcaption");
        Equations.addText(cap, caption);
        cap.appendChild(Html.el("span", "  " + H + "\u00d7" + W + "\u00d7" + C));
        fig.appendChild(cap);
        HTMLCanvasElement canvas = (HTMLCanvasElement) Html.el("canvas");
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", Equations.plain(caption) + ", " + C + " maps of " + H + "\u00d7" + W);
        JSObject image = Colors.image(null, Js.int32(Pixels.tiles(values, values.length, 1e-12)), W, C * H);
        int scale = Math.max(1, TILE / Math.max(H, W)), columns = Math.min(C, COLUMNS);
        draw(canvas, image, C, H, W, columns, scale, GAP, Float64Array.copyFromJavaArray(outlines));
        if (onPick != null) {
            canvas.setClassName("pickable");
            canvas.setAttribute("title", "click a place to follow it");
            canvas.addEventListener("click", e -> {
                MouseEvent me = (MouseEvent) e;
                double k = canvas.getWidth() / (double) Math.max(1, canvas.getClientWidth());
                double x = me.getOffsetX() * k - 1, y = me.getOffsetY() * k - 1;
                int tw = W * scale, th = H * scale, col = (int) (x / (tw + GAP)), row = (int) (y / (th + GAP));
                double fx = (x - col * (tw + GAP)) / tw, fy = (y - row * (th + GAP)) / th;
                int tile = row * columns + col;
                if (x >= 0 && y >= 0 && col < columns && fx < 1 && fy < 1 && tile < C) onPick.pick(tile, fy, fx);
            });
        }
        fig.appendChild(canvas);
        into.appendChild(fig);
    }

    // JSBody locals are named js_* (TeaVM renames parameters to short names they could shadow).
    @JSBody(params = {"canvas", "image", "C", "H", "W", "cols", "scale", "gap", "outlines"}, script =
            "var js_tw = W * scale, js_th = H * scale, js_rows = Math.ceil(C / cols);"
            + "canvas.width = cols * (js_tw + gap) - gap + 2; canvas.height = js_rows * (js_th + gap) - gap + 2;"
            + "var js_g = canvas.getContext('2d'); js_g.imageSmoothingEnabled = false;"
            + "for (var js_c = 0; js_c < C; js_c++) {"
            + "  var js_x = 1 + (js_c % cols) * (js_tw + gap), js_y = 1 + Math.floor(js_c / cols) * (js_th + gap);"
            + "  js_g.drawImage(image, 0, js_c * H, W, H, js_x, js_y, js_tw, js_th);"
            + "  js_g.lineWidth = 1; js_g.strokeStyle = '#dadce0'; js_g.strokeRect(js_x - 0.5, js_y - 0.5, js_tw + 1, js_th + 1);"
            + "  for (var js_o = 0; js_o + 4 < outlines.length; js_o += 5) {"
            + "    if (outlines[js_o] >= 0 && outlines[js_o] !== js_c) continue;"
            + "    var js_t = Math.max(0, outlines[js_o + 1]), js_l = Math.max(0, outlines[js_o + 2]);"
            + "    var js_b = Math.min(H, outlines[js_o + 1] + outlines[js_o + 3]), js_r = Math.min(W, outlines[js_o + 2] + outlines[js_o + 4]);"
            + "    if (js_b <= js_t || js_r <= js_l) continue;"
            + "    js_g.lineWidth = 2; js_g.strokeStyle = '#202124';"
            + "    js_g.strokeRect(js_x + js_l * scale + 1, js_y + js_t * scale + 1, (js_r - js_l) * scale - 2, (js_b - js_t) * scale - 2); } }")
    private static native void draw(HTMLCanvasElement canvas, JSObject image, int C, int H, int W, int cols, int scale, int gap,
            Float64Array outlines);
}
