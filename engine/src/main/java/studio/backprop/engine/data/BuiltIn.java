package studio.backprop.engine.data;

/**
 * The real data sets shipped with the engine (see NOTICE.md for sources and licences), as
 * headed CSV files under studio/backprop/data/. The JVM reads them from the class path, the
 * browser fetches the same files from the site's data/ folder.
 */
public final class BuiltIn {
    private BuiltIn() {}

    public static final String[] TABLES = {"iris", "wine", "cancer", "digits"};

    public static boolean isTable(String name) {
        for (String t : TABLES) if (t.equals(name)) return true;
        return false;
    }

    public static String fileName(String name) {
        return name + ".csv";
    }

    /** Every column but the last is an input; the last is the class. */
    public static Table.Converted fromText(String name, String csvText) throws CsvException {
        Table t = Table.parse(csvText, "yes");
        Table.Choice choice = new Table.Choice();
        choice.task = "classification";
        return t.toDataSet(name, choice);
    }

    /** Reads a built-in table from the class path (JVM only). */
    public static Table.Converted load(String name) throws CsvException {
        try (java.io.InputStream in = BuiltIn.class.getResourceAsStream("/studio/backprop/data/" + fileName(name))) {
            if (in == null) throw new CsvException(0, 0, "no built-in data set '" + name + "'");
            return fromText(name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new CsvException(0, 0, "cannot read built-in data set '" + name + "': " + e.getMessage());
        }
    }
}
