package studio.backprop.web.worker.files;

import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Table;
import studio.backprop.web.protocol.FromWorker;
import studio.backprop.web.worker.run.Outbox;

/**
 * A user's CSV file, parsed here (never on the page thread): columns, their detected kinds with
 * the reasons, the roles they start with, what would stop each from being an input or the
 * target, and the first rows; or what is wrong with the file.
 */
public final class CsvPreview {
    static final int ROWS = 8;

    private CsvPreview() {}

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static void inspect(String csv) {
        if (csv == null) {
            Outbox.post(FromWorker.csvError("This file cannot be read."));
            return;
        }
        try {
            // progress goes out while this loop runs: the page gets it at once, the worker carries on
            Table t = Table.parse(csv, "auto", fraction -> Outbox.post(FromWorker.progress(fraction)));
            int n = t.names.length;
            String[] inputProblems = new String[n], targetProblems = new String[n], roles = new String[n];
            for (int c = 0; c < n; c++) {
                inputProblems[c] = orEmpty(t.problemAsInput(c));
                targetProblems[c] = orEmpty(t.problemAsTarget(c));
                roles[c] = c == n - 1 ? "target" : t.inputByDefault(c) ? "input" : "ignore";
            }
            int rows = Math.min(ROWS, t.rows.length), columns = t.names.length;
            String[] cells = new String[rows * columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) cells[r * columns + c] = c < t.rows[r].length ? t.rows[r][c] : "";
            }
            Outbox.post(FromWorker.table(t.names, t.kinds, t.notes, roles, inputProblems, targetProblems, cells, t.rows.length));
        } catch (CsvException e) {
            Outbox.post(FromWorker.csvError("This file cannot be used: " + e.getMessage()));
        }
    }
}
