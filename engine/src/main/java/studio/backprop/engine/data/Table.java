package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A CSV file as named columns, each found numeric (every present value a number) or
 * categorical, and the conversion to a {@link DataSet} that the user's choices describe.
 */
public final class Table {
    public final String[] names;
    public final String[][] rows;
    public final int[] lines;
    public final boolean[] numeric;
    public final boolean hasHeader;

    private Table(String[] names, String[][] rows, int[] lines, boolean hasHeader) {
        this.names = names;
        this.rows = rows;
        this.lines = lines;
        this.hasHeader = hasHeader;
        this.numeric = new boolean[names.length];
        for (int c = 0; c < names.length; c++) {
            boolean allNumbers = true, any = false;
            for (String[] r : rows) {
                if (Numbers.isMissing(r[c])) continue;
                any = true;
                if (Numbers.parse(r[c]) != Numbers.parse(r[c])) {
                    allNumbers = false;
                    break;
                }
            }
            numeric[c] = allNumbers && any;
        }
    }

    /** header: "auto" (guess), "yes" or "no". */
    public static Table parse(String text, String header) throws CsvException {
        return parse(text, header, null);
    }

    public static Table parse(String text, String header, Csv.Progress progress) throws CsvException {
        Csv csv = Csv.parse(text, progress);
        int width = csv.records.get(0).length;
        for (int r = 1; r < csv.records.size(); r++) {
            int got = csv.records.get(r).length;
            if (got != width) {
                throw new CsvException(csv.lines.get(r), Math.min(got, width) + 1,
                        "row has " + got + " fields but the first row has " + width);
            }
        }
        boolean hasHeader = header.equals("yes") || (header.equals("auto") && looksLikeHeader(csv.records));
        int first = hasHeader ? 1 : 0;
        if (csv.records.size() - first < 1) throw new CsvException(0, 0, "the file has a header but no data rows");
        String[] names = new String[width];
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < width; c++) {
            String base = hasHeader ? csv.records.get(0)[c].trim() : "";
            if (base.isEmpty()) base = "column " + (c + 1);
            String name = base;
            for (int k = 2; !seen.add(name); k++) name = base + " (" + k + ")";
            names[c] = name;
        }
        String[][] rows = csv.records.subList(first, csv.records.size()).toArray(new String[0][]);
        int[] lines = new int[rows.length];
        for (int r = 0; r < rows.length; r++) lines[r] = csv.lines.get(r + first);
        return new Table(names, rows, lines, hasHeader);
    }

    /**
     * The first row is a header when some column is numeric below it but not in it, or when
     * every cell of it is text that never appears again in its column.
     */
    private static boolean looksLikeHeader(List<String[]> records) {
        if (records.size() < 2) return false;
        String[] first = records.get(0);
        boolean allText = true;
        for (int c = 0; c < first.length; c++) {
            boolean firstIsNumber = Numbers.parse(first[c]) == Numbers.parse(first[c]);
            if (firstIsNumber || Numbers.isMissing(first[c])) allText = false;
            boolean restNumeric = true, anyRest = false;
            for (int r = 1; r < records.size() && restNumeric; r++) {
                String v = records.get(r)[c];
                if (Numbers.isMissing(v)) continue;
                anyRest = true;
                restNumeric = Numbers.parse(v) == Numbers.parse(v);
            }
            if (anyRest && restNumeric && !firstIsNumber && !Numbers.isMissing(first[c])) return true;
        }
        if (!allText) return false;
        for (int c = 0; c < first.length; c++) {
            for (int r = 1; r < records.size(); r++) if (records.get(r)[c].equals(first[c])) return false;
        }
        return true;
    }

    public int column(String name) throws CsvException {
        for (int c = 0; c < names.length; c++) if (names[c].equals(name)) return c;
        throw new CsvException(0, 0, "no column named '" + name + "' (columns: " + String.join(", ", names) + ")");
    }

    /** What the user chose: target, inputs (null: every other column), missing policy, task. */
    public static final class Choice {
        public String target;
        public String[] inputs;
        /** "drop" rows with a missing value, or fill with the column "mean" (most frequent category). */
        public String missing = "drop";
        /** "auto", "classification" or "regression". */
        public String task = "auto";
    }

    /** The result of {@link #toDataSet}: the data, the input encoding and how many rows were dropped. */
    public static final class Converted {
        public final DataSet data;
        public final Encoding encoding;
        public final int dropped;
        /** Every column that could be an input: all but the target. */
        public final String[] candidates;

        Converted(DataSet data, Encoding encoding, int dropped, String[] candidates) {
            this.data = data;
            this.encoding = encoding;
            this.dropped = dropped;
            this.candidates = candidates;
        }
    }

    public Converted toDataSet(String name, Choice choice) throws CsvException {
        int target = choice.target == null ? names.length - 1 : column(choice.target);
        List<Integer> inputs = new ArrayList<>();
        if (choice.inputs == null) {
            for (int c = 0; c < names.length; c++) if (c != target) inputs.add(c);
        } else {
            for (String in : choice.inputs) {
                int c = column(in);
                if (c == target) throw new CsvException(0, 0, "'" + in + "' is the target and cannot also be an input");
                if (!inputs.contains(c)) inputs.add(c);
            }
        }
        if (inputs.isEmpty()) throw new CsvException(0, 0, "choose at least one input column");
        boolean classification = choice.task.equals("classification")
                || (choice.task.equals("auto") && (!numeric[target] || fewIntegers(target)));
        if (!classification && !numeric[target]) {
            throw new CsvException(0, 0, "target '" + names[target] + "' is not numeric, so it cannot be a regression target");
        }
        boolean fill = choice.missing.equals("mean");
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < rows.length; r++) {
            if (Numbers.isMissing(rows[r][target])) continue;
            boolean complete = true;
            for (int c : inputs) if (Numbers.isMissing(rows[r][c])) complete = false;
            if (complete || fill) kept.add(r);
        }
        if (kept.size() < 2) throw new CsvException(0, 0, "fewer than 2 rows have a target value and complete inputs");

        List<Encoding.Column> columns = new ArrayList<>();
        String[] fillWith = new String[names.length];
        double[] numericFill = new double[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            int c = inputs.get(i);
            if (numeric[c]) {
                double sum = 0;
                int count = 0;
                for (int r : kept) {
                    if (!Numbers.isMissing(rows[r][c])) {
                        sum += Numbers.parse(rows[r][c]);
                        count++;
                    }
                }
                numericFill[i] = count == 0 ? 0 : sum / count;
                columns.add(new Encoding.Column(names[c], null));
            } else {
                String[] cats = categories(c, kept);
                if (cats.length == 0) throw new CsvException(0, 0, "column '" + names[c] + "' has no values; leave it out of the inputs");
                if (cats.length > 1000) throw new CsvException(0, 0, "column '" + names[c] + "' has more than 1000 categories");
                fillWith[c] = mostFrequent(c, kept);
                columns.add(new Encoding.Column(names[c], cats));
            }
        }
        Encoding encoding = new Encoding(columns);
        String[] classes = classification ? categories(target, kept) : new String[0];
        if (classification && classes.length < 2) throw new CsvException(0, 0, "target '" + names[target] + "' has only one class");
        if (classes.length > 1000) throw new CsvException(0, 0, "target '" + names[target] + "' has more than 1000 classes");
        double[][] x = new double[kept.size()][], y = new double[kept.size()][1];
        String[] cells = new String[inputs.size()];
        for (int k = 0; k < kept.size(); k++) {
            String[] row = rows[kept.get(k)];
            for (int i = 0; i < inputs.size(); i++) {
                String v = row[inputs.get(i)];
                cells[i] = Numbers.isMissing(v) && !numeric[inputs.get(i)] ? fillWith[inputs.get(i)] : v;
            }
            x[k] = encoding.encode(cells, numericFill);
            y[k][0] = classification ? Arrays.asList(classes).indexOf(row[target].trim()) : Numbers.parse(row[target]);
        }
        DataSet data = new DataSet(name, encoding.inputNames(), x, new String[] {names[target]}, classes, y);
        String[] candidates = new String[names.length - 1];
        for (int c = 0, k = 0; c < names.length; c++) if (c != target) candidates[k++] = names[c];
        return new Converted(data, encoding, rows.length - kept.size(), candidates);
    }

    /** A numeric column of at most 10 distinct integers reads as class labels. */
    private boolean fewIntegers(int c) {
        Set<String> distinct = new HashSet<>();
        for (String[] r : rows) {
            if (Numbers.isMissing(r[c])) continue;
            double v = Numbers.parse(r[c]);
            if (v != Math.floor(v)) return false;
            distinct.add(r[c].trim());
            if (distinct.size() > 10) return false;
        }
        return distinct.size() >= 2;
    }

    private String[] categories(int c, List<Integer> kept) {
        TreeSet<String> set = new TreeSet<>();
        for (int r : kept) if (!Numbers.isMissing(rows[r][c])) set.add(rows[r][c].trim());
        if (numeric[c]) {
            List<String> sorted = new ArrayList<>(set);
            sorted.sort((a, b) -> Double.compare(Numbers.parse(a), Numbers.parse(b)));
            return sorted.toArray(new String[0]);
        }
        return set.toArray(new String[0]);
    }

    private String mostFrequent(int c, List<Integer> kept) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        String best = "";
        int bestCount = 0;
        for (int r : kept) {
            String v = rows[r][c].trim();
            if (Numbers.isMissing(v)) continue;
            int n = counts.merge(v, 1, Integer::sum);
            if (n > bestCount) {
                best = v;
                bestCount = n;
            }
        }
        return best;
    }
}
