package studio.backprop.web.page;

import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/** The network's output over the 2-D input plane, with the data points on top. */
final class HeatmapView {
    private final HTMLCanvasElement canvas;
    private final CanvasRenderingContext2D g;

    HeatmapView(HTMLCanvasElement canvas) {
        this.canvas = canvas;
        this.g = (CanvasRenderingContext2D) canvas.getContext("2d");
    }

    void render(State s, boolean showTest) {
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (!s.planar) return;
        int n = s.grid;
        if (s.output.length == n * n && n > 0) {
            double cw = w / n, ch = h / n;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    double v = s.output[r * n + c];
                    g.setFillStyle(Colors.diverging(s.classification() ? 2 * v - 1 : v));
                    g.fillRect(Math.floor(c * cw), Math.floor(r * ch), Math.ceil(cw) + 1, Math.ceil(ch) + 1);
                }
            }
        }
        points(s, s.trainPoints, false, w, h);
        if (showTest) points(s, s.testPoints, true, w, h);
    }

    private void points(State s, double[] p, boolean test, double w, double h) {
        double radius = Math.max(2.5, w / 140);
        for (int i = 0; i + 2 < p.length; i += 3) {
            double x = (p[i] + s.extent) / (2 * s.extent) * w, y = (s.extent - p[i + 1]) / (2 * s.extent) * h;
            double v = p[i + 2];
            boolean one = s.classification() ? v >= 0.5 : v >= 0;
            g.setFillStyle(s.classification() ? (one ? Colors.CLASS1 : Colors.CLASS0) : Colors.diverging(v));
            g.setStrokeStyle(test ? "#202124" : "#ffffff");
            g.setLineWidth(test ? 1.5 : 1);
            g.beginPath();
            if (one) g.arc(x, y, radius, 0, 2 * Math.PI);
            else g.rect(x - radius * 0.9, y - radius * 0.9, radius * 1.8, radius * 1.8);
            g.fill();
            g.stroke();
        }
    }
}
