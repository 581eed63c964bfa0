package studio.backprop.web.page.views;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;
import studio.backprop.web.protocol.TextMessages;

/**
 * A text run: what the model makes up now after the start (each character coloured by the chosen
 * hidden unit's value after it: blue above 0, orange below), the next character's probabilities
 * after the start, and the test loss in nats and bits per character beside the bigram floor.
 */
final class TextView {
    private static final double LN2 = 0.6931471805599453;
    /** Next characters listed, most likely first. */
    private static final int LISTED = 8;
    private final HTMLElement panel = Dom.byTestId("text-panel"), sample = Dom.byTestId("text-sample"), next = Dom.byTestId("text-next"),
            floor = Dom.byTestId("text-floor"), unit = Dom.byTestId("text-unit");
    private TextMessages.Sample shown;
    private int units = -1;

    void render(State s) {
        panel.setHidden(!s.text());
        if (!s.text()) return;
        TextMessages.Sample m = s.textSample;
        double bigram = m == null ? Double.NaN : m.getFloor();
        floor.setAttribute("data-value", bigram == bigram ? Dom.raw(bigram) : "");
        floor.setTextContent(s.testLoss == s.testLoss && bigram == bigram
                ? "test loss " + Dom.fixed(s.testLoss, 3) + " nats (" + Dom.fixed(s.testLoss / LN2, 2) + " bits) per character; a bigram model's "
                        + Dom.fixed(bigram, 3) + " (" + Dom.fixed(bigram / LN2, 2) + " bits)" + (s.testLoss < bigram ? ": beaten" : "")
                : "");
        if (m == null || m == shown) return;
        shown = m;
        if (m.getUnits() != units) units(m.getUnits());
        showSample(m);
        showNext(s, m.getNext());
    }

    private void units(int n) {
        units = n;
        String chosen = Html.value(unit);
        Html.clear(unit);
        unit.appendChild(Html.option("-1", "none", true));
        for (int u = 0; u < n; u++) unit.appendChild(Html.option(Integer.toString(u), "unit " + (u + 1), Integer.toString(u).equals(chosen)));
    }

    /** The start (kept plain), then the made-up text; a line end shown as ⏎ before the break. */
    private void showSample(TextMessages.Sample m) {
        Html.clear(sample);
        String all = m.getStart() + m.getText();
        Float64Array values = m.getValues();
        sample.setAttribute("data-text", m.getText());
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            HTMLElement span = Html.el("span", c == '\n' ? "\u23ce\n" : String.valueOf(c));
            if (i < m.getStart().length()) span.setClassName("start");
            if (values != null && i < values.getLength()) {
                double v = values.get(i);
                paint(span, v);
                span.setAttribute("title", Dom.fixed(v, 2));
            }
            sample.appendChild(span);
        }
    }

    private void showNext(State s, Float64Array p) {
        Html.clear(next);
        int n = Math.min(p.getLength(), s.classes.length);
        boolean[] used = new boolean[n];
        for (int k = 0; k < Math.min(LISTED, n); k++) {
            int best = -1;
            for (int j = 0; j < n; j++) if (!used[j] && (best < 0 || p.get(j) > p.get(best))) best = j;
            used[best] = true;
            String symbol = s.classes[best];
            HTMLElement li = Html.el("li");
            li.setAttribute("data-class", symbol);
            li.setAttribute("data-value", Dom.raw(p.get(best)));
            if (k == 0) li.setClassName("top");
            li.appendChild(Html.el("span", symbol.equals("\n") ? "\u23ce line end" : symbol.equals(" ") ? "\u2423 space" : symbol));
            HTMLElement bar = Html.el("span");
            bar.setClassName("bar");
            Html.setWidthPercent(bar, 100 * p.get(best));
            li.appendChild(bar);
            li.appendChild(Html.el("span", Dom.fixed(100 * p.get(best), 1) + "%"));
            next.appendChild(li);
        }
    }

    /** The unit's value as the span's background: blue for positive, orange for negative, as strong as |v| (CSSOM, which the content security policy allows). */
    @JSBody(params = {"e", "v"}, script = "var js_a = Math.min(1, Math.abs(v)) * 0.75;"
            + "e.style.backgroundColor = v >= 0 ? 'rgba(26,115,232,' + js_a + ')' : 'rgba(230,120,0,' + js_a + ')';")
    private static native void paint(HTMLElement e, double v);
}
