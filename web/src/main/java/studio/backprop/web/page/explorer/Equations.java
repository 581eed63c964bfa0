package studio.backprop.web.page.explorer;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.typedarrays.Float64Array;
import studio.backprop.engine.data.Text;
import studio.backprop.web.page.ui.Colors;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;

/**
 * The explorer's typography: equations in the seed's notation (pieces starting with ^ are
 * superscripts, a shape line under them) and heat-coloured matrices whose cells carry their
 * exact value.
 */
public final class Equations {
    private Equations() {}

    static String sup(int l) {
        return sup(Integer.toString(l));
    }

    /** Marks a superscript inside the text given to {@link #equation}, {@link #addText} and the captions. */
    static String sup(String s) {
        return OPEN + s + CLOSE;
    }

    /** Marks a subscript (the index of a sum). Marks are private-use characters (TeaVM misreads control characters in concatenated constants). */
    static String sub(String s) {
        return SUB + s + CLOSE;
    }

    private static final char OPEN = '\uE000', SUB = '\uE001', CLOSE = '\uE002';

    /** The text without its superscript marks, for labels that cannot hold markup. */
    static String plain(String p) {
        return p.replace(String.valueOf(OPEN), "").replace(String.valueOf(SUB), " ").replace(String.valueOf(CLOSE), "");
    }

    /** The pieces in turn; the shape line goes under. */
    static void equation(HTMLElement into, String[] pieces, String shape) {
        for (String p : pieces) addText(into, p);
        if (!shape.isEmpty()) {
            HTMLElement sh = Html.el("span", "shapes: " + shape);
            sh.setClassName("shape");
            into.appendChild(sh);
        }
    }

    /** Replaces the element's text with this one, superscripts and all. */
    static void setText(HTMLElement e, String text) {
        Html.clear(e);
        addText(e, text);
    }

    /** Text with superscripts ({@link #sup}): a layer number shows as [l], T as itself. */
    static void addText(HTMLElement into, String p) {
        int from = 0;
        while (from < p.length()) {
            int sup = p.indexOf(OPEN, from), sub = p.indexOf(SUB, from);
            int open = sup < 0 ? sub : sub < 0 ? sup : Math.min(sup, sub);
            if (open < 0) {
                into.appendChild(Html.el("span", p.substring(from)));
                return;
            }
            if (open > from) into.appendChild(Html.el("span", p.substring(from, open)));
            int close = p.indexOf(CLOSE, open);
            if (close < 0) close = p.length();
            String mark = p.substring(open + 1, close);
            boolean number = !mark.isEmpty() && Text.isDigit(mark.charAt(0));
            into.appendChild(Html.el(open == sub ? "sub" : "sup", number ? "[" + mark + "]" : mark));
            from = close + 1;
        }
    }

    private static final int MAX_ROWS = 12, MAX_COLS = 10;

    static void matrix(HTMLElement into, String caption, String id, Float64Array values, int rows, int cols) {
        matrix(into, caption, id, values.copyToJavaArray(), rows, cols, -1);
    }

    static void matrix(HTMLElement into, String caption, String id, double[] values, int rows, int cols) {
        matrix(into, caption, id, values, rows, cols, -1);
    }

    /** A heat-coloured matrix, values in the cells (and whole on hover); big ones show a corner; cell {@code marked} outlined. */
    static void matrix(HTMLElement into, String caption, String id, double[] v, int rows, int cols, int marked) {
        HTMLElement fig = Html.el("figure");
        fig.setClassName("matrix");
        fig.setAttribute("data-testid", "m-" + id);
        HTMLElement cap = Html.el("figcaption");
        addText(cap, caption);
        cap.appendChild(Html.el("span", "  " + rows + "\u00d7" + cols));
        fig.appendChild(cap);
        double max = 1e-12;
        for (double x : v) max = Math.max(max, Math.abs(x));
        HTMLElement table = Html.el("table");
        for (int r = 0; r < Math.min(rows, MAX_ROWS); r++) {
            HTMLElement tr = Html.el("tr");
            for (int c = 0; c < Math.min(cols, MAX_COLS); c++) {
                double x = v[r * cols + c];
                HTMLElement td = Html.el("td", Dom.fixed(x, Math.abs(x) >= 100 ? 1 : 3));
                td.setAttribute("data-value", Dom.raw(x));
                td.setAttribute("title", Dom.raw(x));
                if (r * cols + c == marked) td.setClassName("marked");
                Colors.shade(td, x / max);
                tr.appendChild(td);
            }
            table.appendChild(tr);
        }
        fig.appendChild(table);
        if (rows > MAX_ROWS || cols > MAX_COLS) {
            HTMLElement more = Html.el("div", "showing " + Math.min(rows, MAX_ROWS) + " of " + rows + " rows, "
                    + Math.min(cols, MAX_COLS) + " of " + cols + " columns");
            more.setClassName("more");
            fig.appendChild(more);
        }
        into.appendChild(fig);
    }

    /** A line of text with one exact number in an output (its testid, its value in data-value). */
    static void figure(HTMLElement into, String text, String id, double value, String after) {
        HTMLElement p = Html.el("p");
        p.setClassName("sum");
        addText(p, text);
        HTMLElement out = Html.el("output", Dom.fixed(value, 6));
        out.setAttribute("data-testid", id);
        out.setAttribute("data-value", Dom.raw(value));
        out.setAttribute("title", Dom.raw(value));
        p.appendChild(out);
        if (!after.isEmpty()) p.appendChild(Html.el("span", after));
        into.appendChild(p);
    }

    @JSBody(params = {"v"}, script = "return v.toExponential(2);")
    static native String expo(double v);
}
