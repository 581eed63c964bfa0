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

    /** Whether the data set ships with the app (generated, a table, an image set); any other name is a user's file. */
    public static boolean isBuiltIn(String name) {
        return Generators.isGenerated(name) || Series.isSeries(name) || isTable(name) || Images.isImageSet(name) || name.equals(Chars.NAMES);
    }

    /** Generated or a built-in image set: data that no table (no CSV text) goes into (the studio's training worker has only these). */
    public static boolean isGeneratedOrImageSet(String name) {
        return Generators.isGenerated(name) || Series.isSeries(name) || Images.isImageSet(name);
    }

    public static String fileName(String name) {
        return name + ".csv";
    }

    /** The last column is the class; the inputs are the given columns (null: all the others). */
    public static Table.Converted fromText(String name, String csvText, String[] inputs) throws CsvException {
        Table t = Table.parse(csvText, "yes");
        Table.Choice choice = new Table.Choice();
        choice.task = "classification";
        choice.inputs = inputs;
        return t.toDataSet(name, choice);
    }

    /** A shipped data file (CSV text or image records) from the class path, on the JVM. */
    public static byte[] resource(String file) throws java.io.IOException {
        try (java.io.InputStream in = BuiltIn.class.getResourceAsStream("/studio/backprop/data/" + file)) {
            if (in == null) throw new java.io.FileNotFoundException("no built-in data file " + file);
            return in.readAllBytes();
        }
    }
}
