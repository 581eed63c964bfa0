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
        // many classes: numbered columns (the name on hover) and tight cells, so all fit the panel
        boolean compact = k > 4;
        table.setClassName(compact ? "confusion compact" : "confusion");
        HTMLElement head = Html.el("tr");
        head.appendChild(Html.el("th", compact ? "true \\ pred." : "true \\ predicted"));
        for (int c = 0; c < k; c++) {
            HTMLElement th = Html.el("th", compact ? Integer.toString(c) : s.classes[c]);
            th.setAttribute("title", s.classes[c]);
            head.appendChild(th);
        }
        head.appendChild(Html.el("th", compact ? "acc." : "accuracy"));
        table.appendChild(head);
        for (int i = 0; i < k; i++) {
            HTMLElement row = Html.el("tr");
            String name = s.classes[i];
            HTMLElement th = Html.el("th", compact ? i + " " + (name.equals(Integer.toString(i)) ? "" : name.length() > 9 ? name.substring(0, 8) + "\u2026" : name) : name);
            th.setAttribute("title", name);
            row.appendChild(th);
            double total = 0;
            for (int j = 0; j < k; j++) total += s.confusion[i * k + j];
            for (int j = 0; j < k; j++) {
                HTMLElement cell = Html.el("td", Integer.toString((int) s.confusion[i * k + j]));
                cell.setAttribute("data-value", Integer.toString((int) s.confusion[i * k + j]));
                if (i == j) cell.setClassName("hit");
                row.appendChild(cell);
            }
            row.appendChild(Html.el("td", total > 0 ? Dom.fixed(s.confusion[i * k + i] / total, compact ? 2 : 3) : "\u2013"));
            table.appendChild(row);
        }
    }
}
