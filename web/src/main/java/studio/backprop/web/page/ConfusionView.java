package studio.backprop.web.page;

import org.teavm.jso.dom.html.HTMLElement;

/** Test confusion counts (rows: true class, columns: predicted) with per-class accuracy. */
final class ConfusionView {
    private final HTMLElement table;
    private String shown = "";

    ConfusionView(HTMLElement table) {
        this.table = table;
    }

    void render(State s) {
        int k = s.classes.length;
        String key = k + ":" + java.util.Arrays.toString(s.confusion);
        if (key.equals(shown)) return;
        shown = key;
        Html.clear(table);
        if (k == 0 || s.confusion.length != k * k) return;
        HTMLElement head = Html.el("tr");
        head.appendChild(Html.el("th", "true \\ predicted"));
        for (String c : s.classes) head.appendChild(Html.el("th", c));
        head.appendChild(Html.el("th", "accuracy"));
        table.appendChild(head);
        for (int i = 0; i < k; i++) {
            HTMLElement row = Html.el("tr");
            row.appendChild(Html.el("th", s.classes[i]));
            double total = 0;
            for (int j = 0; j < k; j++) total += s.confusion[i * k + j];
            for (int j = 0; j < k; j++) {
                HTMLElement cell = Html.el("td", Integer.toString((int) s.confusion[i * k + j]));
                cell.setAttribute("data-value", Integer.toString((int) s.confusion[i * k + j]));
                if (i == j) cell.setClassName("hit");
                row.appendChild(cell);
            }
            row.appendChild(Html.el("td", total > 0 ? Dom.fixed(s.confusion[i * k + i] / total, 3) : "\u2013"));
            table.appendChild(row);
        }
    }
}
