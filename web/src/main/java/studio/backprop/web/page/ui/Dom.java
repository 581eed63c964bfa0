package studio.backprop.web.page.ui;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Element lookup by data-testid and the text/number formatting the views share. */
public final class Dom {
    private Dom() {}

    private static final java.util.Map<String, HTMLElement> cache = new java.util.HashMap<>();

    public static HTMLElement byTestId(String id) {
        HTMLElement e = cache.get(id);
        if (e != null) return e;
        e = HTMLDocument.current().querySelector("[data-testid=\"" + id + "\"]");
        if (e == null) throw new IllegalStateException("page has no element data-testid=" + id);
        cache.put(id, e);
        return e;
    }

    /** Shows a number as text and keeps its raw value in data-value, for people and tests alike. */
    public static void number(HTMLElement e, double v, int digits) {
        boolean present = v == v;
        e.setAttribute("data-value", present ? raw(v) : "");
        // a diverging loss (1e152) in four digits, so that it fits its column
        e.setTextContent(!present ? "\u2013" : Math.abs(v) >= 1e6 ? precision(v, 4) : fixed(v, digits));
    }

    @JSBody(params = {"v", "p"}, script = "return v.toPrecision(p);")
    public static native String precision(double v, int p);

    @JSBody(params = {"v", "d"}, script = "return v.toFixed(d);")
    public static native String fixed(double v, int d);

    /** The shortest text that reads back as the same double. */
    @JSBody(params = "v", script = "return String(v);")
    public static native String raw(double v);

    /**
     * Rounded, with commas between thousands (12,345). By hand, not toLocaleString: its first call
     * sets up ICU's number formatting, 20 ms of the first frame on a first visit.
     */
    @JSBody(params = "v", script = "var js_n = Math.round(v); if (!isFinite(js_n)) return String(js_n);"
            + "var js_s = String(Math.abs(js_n)), js_i = js_s.length, js_out = '';"
            + "for (; js_i > 3; js_i -= 3) js_out = ',' + js_s.substring(js_i - 3, js_i) + js_out;"
            + "return (js_n < 0 ? '-' : '') + js_s.substring(0, js_i) + js_out;")
    public static native String grouped(double v);
}
