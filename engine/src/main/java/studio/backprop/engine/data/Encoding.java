package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How a table's input columns become numbers: a numeric column passes through, a categorical
 * one becomes one 0/1 input per category (one-hot). The model keeps this, so a new row of the
 * same table can be predicted.
 */
public final class Encoding {
    public static final class Column {
        public final String name;
        /** null for a numeric column. */
        public final String[] categories;

        public Column(String name, String[] categories) {
            this.name = name;
            this.categories = categories;
        }
    }

    public final List<Column> columns;

    public Encoding(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Encoding numeric(String[] names) {
        List<Column> cs = new ArrayList<>();
        for (String n : names) cs.add(new Column(n, null));
        return new Encoding(cs);
    }

    /** Input names after one-hot: "colour=red", "colour=blue", ... */
    public String[] inputNames() {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            if (c.categories == null) names.add(c.name);
            else for (String cat : c.categories) names.add(c.name + "=" + cat);
        }
        return names.toArray(new String[0]);
    }

    /**
     * One value per column (text) to the encoded inputs. A missing numeric cell takes
     * {@code fill[c]} (null: it is an error); an unknown category or a bad number throws.
     */
    public double[] encode(String[] cells, double[] fill) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + cells.length);
        }
        double[] out = new double[inputNames().length];
        int k = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            if (col.categories == null) {
                double v = fill != null && Numbers.isMissing(cells[c]) ? fill[c] : Numbers.parse(cells[c]);
                if (v != v) throw new IllegalArgumentException(col.name + ": '" + cells[c] + "' is not a number");
                out[k++] = v;
            } else {
                int hit = -1;
                for (int j = 0; j < col.categories.length; j++) if (col.categories[j].equals(cells[c].trim())) hit = j;
                if (hit < 0) throw new IllegalArgumentException(col.name + ": unknown category '" + cells[c] + "'");
                for (int j = 0; j < col.categories.length; j++) out[k++] = j == hit ? 1 : 0;
            }
        }
        return out;
    }
}
