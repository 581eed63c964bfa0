package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A CSV file as named columns, each found to be numbers, categories, dates (or date-times),
 * identifiers (a different value in every row) or free text (many different strings), and the
 * conversion to a {@link DataSet} that the user's choices describe. Identifiers and free text
 * are left out of the inputs unless chosen; a date becomes numbers ({@link Dates}).
 */
public final class Table {
    /** Column kinds. */
    public static final String NUMBER = "number", CATEGORY = "category", DATE = "date", ID = "id", TEXT = "text";
    /** A text column with more different values than this, or than half its rows, is free text. */
    static final int MAX_CATEGORIES = 1000;

    public final String[] names;
    public final String[][] rows;
    public final int[] lines;
    public final boolean[] numeric;
    public final boolean hasHeader;
    /** Per column: its kind, the {@link Dates} spec of a date column (else null), and why it is what it is ("" when plain). */
    public final String[] kinds, dateSpecs, notes;

    private Table(String[] names, String[][] rows, int[] lines, boolean hasHeader) {
        this.names = names;
        this.rows = rows;
        this.lines = lines;
        this.hasHeader = hasHeader;
        int n = names.length;
        this.numeric = new boolean[n];
        this.kinds = new String[n];
        this.dateSpecs = new String[n];
        this.notes = new String[n];
        for (int c = 0; c < n; c++) {
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
            classify(c);
        }
    }

    /** The kind of column c, and the note that says why. */
    private void classify(int c) {
        kinds[c] = numeric[c] ? NUMBER : CATEGORY;
        notes[c] = "";
        String[] values = new String[rows.length];
        int present = 0;
        Set<String> distinct = new HashSet<>();
        boolean spaces = false;
        for (String[] r : rows) {
            if (Numbers.isMissing(r[c])) continue;
            String v = r[c].trim();
            values[present++] = v;
            distinct.add(v);
            spaces |= v.indexOf(' ') >= 0;
        }
        if (present == 0) return;
        boolean unique = distinct.size() == present && present == rows.length && present >= 20;
        if (numeric[c]) {
            if (unique && (idName(names[c]) || counts(c))) {
                kinds[c] = ID;
                notes[c] = "a different whole number in every row: an identifier, left out unless you choose it";
            }
            return;
        }
        String spec = Dates.detect(java.util.Arrays.copyOf(values, present));
        if (spec != null) {
            kinds[c] = DATE;
            dateSpecs[c] = spec;
            notes[c] = "dates" + (spec.endsWith(Dates.WITH_TIME) ? " and times" : "") + ": the inputs are the year, the day of year and the weekday"
                    + (spec.endsWith(Dates.WITH_TIME) ? " and the time of day" : "") + " (each as sin, cos)";
        } else if (unique && !spaces) {
            kinds[c] = ID;
            notes[c] = "a different value in every row: an identifier, left out unless you choose it";
        } else if (distinct.size() > MAX_CATEGORIES || (distinct.size() > present / 2 && present >= 40) || unique) {
            kinds[c] = TEXT;
            notes[c] = distinct.size() + " different values in " + present + " rows: free text, left out unless you choose it";
        }
    }

    /** id, ID, row_id, customer id, Index, ... */
    private static boolean idName(String name) {
        String n = Text.lowerAscii(name.trim());
        return n.equals("id") || n.equals("index") || n.equals("#") || n.equals("no") || n.equals("row") || n.endsWith("_id") || n.endsWith(" id")
                || n.endsWith("-id") || n.startsWith("id_") || n.endsWith("number") && n.length() > 6 && !n.contains("of");
    }

    /** Whether the column counts up by one from row to row (row numbers). */
    private boolean counts(int c) {
        for (int r = 1; r < rows.length; r++) if (Numbers.parse(rows[r][c]) != Numbers.parse(rows[r - 1][c]) + 1) return false;
        return true;
    }

    /** What would stop column c from being an input, before training starts, or null. */
    public String problemAsInput(int c) {
        if (numeric[c] || dateSpecs[c] != null) return null;
        Set<String> distinct = new HashSet<>();
        for (String[] r : rows) if (!Numbers.isMissing(r[c])) distinct.add(r[c].trim());
        if (distinct.isEmpty()) return "it has no values";
        if (distinct.size() > MAX_CATEGORIES) return distinct.size() + " different values: too many to be categories (at most " + MAX_CATEGORIES + ")";
        return null;
    }

    /** What would stop column c from being the target, or null. */
    public String problemAsTarget(int c) {
        if (kinds[c].equals(DATE)) return "it holds dates: predict a column of numbers or categories";
        Set<String> distinct = new HashSet<>();
        for (String[] r : rows) if (!Numbers.isMissing(r[c])) distinct.add(r[c].trim());
        if (distinct.size() < 2) return "it has " + (distinct.isEmpty() ? "no values" : "only one value") + ": nothing to learn";
        if (!numeric[c] && distinct.size() > MAX_CATEGORIES) return distinct.size() + " different values: too many classes (at most " + MAX_CATEGORIES + ")";
        return null;
    }

    /** Whether a column goes in when the user has not chosen the inputs: everything but identifiers and free text. */
    public boolean inputByDefault(int c) {
        return !kinds[c].equals(ID) && !kinds[c].equals(TEXT);
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
        /** Every column that could be an input: all but the target; for each, its note ("" when plain), and whether it stays out unless chosen. */
        public final String[] candidates, notes;
        public final boolean[] outByDefault;

        Converted(DataSet data, Encoding encoding, int dropped, String[] candidates, String[] notes, boolean[] outByDefault) {
            this.data = data;
            this.encoding = encoding;
            this.dropped = dropped;
            this.candidates = candidates;
            this.notes = notes;
            this.outByDefault = outByDefault;
        }
    }

    public Converted toDataSet(String name, Choice choice) throws CsvException {
        int target = choice.target == null ? names.length - 1 : column(choice.target);
        List<Integer> inputs = new ArrayList<>();
        if (choice.inputs == null) {
            for (int c = 0; c < names.length; c++) if (c != target && inputByDefault(c)) inputs.add(c);
            if (inputs.isEmpty()) throw new CsvException(0, 0, "every column but the target is an identifier or free text: choose the inputs");
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
        if (kinds[target].equals(DATE)) {
            throw new CsvException(0, 0, "target '" + names[target] + "' holds dates: choose a column of numbers or categories to predict");
        }
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
            } else if (dateSpecs[c] != null) {
                fillWith[c] = mostFrequent(c, kept);
                columns.add(new Encoding.Column(names[c], null, dateSpecs[c]));
            } else {
                String[] cats = categories(c, kept);
                if (cats.length == 0) throw new CsvException(0, 0, "column '" + names[c] + "' has no values; leave it out of the inputs");
                if (cats.length > MAX_CATEGORIES) throw new CsvException(0, 0, "column '" + names[c] + "' has more than 1000 categories");
                fillWith[c] = mostFrequent(c, kept);
                columns.add(new Encoding.Column(names[c], cats));
            }
        }
        Encoding encoding = new Encoding(columns);
        String[] classes = classification ? categories(target, kept) : new String[0];
        if (classification && classes.length < 2) throw new CsvException(0, 0, "target '" + names[target] + "' has only one class");
        if (classes.length > MAX_CATEGORIES) throw new CsvException(0, 0, "target '" + names[target] + "' has more than 1000 classes");
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
        String[] candidates = new String[names.length - 1], candidateNotes = new String[names.length - 1];
        boolean[] out = new boolean[names.length - 1];
        for (int c = 0, k = 0; c < names.length; c++) {
            if (c == target) continue;
            candidates[k] = names[c];
            candidateNotes[k] = notes[c];
            out[k++] = !inputByDefault(c);
        }
        return new Converted(data, encoding, rows.length - kept.size(), candidates, candidateNotes, out);
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
