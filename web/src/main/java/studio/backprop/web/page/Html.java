package studio.backprop.web.page;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/** Building DOM nodes. Text from files, links and users only ever goes in as text content. */
final class Html {
    private Html() {}

    static HTMLElement el(String tag) {
        return HTMLDocument.current().createElement(tag);
    }

    static HTMLElement el(String tag, String text) {
        HTMLElement e = el(tag);
        e.setTextContent(text);
        return e;
    }

    static HTMLElement option(String value, String text, boolean selected) {
        HTMLElement o = el("option", text);
        o.setAttribute("value", value);
        if (selected) o.setAttribute("selected", "");
        return o;
    }

    static void clear(HTMLElement e) {
        while (e.getFirstChild() != null) e.removeChild(e.getFirstChild());
    }

    @JSBody(params = "e", script = "return e.value;")
    static native String value(HTMLElement e);

    @JSBody(params = {"e", "v"}, script = "e.value = v;")
    static native void setValue(HTMLElement e, String v);

    @JSBody(params = {"e", "percent"}, script = "e.style.width = percent + '%';")
    static native void setWidthPercent(HTMLElement e, double percent);

    @JSBody(params = "e", script = "return e.checked === true;")
    static native boolean checked(HTMLElement e);

    @JSBody(params = {"e", "v"}, script = "e.checked = v;")
    static native void setChecked(HTMLElement e, boolean v);
}
