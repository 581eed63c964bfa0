package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How a table's input columns become numbers: a numeric column passes through, a categorical
 * one becomes one 0/1 input per category (one-hot), a date column its year and sin/cos pairs
 * ({@link Dates}). The model keeps this, so a new row of the
 * same table can be predicted.
 */
public final class Encoding {
    public static final class Column {
        public final String name;
        /** null for a numeric or date column. */
        public final String[] categories;
        /** A date column's {@link Dates} spec (its field order, and whether it has times), else null. */
        public final String date;

        public Column(String name, String[] categories) {
            this(name, categories, null);
        }

        public Column(String name, String[] categories, String date) {
            this.name = name;
            this.categories = categories;
            this.date = date;
        }

        /** How many inputs this column becomes. */
        public int width() {
            return categories != null ? categories.length : date != null ? Dates.parts(date).length : 1;
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
            if (c.categories != null) for (String cat : c.categories) names.add(c.name + "=" + cat);
            else if (c.date != null) for (String part : Dates.parts(c.date)) names.add(c.name + " " + part);
            else names.add(c.name);
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
        int width = 0;
        for (Column col : columns) width += col.width();
        double[] out = new double[width];
        int k = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column col = columns.get(c);
            if (col.date != null) {
                try {
                    Dates.encode(cells[c], col.date, out, k);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(col.name + ": " + e.getMessage());
                }
                k += col.width();
            } else if (col.categories == null) {
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
