package studio.backprop.web.page.ui;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
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

    @JSFunctor
    public interface FileChosen extends JSObject {
        void chosen(String name, JSObject file);
    }

    @JSFunctor
    public interface Failed extends JSObject {
        void failed(String message);
    }

    /**
     * A file chosen with the input or dropped on the zone (the first one), when it is at most
     * max bytes; else fail hears why. The zone is marked while a file is dragged over it.
     */
    @JSBody(params = {"input", "zone", "ok", "fail", "max"}, script =
            "function js_take(js_f) { if (!js_f) return;"
            + "  if (js_f.size > max) { fail(js_f.name + ' is ' + Math.round(js_f.size / 1e6) + ' MB; the limit is ' + Math.round(max / 1e6) + ' MB.'); return; }"
            + "  ok(js_f.name, js_f); }"
            + "input.addEventListener('change', function () { js_take(input.files && input.files[0]); input.value = ''; });"
            + "zone.addEventListener('dragover', function (js_e) { js_e.preventDefault(); zone.classList.add('dragging'); });"
            + "zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });"
            + "zone.addEventListener('drop', function (js_e) { js_e.preventDefault(); zone.classList.remove('dragging'); js_take(js_e.dataTransfer.files[0]); });")
    public static native void onFile(HTMLElement input, HTMLElement zone, FileChosen ok, Failed fail, double max);
}
