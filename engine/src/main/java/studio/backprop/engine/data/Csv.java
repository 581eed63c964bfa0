package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records: fields separated by a comma (or the semicolon or tab that the first line
 * uses instead), quoted fields with doubled quotes, CRLF or LF line ends, a leading BOM.
 * Hard limits keep hostile files from exhausting memory.
 */
public final class Csv {
    public static final int MAX_FIELD = 100_000;
    public static final int MAX_COLUMNS = 10_000;
    public static final int MAX_CELLS = 20_000_000;

    /** The fields of each record and the physical line each record starts on. */
    public final List<String[]> records = new ArrayList<>();
    public final List<Integer> lines = new ArrayList<>();

    private Csv() {}

    /** Told how far parsing has come, as a fraction of the text, every {@link #PROGRESS_STEP} characters. */
    public interface Progress {
        void at(double fraction);
    }

    public static final int PROGRESS_STEP = 1 << 20;

    /** Bytes in the first 4,096 characters that text files do not have: NUL, other controls, and bytes that are not UTF-8. */
    private static final int SNIFF = 4096;

    /**
     * A file that is not text (an image, a spreadsheet, a zip) gets that said, rather than the
     * first quote or field count its bytes happen to break: NUL anywhere in its start, or over a
     * tenth of it control characters or bytes that are not UTF-8 (decoded as U+FFFD).
     */
    private static void refuseBinary(String text) throws CsvException {
        int n = Math.min(text.length(), SNIFF), odd = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) odd = n;
            else if (c == '\uFFFD' || (c < 32 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) odd++;
        }
        if (n > 0 && odd * 10 > n) {
            throw new CsvException(0, 0, "this is not a text file (its bytes look like an image, a spreadsheet or an archive): a CSV file is"
                    + " plain text, one row per line; save a spreadsheet as CSV first");
        }
    }

    public static Csv parse(String text) throws CsvException {
        return parse(text, null);
    }

    public static Csv parse(String text, Progress progress) throws CsvException {
        refuseBinary(text);
        Csv csv = new Csv();
        int nextReport = PROGRESS_STEP;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        char sep = separator(text, i);
        int line = 1, cells = 0;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (i < n) {
            if (progress != null && i >= nextReport) {
                progress.at((double) i / n);
                nextReport = i + PROGRESS_STEP;
            }
            int recordLine = line;
            fields.clear();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                int column = fields.size() + 1;
                if (i < n && text.charAt(i) == '"') {
                    int openLine = line;
                    i++;
                    while (true) {
                        if (i >= n) throw new CsvException(openLine, column, "quoted field is never closed");
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n') line++;
                        field.append(c);
                        i++;
                        if (field.length() > MAX_FIELD) throw new CsvException(openLine, column, "field longer than " + MAX_FIELD + " characters");
                    }
                    if (i < n && text.charAt(i) != sep && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new CsvException(line, column, "unexpected character '" + text.charAt(i) + "' after a closing quote");
                    }
                } else {
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == sep || c == '\n' || c == '\r') break;
                        if (c == '"') throw new CsvException(line, column, "quote inside an unquoted field (quote the whole field and double the quote)");
                        field.append(c);
                        i++;
                        if (field.length() > MAX_FIELD) throw new CsvException(line, column, "field longer than " + MAX_FIELD + " characters");
                    }
                }
                fields.add(field.toString());
                if (fields.size() > MAX_COLUMNS) throw new CsvException(recordLine, 0, "more than " + MAX_COLUMNS + " columns");
                if (i < n && text.charAt(i) == sep) {
                    i++;
                } else {
                    if (i < n && text.charAt(i) == '\r') i++;
                    if (i < n && text.charAt(i) == '\n') i++;
                    line++;
                    endOfRecord = true;
                }
            }
            boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
            if (!blank) {
                cells += fields.size();
                if (cells > MAX_CELLS) throw new CsvException(recordLine, 0, "file has more than " + MAX_CELLS + " cells");
                csv.records.add(fields.toArray(new String[0]));
                csv.lines.add(recordLine);
            }
        }
        if (csv.records.isEmpty()) throw new CsvException(0, 0, "the file is empty");
        return csv;
    }

    /** Comma unless the first line has more semicolons or tabs than commas. */
    private static char separator(String text, int from) {
        int comma = 0, semicolon = 0, tab = 0;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semicolon++;
            else if (!quoted && c == '\t') tab++;
        }
        if (semicolon > comma && semicolon >= tab) return ';';
        if (tab > comma && tab > semicolon) return '\t';
        return ',';
    }
}
