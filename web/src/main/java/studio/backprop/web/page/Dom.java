package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Element lookup by data-testid and the text/number formatting the views share. */
final class Dom {
    private Dom() {}

    private static final java.util.Map<String, HTMLElement> cache = new java.util.HashMap<>();

    static HTMLElement byTestId(String id) {
        HTMLElement e = cache.get(id);
        if (e != null) return e;
        e = HTMLDocument.current().querySelector("[data-testid=\"" + id + "\"]");
        if (e == null) throw new IllegalStateException("page has no element data-testid=" + id);
        cache.put(id, e);
        return e;
    }

    /** Shows a number as text and keeps its raw value in data-value, for people and tests alike. */
    static void number(HTMLElement e, double v, int digits) {
        boolean present = v == v;
        e.setAttribute("data-value", present ? raw(v) : "");
        e.setTextContent(present ? fixed(v, digits) : "\u2013");
    }

    @JSBody(params = {"v", "d"}, script = "return v.toFixed(d);")
    static native String fixed(double v, int d);

    /** The shortest text that reads back as the same double. */
    @JSBody(params = "v", script = "return String(v);")
    static native String raw(double v);

    @JSBody(params = "v", script = "return Math.round(v).toLocaleString('en-US');")
    static native String grouped(double v);
}
