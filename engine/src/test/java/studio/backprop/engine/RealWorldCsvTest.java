package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.data.CsvException;
import studio.backprop.engine.data.Dates;
import studio.backprop.engine.data.Table;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** Dates, identifiers and free text in a CSV: found, explained, encoded, and carried by the model. */
class RealWorldCsvTest {
    /** A sales log: an order id, a date, a free-text comment, a shop (category), an amount (number), and whether it was returned. */
    static String salesCsv(int rows) {
        Rng rng = new Rng(12);
        StringBuilder sb = new StringBuilder("order_id,date,comment,shop,amount,returned\n");
        String[] shops = {"north", "south", "east"};
        String[] words = {"fast", "late", "broken", "great", "box", "gift", "again", "never", "blue", "size"};
        for (int r = 0; r < rows; r++) {
            int month = 1 + rng.nextInt(12), day = 1 + rng.nextInt(28);
            String date = String.format(java.util.Locale.ROOT, "2023-%02d-%02d", month, day);
            String comment = words[rng.nextInt(10)] + " " + words[rng.nextInt(10)] + " " + words[rng.nextInt(10)] + " #" + r;
            double amount = Math.round(rng.uniform(5, 200) * 100) / 100.0;
            boolean returned = month == 12 || amount > 150; // December returns: a seasonal signal in the date
            sb.append("A").append(1000 + r).append(',').append(date).append(',').append(comment).append(',')
                    .append(shops[rng.nextInt(3)]).append(',').append(amount).append(',').append(returned ? "yes" : "no").append('\n');
        }
        return sb.toString();
    }

    @Test
    void kindsAndReasonsAreFoundAndIdsAndTextStayOutByDefault() throws Exception {
        Table t = Table.parse(salesCsv(200), "auto");
        assertArrayEquals(new String[] {"id", "date", "text", "category", "number", "category"}, t.kinds);
        assertEquals("ymd", t.dateSpecs[1]);
        assertTrue(t.notes[0].contains("identifier"), t.notes[0]);
        assertTrue(t.notes[2].contains("free text"), t.notes[2]);
        assertTrue(t.notes[1].contains("year"), t.notes[1]);
        Table.Converted c = t.toDataSet("sales.csv", new Table.Choice());
        assertArrayEquals(new String[] {"date year", "date day of year sin", "date day of year cos", "date weekday sin", "date weekday cos",
            "shop=east", "shop=north", "shop=south", "amount"}, c.data.inputNames);
        // chosen explicitly, an identifier is a category like any other
        Table.Choice choice = new Table.Choice();
        choice.inputs = new String[] {"order_id", "amount"};
        assertEquals(201, t.toDataSet("sales.csv", choice).data.inputNames.length);
        // a numeric row counter is an identifier too; measurements that happen to differ are not
        Table numbers = Table.parse(rowsOf("row,x,y\n", 30, r -> (r + 1) + "," + (r * 0.37 + 0.01) + "," + (r % 2)), "auto");
        assertEquals("id", numbers.kinds[0]);
        assertEquals("number", numbers.kinds[1]);
    }

    private static String rowsOf(String head, int n, java.util.function.IntFunction<String> row) {
        StringBuilder sb = new StringBuilder(head);
        for (int r = 0; r < n; r++) sb.append(row.apply(r)).append('\n');
        return sb.toString();
    }

    @Test
    void theCommonDateFormsAreRead() {
        assertEquals("ymd", Dates.detect(new String[] {"2024-03-15", "2024/12/01", ""}));
        assertEquals("dmy", Dates.detect(new String[] {"15.03.2024", "01.12.2024"}));
        assertEquals("dmy", Dates.detect(new String[] {"15/03/2024", "01/12/2024"}), "a day over 12 settles the order");
        assertEquals("mdy", Dates.detect(new String[] {"03/15/2024", "12/01/2024"}));
        assertEquals("mdy", Dates.detect(new String[] {"03/01/2024", "12/01/2024"}), "slashes and no day over 12: month first");
        assertEquals("ymd+time", Dates.detect(new String[] {"2024-03-15T14:30:00Z", "2024-03-16 09:05", "2024-03-17T23:59:59.123+01:00"}));
        assertEquals("mdy+time", Dates.detect(new String[] {"3/15/2024 2:30 PM", "12/1/2024 11:00 am"}));
        assertEquals("ymd", Dates.detect(new String[] {"15 Mar 2024", "1-Dec-2024", "March 15, 2024", "Sept 3 2024"}));
        assertNull(Dates.detect(new String[] {"2024-02-30"}), "no such day");
        assertNull(Dates.detect(new String[] {"red", "2024-01-01"}));
        assertNull(Dates.detect(new String[] {"1.2.3", "4.5.6"}));
        assertNull(Dates.detect(new String[] {"12:30"}));
    }

    @Test
    void aDateBecomesItsYearAndSinCosPairs() {
        double[] out = new double[7];
        Dates.encode("2024-01-01 06:00", "ymd+time", out, 0);
        assertEquals(2024, out[0]);
        assertEquals(0, out[1], 0.0, "day 1 of the year: angle 0");
        assertEquals(1, out[2], 0.0);
        assertEquals(0, out[3], 0.0, "1 January 2024 was a Monday: weekday 0");
        assertEquals(1, out[6] + 1, 1e-15, "06:00 is a quarter turn: cos 0");
        assertEquals(1, out[5], 1e-15);
        double[] dec31 = new double[5], jan1 = new double[5];
        Dates.encode("2023-12-31", "ymd", dec31, 0);
        Dates.encode("2024-01-01", "ymd", jan1, 0);
        assertEquals(jan1[2], dec31[2], 1e-3, "the last day of a year sits next to the first");
        assertEquals(-Math.sin(2 * Math.PI / 7), dec31[3], 1e-15, "a Sunday, next to Monday");
        assertThrows(IllegalArgumentException.class, () -> Dates.encode("soon", "ymd", new double[5], 0));
    }

    @Test
    void aModelWithADateColumnTravelsAndPredictsFromText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sales.csv");
        java.nio.file.Files.writeString(file, salesCsv(300));
        Settings s = Settings.of("data=" + file + "&layers=8&act=relu&opt=adam&lr=0.01&seed=3", '&');
        Experiment ex = Experiment.load(s);
        for (int e = 0; e < 30; e++) ex.trainer.stepEpoch();
        assertTrue(ex.evaluate().test.accuracy > 0.8, "learns from the date and the amount: " + ex.evaluate().test.accuracy);
        Model m = ex.model;
        String hash = WeightsHash.of(m.network);
        for (Model back : new Model[] {ModelJson.read(ModelJson.write(m)), ModelBinary.read(ModelBinary.write(m)), ModelLink.read(ModelLink.payload(m))}) {
            assertEquals(hash, WeightsHash.of(back.network));
            assertEquals("ymd", back.encoding.columns.get(0).date);
            double[] row = back.encoding.encode(new String[] {"2023-12-05", "north", "20"}, null);
            assertArrayEquals(m.encoding.encode(new String[] {"2023-12-05", "north", "20"}, null), row, 0.0);
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> m.encoding.encode(new String[] {"tomorrow", "north", "20"}, null));
        assertEquals("date: 'tomorrow' is not a date", bad.getMessage());
    }

    @Test
    void aDateTargetIsRefusedWithAReason() throws Exception {
        Table t = Table.parse("x,when\n1,2024-01-01\n2,2024-01-02\n3,2024-01-05\n", "auto");
        CsvException e = assertThrows(CsvException.class, () -> t.toDataSet("d.csv", new Table.Choice()));
        assertTrue(e.getMessage().contains("holds dates"), e.getMessage());
    }

    @Test
    void theCommandLineSaysWhatItLeftOutAndTakesTheChoice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sales.csv");
        java.nio.file.Files.writeString(file, salesCsv(100));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = studio.backprop.engine.cli.Main.run(new String[] {"train", "--data=" + file, "--epochs=1"},
                new java.io.PrintStream(out, true), new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
        assertEquals(0, code);
        String text = out.toString();
        assertTrue(text.contains("column 'order_id': a different value in every row: an identifier, left out unless you choose it"), text);
        assertTrue(text.contains("column 'comment': "), text);
        assertTrue(text.contains("column 'date': dates: the inputs are the year"), text);
        assertTrue(text.contains("--inputs="), text);
        out.reset();
        code = studio.backprop.engine.cli.Main.run(new String[] {"train", "--data=" + file, "--inputs=date,amount", "--epochs=1"},
                new java.io.PrintStream(out, true), new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
        assertEquals(0, code);
        assertFalse(out.toString().contains("order_id"), "chosen inputs: nothing to say about the rest");
    }
}
