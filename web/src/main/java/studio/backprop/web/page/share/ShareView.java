package studio.backprop.web.page.share;

import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.web.page.State;
import studio.backprop.web.page.UrlState;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.FromWorker;

/** The share dialog: a link per weight precision, its length and accuracy, copy and close. */
public final class ShareView {
    private final State state;

    private final Runnable repaint;

    public ShareView(State state, Runnable repaint) {
        this.state = state;
        this.repaint = repaint;
        Dom.byTestId("share-copy").addEventListener("click", e -> copy(state.shareLink));
        Dom.byTestId("share-close").addEventListener("click", e -> {
            state.shareLink = "";
            repaint.run();
        });
    }

    /**
     * The link at each weight precision, with its length and the test accuracy of the model it
     * holds. Exact by default while the link stays short; else the shortest that loses at most
     * half a point of accuracy; for a model of the user's own images (a conv net, usually tens
     * of thousands of weights) the 8-bit one. The user can always pick another.
     */
    public void show(JSArray<FromWorker.ShareLink> links) {
        FromWorker.ShareLink exact = links.get(0);
        int chosen = 0, shortest = exact.getPayload().length();
        if (state.photos) {
            for (int i = 1; i < links.getLength(); i++) if (links.get(i).getBits() == 8) chosen = i;
        } else if (shortest > 2000) {
            for (int i = 1; i < links.getLength(); i++) {
                FromWorker.ShareLink o = links.get(i);
                boolean keeps = !(exact.getQuality() - o.getQuality() > 0.005);
                if (keeps && o.getPayload().length() < shortest) {
                    chosen = i;
                    shortest = o.getPayload().length();
                }
            }
        }
        HTMLElement box = Dom.byTestId("share-options");
        Html.clear(box);
        String measure = state.classification() ? "test accuracy " : "test R\u00b2 ";
        for (int i = 0; i < links.getLength(); i++) {
            FromWorker.ShareLink o = links.get(i);
            int bits = o.getBits();
            String link = UrlState.page() + "#m=" + o.getPayload();
            HTMLElement label = Html.el("label");
            HTMLElement radio = Html.el("input");
            radio.setAttribute("type", "radio");
            radio.setAttribute("name", "share-bits");
            radio.setAttribute("data-testid", i == 0 ? "share-exact" : "share-bits-" + bits);
            Html.setChecked(radio, i == chosen);
            radio.addEventListener("change", e -> {
                state.shareLink = link;
                repaint.run();
            });
            label.appendChild(radio);
            String what = i == 0 ? "exact weights (" + bits + "-bit)" : bits == 16 ? "weights rounded to 16 bits" : "weights in 8 bits with a scale per layer";
            label.appendChild(Html.el("span", what + ": " + Dom.grouped(link.length()) + " characters, " + measure + Dom.fixed(o.getQuality(), 3)));
            box.appendChild(label);
        }
        state.shareLink = UrlState.page() + "#m=" + links.get(chosen).getPayload();
    }

    public void render() {
        Dom.byTestId("share-panel").setHidden(state.shareLink.isEmpty());
        Html.setValue(Dom.byTestId("share-link"), state.shareLink);
        Dom.byTestId("share-length").setTextContent(Dom.grouped(state.shareLink.length()));
    }

    /**
     * Copies the link and says so on the button ("Copied", or, where the clipboard is refused, that
     * the link is selected for the user to copy), for two seconds.
     */
    @JSBody(params = "text", script = "var js_b = document.querySelector('[data-testid=share-copy]'), js_f = document.querySelector('[data-testid=share-link]');"
            + "function js_say(t) { js_b.textContent = t; js_b.setAttribute('data-copied', t === 'Copied' ? 'true' : 'false');"
            + "  clearTimeout(js_b.js_t); js_b.js_t = setTimeout(function () { js_b.textContent = 'Copy'; js_b.removeAttribute('data-copied'); }, 2000); }"
            + "function js_select() { js_f.focus(); js_f.select(); js_say('Selected: press Ctrl+C'); }"
            + "if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function () { js_say('Copied'); }, js_select);"
            + "else js_select();")
    private static native void copy(String text);
}
