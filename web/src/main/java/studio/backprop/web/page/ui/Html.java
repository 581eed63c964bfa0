package studio.backprop.web.page.ui;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Building DOM nodes. Text from files, links and users only ever goes in as text content. */
public final class Html {
    private Html() {}

    public static HTMLElement el(String tag) {
        return HTMLDocument.current().createElement(tag);
    }

    public static HTMLElement el(String tag, String text) {
        HTMLElement e = el(tag);
        e.setTextContent(text);
        return e;
    }

    public static HTMLElement option(String value, String text, boolean selected) {
        HTMLElement o = el("option", text);
        o.setAttribute("value", value);
        if (selected) o.setAttribute("selected", "");
        return o;
    }

    public static void clear(HTMLElement e) {
        while (e.getFirstChild() != null) e.removeChild(e.getFirstChild());
    }

    @JSBody(params = "e", script = "return e.value;")
    public static native String value(HTMLElement e);

    @JSBody(params = {"e", "v"}, script = "e.value = v;")
    public static native void setValue(HTMLElement e, String v);

    @JSBody(params = {"e", "percent"}, script = "e.style.width = percent + '%';")
    public static native void setWidthPercent(HTMLElement e, double percent);

    @JSBody(params = "e", script = "return e.checked === true;")
    public static native boolean checked(HTMLElement e);

    @JSBody(params = {"e", "v"}, script = "e.checked = v;")
    public static native void setChecked(HTMLElement e, boolean v);
}
