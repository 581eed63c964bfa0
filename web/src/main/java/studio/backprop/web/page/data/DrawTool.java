package studio.backprop.web.page.data;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.events.Event;
import org.teavm.jso.dom.events.MouseEvent;
import org.teavm.jso.dom.html.HTMLCanvasElement;
import studio.backprop.engine.data.Drawn;
import studio.backprop.engine.train.Settings;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;

/**
 * Your own points on the 2-D plane (data=draw): click or tap to add a point of the chosen class,
 * drag to paint a stroke of them, erase under the pointer, or clear. A stroke shows at once and,
 * when the pointer lifts, becomes the data set (its points in the URL key points) that trains
 * from fresh weights, still training if it was.
 */
public final class DrawTool {
    public interface Use {
        void use(Settings s, boolean keepPlaying);
    }

    /** Plane units between the points of a stroke, and the eraser's radius. */
    private static final double SPACING = 0.35, ERASER = 0.45;

    private final State state;
    private final Use onUse;
    private final Runnable repaint;
    private final HTMLCanvasElement canvas = (HTMLCanvasElement) Dom.byTestId("heatmap");
    private final List<double[]> points = new ArrayList<>();
    private boolean down, shownActive;
    private double lastX, lastY;

    public DrawTool(State state, Use onUse, Runnable repaint) {
        this.state = state;
        this.onUse = onUse;
        this.repaint = repaint;
        canvas.addEventListener("pointerdown", this::press);
        canvas.addEventListener("pointermove", this::move);
        canvas.addEventListener("pointerup", e -> lift());
        canvas.addEventListener("pointercancel", e -> lift());
        Dom.byTestId("points-clear").addEventListener("click", e -> {
            points.clear();
            commit();
        });
    }

    /** The tools and the count, for the panel. */
    public void render() {
        boolean on = state.drawing();
        if (on != shownActive) {
            Dom.byTestId("points-tools").setHidden(!on);
            canvas.setClassName(on ? "drawing" : "");
            shownActive = on;
        }
        if (!on) return;
        if (!down) load();
        int blue = 0;
        for (double[] p : points) if (p[2] >= 0.5) blue++;
        // the split is no secret: the outlined points test the network, which never trains on them
        String split = state.trainSize + state.testSize == points.size() && !down
                ? "; " + state.trainSize + " train, " + state.testSize + " test (outlined, never trained on: Training share sets how many)" : "";
        Dom.byTestId("points-count").setTextContent(points.size() + " points: " + blue + " blue (class 1), " + (points.size() - blue) + " orange (class 0)" + split);
    }

    /** The points text the list holds, so a frame parses it only when it changed. */
    private String loaded;

    private void load() {
        String text = state.settings.get(Drawn.KEY);
        if (text.equals(loaded)) return;
        loaded = text;
        points.clear();
        try {
            for (double[] p : Drawn.parse(text)) points.add(p);
        } catch (IllegalArgumentException e) {
            // a broken points text: the worker reports it; the drawing starts empty
        }
    }

    private String mode() {
        for (String m : new String[] {"1", "0", "erase"}) if (Html.checked(Dom.byTestId(m.equals("erase") ? "points-erase" : "points-class-" + m))) return m;
        return "1";
    }

    private void press(Event e) {
        if (!state.drawing()) return;
        e.preventDefault();
        capture(canvas, e);
        down = true;
        loaded = null; // a stroke starts from the settings' points
        load();
        double[] at = plane((MouseEvent) e);
        apply(at[0], at[1]);
    }

    private void move(Event e) {
        if (!down) return;
        double[] at = plane((MouseEvent) e);
        String mode = mode();
        if (!mode.equals("erase") && Math.hypot(at[0] - lastX, at[1] - lastY) < SPACING) return;
        apply(at[0], at[1]);
    }

    private void lift() {
        if (!down) return;
        down = false;
        commit();
    }

    /** Adds a point here, or erases around here, and shows the drawing at once. */
    private void apply(double x1, double x2) {
        if (mode().equals("erase")) {
            points.removeIf(p -> Math.hypot(p[0] - x1, p[1] - x2) < ERASER);
        } else if (points.size() < Drawn.MAX_POINTS && Math.abs(x1) <= Drawn.EXTENT && Math.abs(x2) <= Drawn.EXTENT) {
            points.add(new double[] {x1, x2, mode().equals("1") ? 1 : 0});
        }
        lastX = x1;
        lastY = x2;
        show();
    }

    /** The points become the data set: the page shows them now, the worker trains on them. */
    private void commit() {
        double[][] all = points.toArray(new double[0][]);
        String text = all.length == 0 ? Drawn.NONE : Drawn.format(all);
        boolean playing = state.status.equals("training");
        onUse.use(state.settings.copy().set(Drawn.KEY, text), playing);
        show();
    }

    /** Until the worker's setup arrives with the train and test parts, the plane shows the drawing as it is. */
    private void show() {
        double[] flat = new double[3 * points.size()];
        for (int i = 0; i < points.size(); i++) System.arraycopy(points.get(i), 0, flat, 3 * i, 3);
        state.planar = true;
        state.extent = Drawn.EXTENT;
        if (state.classes.length == 0) state.classes = new String[] {"0", "1"}; // drawn as classes even after a run failed
        state.trainPoints = flat;
        state.testPoints = new double[0];
        repaint.run();
    }

    private double[] plane(MouseEvent e) {
        double fx = e.getOffsetX() / (double) Math.max(1, canvas.getClientWidth());
        double fy = e.getOffsetY() / (double) Math.max(1, canvas.getClientHeight());
        return new double[] {-Drawn.EXTENT + fx * 2 * Drawn.EXTENT, Drawn.EXTENT - fy * 2 * Drawn.EXTENT};
    }

    @JSBody(params = {"canvas", "e"}, script = "if (canvas.setPointerCapture && e.pointerId !== undefined) canvas.setPointerCapture(e.pointerId);")
    private static native void capture(HTMLCanvasElement canvas, Event e);
}
