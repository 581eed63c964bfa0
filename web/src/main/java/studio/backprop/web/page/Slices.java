package studio.backprop.web.page;

import org.teavm.jso.browser.Window;
import studio.backprop.web.Js;

/**
 * Work on the page thread in slices: as many steps as fit in {@link #SLICE_MS} per task (at least
 * one), each task after a frame, so that no frame waits for all of it (on a first visit, before
 * the JIT has warmed up, the studio's panels took 40-60 ms in one task).
 */
final class Slices {
    private Slices() {}

    static final double SLICE_MS = 8;

    interface Step {
        /** Runs step i; whether there is a step after it. */
        boolean run(int i);
    }

    /** Steps from {@code from} on, in slices. */
    static void run(Step step, int from) {
        afterFrame(() -> {
            double start = Js.now();
            int i = from;
            boolean more;
            do more = step.run(i++); while (more && Js.now() - start < SLICE_MS);
            if (more) run(step, i);
        });
    }

    /** Runs {@code then} in a task of its own after the next frame has drawn. */
    static void afterFrame(Js.Action then) {
        Window.requestAnimationFrame(t -> Js.setTimeout(then, 0));
    }
}
