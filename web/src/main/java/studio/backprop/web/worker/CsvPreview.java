package studio.backprop.web.worker;

import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Table;
import studio.backprop.web.protocol.FromWorker;

/** A user's CSV file, parsed here (never on the page thread): columns, detected kinds and the first rows, or what is wrong. */
final class CsvPreview {
    static final int ROWS = 8;

    private CsvPreview() {}

    static void inspect(String csv) {
        if (csv == null) {
            WorkerMain.post(FromWorker.csvError("This file cannot be read."));
            return;
        }
        try {
            // progress goes out while this loop runs: the page gets it at once, the worker carries on
            Table t = Table.parse(csv, "auto", fraction -> WorkerMain.post(FromWorker.progress(fraction)));
            String[] kinds = new String[t.names.length];
            for (int c = 0; c < kinds.length; c++) kinds[c] = t.numeric[c] ? "number" : "category";
            int rows = Math.min(ROWS, t.rows.length), columns = t.names.length;
            String[] cells = new String[rows * columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) cells[r * columns + c] = c < t.rows[r].length ? t.rows[r][c] : "";
            }
            WorkerMain.post(FromWorker.table(t.names, kinds, cells, t.rows.length));
        } catch (CsvException e) {
            WorkerMain.post(FromWorker.csvError("This file cannot be used: " + e.getMessage()));
        }
    }
}
