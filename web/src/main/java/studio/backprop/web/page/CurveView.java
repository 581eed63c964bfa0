package studio.backprop.web.page;

import java.util.List;
import org.teavm.jso.canvas.CanvasRenderingContext2D;
import org.teavm.jso.dom.html.HTMLCanvasElement;

/** Curves over epochs: train (solid) and test (dashed) for one column of the history. */
final class CurveView {
    private final HTMLCanvasElement canvas;
    private final CanvasRenderingContext2D g;
    private final int trainColumn;
    private final boolean unitRange;

    CurveView(HTMLCanvasElement canvas, int trainColumn, boolean unitRange) {
        this.canvas = canvas;
        this.g = (CanvasRenderingContext2D) canvas.getContext("2d");
        this.trainColumn = trainColumn;
        this.unitRange = unitRange;
    }

    void render(List<double[]> history) {
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        g.setStrokeStyle("#dadce0");
        g.setLineWidth(1);
        for (int i = 1; i < 4; i++) {
            g.beginPath();
            g.moveTo(0, h * i / 4);
            g.lineTo(w, h * i / 4);
            g.stroke();
        }
        if (history.size() < 1) return;
        double maxEpoch = Math.max(1, history.get(history.size() - 1)[0]);
        double max = unitRange ? 1 : 0;
        if (!unitRange) {
            for (double[] p : history) {
                if (p[trainColumn] == p[trainColumn]) max = Math.max(max, p[trainColumn]);
                if (p[trainColumn + 1] == p[trainColumn + 1]) max = Math.max(max, p[trainColumn + 1]);
            }
        }
        if (!(max > 0)) return;
        line(history, trainColumn, maxEpoch, max, w, h, "#1a73e8", false);
        line(history, trainColumn + 1, maxEpoch, max, w, h, "#e8710a", true);
    }

    private void line(List<double[]> history, int col, double maxEpoch, double max, double w, double h, String color, boolean dashed) {
        g.setStrokeStyle(color);
        g.setLineWidth(2);
        g.beginPath();
        boolean started = false;
        for (double[] p : history) {
            double v = p[col];
            if (v != v) continue;
            double x = p[0] / maxEpoch * (w - 4) + 2, y = h - 2 - Math.min(v, max) / max * (h - 4);
            if (started) g.lineTo(x, y);
            else g.moveTo(x, y);
            started = true;
        }
        if (dashed) setDash(g, 6, 4);
        g.stroke();
        if (dashed) setDash(g, 0, 0);
    }

    @org.teavm.jso.JSBody(params = {"g", "a", "b"}, script = "g.setLineDash(a > 0 ? [a, b] : []);")
    private static native void setDash(CanvasRenderingContext2D g, double a, double b);
}
