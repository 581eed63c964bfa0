package studio.backprop.web.page.views;

import org.teavm.jso.dom.html.HTMLElement;
import studio.backprop.engine.train.Metrics;
import studio.backprop.web.page.State;
import studio.backprop.web.page.ui.Dom;
import studio.backprop.web.page.ui.Html;

/**
 * Test confusion counts (rows: true class, columns: predicted) with each class's recall (its
 * row) and precision (its column), and the accuracy beside the balanced accuracy, which weighs
 * every class the same: the one to read when the classes are unbalanced.
 */
public final class ConfusionView {
    private final HTMLElement table, summary;
    private String shown = "";

    ConfusionView(HTMLElement table, HTMLElement summary) {
        this.table = table;
        this.summary = summary;
    }

    void render(State s) {
        int k = s.classes.length;
        StringBuilder counts = new StringBuilder().append(k); // whole counts: no double-to-text conversion in the page
        for (double c : s.confusion) counts.append(',').append((int) c);
        String key = counts.toString();
        if (key.equals(shown)) return;
        shown = key;
        Html.clear(table);
        Html.clear(summary);
        if (k == 0 || s.confusion.length != k * k) return;
        double[] recall = Metrics.recall(s.confusion, k), precision = Metrics.precision(s.confusion, k);
        // many classes or long names: numbered columns (the name on hover) and tight cells, so all fit the panel
        int longest = 0;
        for (String c : s.classes) longest = Math.max(longest, c.length());
        boolean compact = k > 2 || longest > 8;
        // ten classes and more: rates in whole percent, so that every column fits the panel
        boolean percent = k >= 8;
        table.setClassName(percent ? "confusion compact percent" : compact ? "confusion compact" : "confusion");
        HTMLElement head = Html.el("tr");
        HTMLElement corner = Html.el("th", percent ? "t \\ p" : compact ? "true \\ pred." : "true \\ predicted");
        corner.setAttribute("title", "rows: the true class; columns: the predicted class");
        head.appendChild(corner);
        for (int c = 0; c < k; c++) {
            // compact: a short name as it is, a longer one by its number (the row names it)
            HTMLElement th = Html.el("th", compact && s.classes[c].length() > 3 ? Integer.toString(c) : s.classes[c]);
            th.setAttribute("title", s.classes[c]);
            head.appendChild(th);
        }
        HTMLElement recallHead = Html.el("th", percent ? "rec. %" : compact ? "rec." : "recall");
        recallHead.setAttribute("title", "recall: the share of the class's samples predicted as it");
        head.appendChild(recallHead);
        table.appendChild(head);
        for (int i = 0; i < k; i++) {
            HTMLElement row = Html.el("tr");
            String name = s.classes[i];
            HTMLElement th = Html.el("th", !compact || name.length() <= 3 ? name : i + " " + (name.length() > 9 ? name.substring(0, 8) + "\u2026" : name));
            th.setAttribute("title", name);
            row.appendChild(th);
            for (int j = 0; j < k; j++) {
                HTMLElement cell = Html.el("td", Integer.toString((int) s.confusion[i * k + j]));
                cell.setAttribute("data-value", Integer.toString((int) s.confusion[i * k + j]));
                cell.setClassName(i == j ? "count hit" : "count");
                row.appendChild(cell);
            }
            row.appendChild(rate(recall[i], compact, percent, "recall-" + i));
            table.appendChild(row);
        }
        HTMLElement foot = Html.el("tr");
        HTMLElement label = Html.el("th", percent ? "prec. %" : compact ? "prec." : "precision");
        label.setAttribute("title", "precision: the share of the samples predicted as the class that are it");
        foot.appendChild(label);
        for (int j = 0; j < k; j++) foot.appendChild(rate(precision[j], compact, percent, "precision-" + j));
        foot.appendChild(Html.el("td", ""));
        table.appendChild(foot);

        double total = 0, hits = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) total += s.confusion[i * k + j];
            hits += s.confusion[i * k + i];
        }
        double balanced = Metrics.balancedAccuracy(s.confusion, k);
        summary.appendChild(Html.el("span", "accuracy " + (total > 0 ? Dom.fixed(hits / total, 3) : "\u2013") + " \u00b7 balanced accuracy "));
        HTMLElement b = Html.el("output", balanced == balanced ? Dom.fixed(balanced, 3) : "\u2013");
        b.setAttribute("data-testid", "balanced-accuracy");
        b.setAttribute("data-value", Dom.raw(balanced));
        summary.appendChild(b);
        if (Metrics.unbalanced(s.confusion, k)) {
            summary.appendChild(Html.el("span", ": the classes are unbalanced, and balanced accuracy (the mean recall) weighs each the same"));
        }
    }

    private static HTMLElement rate(double v, boolean compact, boolean percent, String id) {
        HTMLElement td = Html.el("td", v != v ? "\u2013" : percent ? Dom.fixed(100 * v, 0) : Dom.fixed(v, compact ? 2 : 3));
        if (v == v) td.setAttribute("title", Dom.fixed(v, 4));
        td.setClassName("rate");
        td.setAttribute("data-testid", id);
        td.setAttribute("data-value", Dom.raw(v));
        return td;
    }
}
