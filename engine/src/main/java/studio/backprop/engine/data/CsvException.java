package studio.backprop.engine.data;

/** A problem in a CSV file, with the line and column (both from 1) where it was found. */
public final class CsvException extends Exception {
    public final int line, column;

    public CsvException(int line, int column, String what) {
        super(line > 0 ? (column > 0 ? "line " + line + ", column " + column + ": " + what : "line " + line + ": " + what) : what);
        this.line = line;
        this.column = column;
    }
}
