package studio.backprop.web.page.tryit;

import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.web.page.State;
import studio.backprop.web.page.WorkerClient;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.TextMessages;

/**
 * "Try it" on a text model: a start to go on from, the temperature to make text up at, the hidden
 * unit that colours it, and Make up more (a new draw). Each change asks the worker for what the
 * model makes up now (the text view draws the answer).
 */
public final class TextTry {
    private final WorkerClient worker;
    private final HTMLElement start = Dom.byTestId("text-start"), temperature = Dom.byTestId("text-temperature"),
            unit = Dom.byTestId("text-unit"), shown = Dom.byTestId("text-temperature-value");
    private int seed = 1;

    public TextTry(State state, WorkerClient worker) {
        this.worker = worker;
        start.addEventListener("input", e -> send());
        temperature.addEventListener("input", e -> {
            shown.setTextContent(Html.value(temperature));
            send();
        });
        unit.addEventListener("change", e -> send());
        Dom.byTestId("text-more").addEventListener("click", e -> {
            seed++;
            send();
        });
    }

    private void send() {
        double t = studio.backprop.engine.data.Numbers.parse(Html.value(temperature));
        worker.send(TextMessages.view(Html.value(start), t, seed, Integer.parseInt(Html.value(unit))));
    }

    /** A new run: its first draw, with the view as it stands (the worker starts from its own defaults). */
    public void started(State state) {
        if (state.text()) send();
    }
}
