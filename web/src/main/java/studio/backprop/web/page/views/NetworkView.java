package studio.backprop.web.page.views;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.Js;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Colors;
import studio.backprop.web.page.ui.Dom;

/**
 * The network drawn as columns of neurons joined by links: a link's colour is the sign of its
 * weight (blue positive, orange negative) and its width the size. On 2-D data each neuron
 * shows its own output over the plane. Hovering shows a weight's value. Wide layers show
 * their first {@link #SHOWN} neurons. A network with conv, pool or dropout layers is drawn layer
 * by layer: a spatial layer as a stack of its feature maps, a flat one as a column of units.
 */
public final class NetworkView {
    /** The neuron thumbnails' offscreen canvas, filled again at each draw. */
    private JSObject thumbCanvas;
    static final int SHOWN = 12;
    private static final double NODE = 26, LEFT = 112;

    private final HTMLCanvasElement canvas;
    private final CanvasRenderingContext2D g;
    private final HTMLElement hover;
    /** What the last drawing showed (hovering reads these, not the state, which may be newer). */
    private int[] widths = new int[0];
    private double[] weights = new double[0];
    private boolean imageInput;
    private String[] inputs = new String[0], classes = new String[0];
    /** Node centres: x[l], y[l][i] for the shown neurons. */
    private double[] xs = new double[0];
    private double[][] ys = new double[0][];
    /** Layer l (1-based) to mark, with the links into it, for the explorer; 0 for none. */
    public int highlight;

    NetworkView(HTMLCanvasElement canvas, HTMLElement hover) {
        this.canvas = canvas;
        this.g = (CanvasRenderingContext2D) canvas.getContext("2d");
        this.hover = hover;
        canvas.addEventListener("mousemove", e -> onHover((MouseEvent) e));
        canvas.addEventListener("mouseleave", e -> hover.setTextContent(""));
    }

    public void render(State s) {
        int layers = s.widths.length;
        double w = canvas.getWidth(), h = canvas.getHeight();
        if (layers == 0 && s.layerNames.length > 0) {
            // conv, pool and dropout layers: each layer a stack of its feature maps, or a column of units
            xs = new double[0];
            drawStacks(g, w, h, Js.strings(s.layerNames), Js.strings(s.layerShapes), highlight > 0 ? highlight : -1);
            return;
        }
        if (layers == 0) {
            g.clearRect(0, 0, w, h);
            xs = new double[0];
            return;
        }
        xs = new double[layers];
        ys = new double[layers][];
        for (int l = 0; l < layers; l++) {
            xs[l] = layers == 1 ? w / 2 : LEFT + l * (w - LEFT - 24) / (layers - 1);
            // an image's pixels are one input node: its weights are drawn as images in the image views
            int shown = l == 0 && s.imageSide > 0 ? 1 : Math.min(SHOWN, s.widths[l]);
            ys[l] = new double[shown];
            for (int i = 0; i < shown; i++) ys[l][i] = h / 2 + (i - (shown - 1) / 2.0) * Math.min(NODE + 8, (h - 24) / shown);
        }
        // links: x1, y1, x2, y2, weight
        int links = 0;
        for (int l = s.imageSide > 0 ? 1 : 0; l + 1 < layers; l++) links += ys[l].length * ys[l + 1].length;
        double[] segments = new double[5 * links];
        double maxAbs = 1e-12;
        int k = 0, offset = 0;
        int expected = 0;
        for (int l = 0; l + 1 < layers; l++) expected += s.widths[l] * s.widths[l + 1];
        boolean haveWeights = s.weights.length == expected;
        boolean image = s.imageSide > 0;
        for (int l = 0; l + 1 < layers; l++) {
            int n = s.widths[l + 1];
            for (int i = 0; i < (l == 0 && image ? 0 : ys[l].length); i++) {
                for (int j = 0; j < ys[l + 1].length; j++) {
                    double wt = haveWeights ? s.weights[offset + i * n + j] : 0;
                    maxAbs = Math.max(maxAbs, Math.abs(wt));
                    segments[k++] = xs[l];
                    segments[k++] = ys[l][i];
                    segments[k++] = xs[l + 1];
                    segments[k++] = ys[l + 1][j];
                    segments[k++] = wt;
                }
            }
            offset += s.widths[l] * n;
        }
        widths = s.widths.clone();
        imageInput = image;
        weights = haveWeights ? s.weights : new double[0];
        inputs = s.inputs;
        classes = s.classes;
        double[] nodes = new double[0];
        int count = 0;
        for (double[] col : ys) count += col.length;
        nodes = new double[3 * count];
        k = 0;
        for (int l = 0; l < layers; l++) {
            for (int i = 0; i < ys[l].length; i++) {
                nodes[k++] = xs[l];
                nodes[k++] = ys[l][i];
                nodes[k++] = l == 0 ? -1 : thumbIndex(s, l, i);
            }
        }
        int grid = s.neuronGrid, tiles = grid == 0 || s.neuronPixels == null ? 0 : s.neuronPixels.getLength() / (grid * grid);
        draw(g, w, h, Float64Array.copyFromJavaArray(segments), maxAbs, Float64Array.copyFromJavaArray(nodes),
                thumbCanvas = Colors.image(thumbCanvas, s.neuronPixels, grid, grid * tiles), grid, tiles, NODE);
        if (highlight > 0 && highlight < layers) mark(g, xs[highlight - 1] + NODE / 2 + 2, xs[highlight] + NODE / 2 + 3, h);
        if (image) {
            label(g, s.imageSide + "\u00d7" + s.imageSide + " image", xs[0] - NODE / 2 - 4, ys[0][0]);
            label(g, Dom.grouped(s.widths[0]) + " pixels", xs[0] - NODE / 2 - 4, ys[0][0] + 16);
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < (image ? 0 : ys[0].length); i++) {
            String name = inputLabel(i < s.inputs.length ? s.inputs[i] : "");
            label(g, name, xs[0] - NODE / 2 - 4, ys[0][i], LEFT - NODE / 2 - 10);
            shown.append(i > 0 ? "|" : "").append(name);
        }
        canvas.setAttribute("data-input-labels", shown.toString());
        if (!image && s.widths.length > 0 && s.widths[0] > ys[0].length) label(g, "+" + (s.widths[0] - ys[0].length) + " more", xs[0] + NODE / 2, h - 6);
    }

    /** Index of neuron i of layer l among the neuron grids the worker sends (hidden layers, then the output). */
    private static int thumbIndex(State s, int l, int i) {
        if (s.neuronPixels == null || s.neuronGrid == 0) return -1;
        int index = 0;
        for (int q = 1; q < l; q++) index += Math.min(SHOWN, s.widths[q]);
        return index + i;
    }

    private void onHover(MouseEvent e) {
        if (xs.length == 0) return;
        double sx = canvas.getWidth() / (double) Math.max(1, canvas.getClientWidth());
        double px = e.getOffsetX() * sx, py = e.getOffsetY() * sx;
        for (int l = 0; l < xs.length; l++) {
            for (int i = 0; i < ys[l].length; i++) {
                if (Math.abs(px - xs[l]) <= NODE / 2 && Math.abs(py - ys[l][i]) <= NODE / 2) {
                    hover.setTextContent(neuronName(l, i));
                    return;
                }
            }
        }
        if (weights.length == 0) return;
        int offset = 0;
        for (int l = 0; l + 1 < xs.length; l++) {
            int n = widths[l + 1];
            if (px > xs[l] && px < xs[l + 1] && !(l == 0 && imageInput)) {
                double t = (px - xs[l]) / (xs[l + 1] - xs[l]), best = 5;
                String text = "";
                for (int i = 0; i < ys[l].length; i++) {
                    for (int j = 0; j < ys[l + 1].length; j++) {
                        double d = Math.abs(py - (ys[l][i] + t * (ys[l + 1][j] - ys[l][i])));
                        if (d < best) {
                            best = d;
                            text = "W" + sup(l + 1) + " from " + neuronName(l, i) + " to " + neuronName(l + 1, j) + ": "
                                    + Dom.fixed(weights[offset + i * n + j], 4);
                        }
                    }
                }
                hover.setTextContent(text);
                return;
            }
            offset += widths[l] * n;
        }
    }

    private String neuronName(int l, int i) {
        if (l == 0 && imageInput) return "the image's " + widths[0] + " pixels (the first layer's weights are drawn as images below)";
        if (l == 0) return i < inputs.length ? inputs[i] : "input " + (i + 1);
        if (l == xs.length - 1) return classes.length > 2 && i < classes.length ? "output " + classes[i] : "output";
        return "neuron " + (i + 1) + " of hidden layer " + l;
    }

    private static String sup(int l) {
        return "[" + l + "]";
    }

    @JSBody(params = {"g", "w", "h", "names", "shapes", "mark"}, script =
            "g.clearRect(0, 0, w, h); var js_n = names.length, js_step = (w - 120) / Math.max(1, js_n - 1);"
            + "g.font = '11px system-ui, sans-serif'; g.textAlign = 'center'; g.textBaseline = 'top';"
            + "for (var js_l = 0; js_l < js_n; js_l++) {"
            + "  var js_x = 60 + js_l * js_step, js_s = shapes[js_l].split('\u00d7'), js_cy = h / 2 - 14;"
            + "  if (js_s.length === 3) {"
            // a stack of up to 8 maps, each a square that shrinks with the map's side
            + "    var js_side = Math.max(10, Math.min(64, Number(js_s[0]) * 2)), js_maps = Math.min(8, Number(js_s[2]));"
            + "    for (var js_m = js_maps - 1; js_m >= 0; js_m--) {"
            + "      var js_x0 = js_x - js_side / 2 + js_m * 4, js_y0 = js_cy - js_side / 2 - js_m * 4;"
            + "      g.fillStyle = js_l === 0 ? '#ffffff' : js_m % 2 ? '#d2e3fc' : '#e8f0fe'; g.fillRect(js_x0, js_y0, js_side, js_side);"
            + "      g.strokeStyle = '#1a73e8'; g.lineWidth = 1; g.strokeRect(js_x0, js_y0, js_side, js_side); }"
            // a sequence (steps x features, or a text's symbols): one cell per step, up to 8, as tall as its features
            + "  } else if (js_s.length === 2 || shapes[js_l].indexOf(' symbols') > 0) {"
            + "    var js_t = parseInt(shapes[js_l], 10), js_f = js_s.length === 2 ? Number(js_s[1]) : 1, js_cells = Math.min(8, js_t);"
            + "    var js_ch = Math.max(8, Math.min(90, 3 * js_f)), js_x0 = js_x - js_cells * 5;"
            + "    for (var js_c = 0; js_c < js_cells; js_c++) {"
            + "      g.fillStyle = js_l === 0 ? '#ffffff' : '#e8f0fe'; g.fillRect(js_x0 + js_c * 10, js_cy - js_ch / 2, 8, js_ch);"
            + "      g.strokeStyle = '#1a73e8'; g.lineWidth = 1; g.strokeRect(js_x0 + js_c * 10, js_cy - js_ch / 2, 8, js_ch); }"
            + "  } else {"
            + "    var js_units = Math.min(10, Number(shapes[js_l]));"
            + "    for (var js_u = 0; js_u < js_units; js_u++) { g.beginPath();"
            + "      g.arc(js_x, js_cy + (js_u - (js_units - 1) / 2) * 11, 4, 0, 2 * Math.PI);"
            + "      g.fillStyle = '#e8f0fe'; g.fill(); g.strokeStyle = '#1a73e8'; g.stroke(); } }"
            + "  if (js_l === mark) { g.strokeStyle = '#f9ab00'; g.lineWidth = 2; g.strokeRect(js_x - js_step / 2 + 4, 4, js_step - 8, h - 8); }"
            + "  g.fillStyle = '#202124'; g.fillText(names[js_l], js_x, h - 40); g.fillStyle = '#5f6368'; g.fillText(shapes[js_l], js_x, h - 24); }")
    private static native void drawStacks(CanvasRenderingContext2D g, double w, double h, JSObject names, JSObject shapes, int mark);

    @JSBody(params = {"g", "x0", "x1", "h"}, script =
            "g.fillStyle = 'rgba(251,188,4,0.18)'; g.fillRect(x0, 2, x1 - x0, h - 4);"
            + "g.strokeStyle = '#f9ab00'; g.lineWidth = 2; g.strokeRect(x0, 2, x1 - x0, h - 4);")
    private static native void mark(CanvasRenderingContext2D g, double x0, double x1, double h);

    /**
     * An input's name as the drawing labels it: whole, but for a unit in parentheses at the end
     * when the name is long ("sepal length (cm)" is "sepal length"; hover gives the whole name)
     * and at most 24 characters; {@link #label} fits what is left to the margin.
     */
    static String inputLabel(String name) {
        int unit = name.lastIndexOf(" (");
        if (name.length() > 14 && unit > 0 && name.endsWith(")")) name = name.substring(0, unit);
        return name.length() > 24 ? name.substring(0, 23) + "\u2026" : name;
    }

    private static void label(CanvasRenderingContext2D g, String text, double x, double y) {
        label(g, text, x, y, 1e9);
    }

    /** Grey text ending at x, narrowed by the canvas to {@code maxWidth} where it is wider. */
    @JSBody(params = {"g", "text", "x", "y", "maxWidth"}, script =
            "g.fillStyle = '#5f6368'; g.font = '12px system-ui, sans-serif'; g.textAlign = 'right'; g.textBaseline = 'middle';"
            + "g.fillText(text, x, y, maxWidth);")
    private static native void label(CanvasRenderingContext2D g, String text, double x, double y, double maxWidth);

    @JSBody(params = {"g", "w", "h", "seg", "maxAbs", "nodes", "thumbs", "grid", "count", "size"}, script =
            "g.clearRect(0, 0, w, h); g.lineCap = 'round';"
            // links in 2 x 12 buckets of sign and strength: one path and one stroke per bucket
            // (a stroke per link cost ~50 ms a frame for 2,000 links on a loaded machine), weakest first
            + "var js_b = []; for (var js_k = 0; js_k < 24; js_k++) js_b.push([]);"
            + "for (var js_i = 0; js_i < seg.length; js_i += 5) {"
            + "  var js_w = seg[js_i + 4], js_q = Math.min(11, Math.floor(12 * Math.min(1, Math.abs(js_w) / maxAbs)));"
            + "  js_b[js_q * 2 + (js_w >= 0 ? 0 : 1)].push(js_i); }"
            + "for (var js_k = 0; js_k < 24; js_k++) {"
            + "  var js_l = js_b[js_k]; if (!js_l.length) continue;"
            + "  var js_a = ((js_k >> 1) + 0.5) / 12, js_o = 0.15 + 0.85 * js_a;"
            // the opacity is a variable: TeaVM prints s + (a + b) as s + a + b, a string
            + "  g.strokeStyle = (js_k & 1) ? 'rgba(232,113,10,' + js_o + ')' : 'rgba(26,115,232,' + js_o + ')';"
            + "  g.lineWidth = 0.5 + 3.5 * js_a; g.beginPath();"
            + "  for (var js_j = 0; js_j < js_l.length; js_j++) { var js_i = js_l[js_j];"
            + "    g.moveTo(seg[js_i], seg[js_i + 1]); g.lineTo(seg[js_i + 2], seg[js_i + 3]); }"
            + "  g.stroke(); }"
            // all thumbnails are one tall image: one drawImage per neuron
            + "g.imageSmoothingEnabled = true;"
            + "for (var js_k = 0; js_k < nodes.length; js_k += 3) {"
            + "  var js_x = nodes[js_k] - size / 2, js_y = nodes[js_k + 1] - size / 2, js_t = nodes[js_k + 2];"
            + "  g.fillStyle = '#ffffff'; g.fillRect(js_x, js_y, size, size);"
            + "  if (thumbs && js_t >= 0 && js_t < count) g.drawImage(thumbs, 0, js_t * grid, grid, grid, js_x, js_y, size, size);"
            + "  g.strokeStyle = '#5f6368'; g.lineWidth = 1; g.strokeRect(js_x, js_y, size, size); }")
    private static native void draw(CanvasRenderingContext2D g, double w, double h, Float64Array seg, double maxAbs,
                                    Float64Array nodes, JSObject thumbs, int grid, int count, double size);
}
