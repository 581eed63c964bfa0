package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.web.Js;

/** The share dialog: a link per weight precision, its length and accuracy, copy and close. */
final class ShareView {
    private final State state;

    ShareView(State state) {
        this.state = state;
        Dom.byTestId("share-copy").addEventListener("click", e -> copy(state.shareLink));
        Dom.byTestId("share-close").addEventListener("click", e -> {
            state.shareLink = "";
            PageMain.requestRender();
        });
    }

    /**
     * The link at each weight precision, with its length and the test accuracy of the model it
     * holds. Exact by default while the link stays short; else the shortest that loses at most
     * half a point of accuracy. The user can always pick another.
     */
    void show(JSObject options) {
        state.shareOptions.clear();
        for (int i = 0; i < Js.length(options); i++) {
            JSObject o = Js.at(options, i);
            state.shareOptions.add(new Object[] {(int) Js.number(o, "bits"), Js.string(o, "payload"), Js.number(o, "quality")});
        }
        Object[] exact = state.shareOptions.get(0), chosen = exact;
        if (((String) exact[1]).length() > 2000) {
            for (Object[] o : state.shareOptions) {
                boolean keeps = !((double) exact[2] - (double) o[2] > 0.005);
                if (keeps && ((String) o[1]).length() < ((String) chosen[1]).length()) chosen = o;
            }
        }
        HTMLElement box = Dom.byTestId("share-options");
        Html.clear(box);
        String measure = state.classification() ? "test accuracy " : "test R\u00b2 ";
        for (Object[] o : state.shareOptions) {
            int bits = (int) o[0];
            HTMLElement label = Html.el("label");
            HTMLElement radio = Html.el("input");
            radio.setAttribute("type", "radio");
            radio.setAttribute("name", "share-bits");
            radio.setAttribute("data-testid", o == exact ? "share-exact" : "share-bits-" + bits);
            Html.setChecked(radio, o == chosen);
            radio.addEventListener("change", e -> {
                state.shareLink = UrlState.page() + "#m=" + o[1];
                PageMain.requestRender();
            });
            label.appendChild(radio);
            String what = o == exact ? "exact weights (" + bits + "-bit)" : bits == 16 ? "weights rounded to 16 bits" : "weights in 8 bits with a scale per layer";
            label.appendChild(Html.el("span", what + ": " + Dom.grouped(UrlState.page().length() + 3 + ((String) o[1]).length())
                    + " characters, " + measure + Dom.fixed((double) o[2], 3)));
            box.appendChild(label);
        }
        state.shareLink = UrlState.page() + "#m=" + chosen[1];
    }

    void render() {
        Dom.byTestId("share-panel").setHidden(state.shareLink.isEmpty());
        Html.setValue(Dom.byTestId("share-link"), state.shareLink);
        Dom.byTestId("share-length").setTextContent(Dom.grouped(state.shareLink.length()));
    }

    @JSBody(params = "text", script = "if (navigator.clipboard) navigator.clipboard.writeText(text).catch(function () {});")
    private static native void copy(String text);
}
