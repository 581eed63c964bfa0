package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/** A real-world CSV: dates become inputs, identifiers and free text start ignored with their reasons, problems show before Train. */
class RealWorldCsvIT {
    /** An id, a date, a comment, a shop and an amount, and whether the order came back. */
    private static String sales(int rows, boolean uniqueNotes) {
        StringBuilder sb = new StringBuilder("order_id,date,comment,shop,amount,returned\n");
        String[] shops = {"north", "south", "east"};
        for (int r = 0; r < rows; r++) {
            int month = 1 + (r * 7) % 12, day = 1 + (r * 11) % 28;
            double amount = 5 + (r * 37) % 190;
            String comment = uniqueNotes ? "note number " + r : "ok " + (r % 3 == 0 ? "fast" : "slow") + " " + r % 50;
            sb.append("A").append(1000 + r).append(',').append(String.format(java.util.Locale.ROOT, "2023-%02d-%02d", month, day)).append(',')
                    .append(comment).append(',').append(shops[r % 3]).append(',').append(amount).append(',')
                    .append(month == 12 || amount > 150 ? "yes" : "no").append('\n');
        }
        return sb.toString();
    }

    @Test
    void datesIdsAndTextAreFoundAndAProblemShowsBeforeTrain() throws Exception {
        Path dir = Files.createTempDirectory("csv");
        Path file = dir.resolve("sales.csv");
        String csv = sales(1200, true);
        Files.writeString(file, csv);
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("csv-file").sendKeys(file.toString());
            b.waitUpTo(20).until(d -> b.byTestId("csv-preview").isDisplayed());
            assertEquals("id", b.text("kind-of-0"));
            assertEquals("date", b.text("kind-of-1"));
            assertEquals("text", b.text("kind-of-2"));
            assertEquals("category", b.text("kind-of-3"));
            assertEquals("number", b.text("kind-of-4"));
            assertTrue(b.text("note-0").contains("identifier"), b.text("note-0"));
            assertTrue(b.text("note-1").contains("year, the day of year and the weekday"), b.text("note-1"));
            assertEquals("ignore", b.byTestId("role-0").getAttribute("value"));
            assertEquals("ignore", b.byTestId("role-2").getAttribute("value"));
            assertEquals("target", b.byTestId("role-5").getAttribute("value"));
            b.screenshot("csv-real-world");

            // free text as an input: the problem shows under its column, and Train does not start
            b.select("role-2", "input");
            b.waitUpTo(5).until(d -> b.text("problem-2").contains("too many to be categories"));
            b.byTestId("csv-use").click();
            b.waitUpTo(5).until(d -> b.text("error").contains("see the note under it"));
            assertTrue(b.byTestId("csv-preview").isDisplayed());
            assertEquals("input", b.byTestId("role-2").getAttribute("value"), "the user's choice stays");
            b.select("role-2", "ignore");
            b.waitUpTo(5).until(d -> b.text("problem-2").isEmpty());
            b.byTestId("csv-use").click();
            // the date's five numbers, three shops and the amount
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("9\u2013"));
            assertFalse(b.byTestId("csv-preview").isDisplayed(), "the preview goes once the run is set up");
            // the page's setup after the upload: the network recommended for a table of one's own
            Settings s = studio.backprop.engine.train.Recommended.named(java.util.Map.of("data", "sales.csv", "target", "returned", "inputs", "date,shop,amount"));
            assertEquals(WeightsHash.of(Experiment.create(s, csv).model.network), b.value("weights-hash"));

            // try it with a date, written as in the file
            assertEquals("2024-12-31", b.byTestId("try-0").getAttribute("placeholder"));
            b.type("try-0", "2023-12-05");
            b.type("try-2", "20");
            b.byTestId("try-predict").click();
            b.waitUpTo(10).until(d -> !b.text("prediction").isEmpty());
            assertFalse(b.text("prediction").startsWith("Cannot"), b.text("prediction"));
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void aFailureAfterTrainKeepsThePreviewAndTheChoices() throws Exception {
        Path file = Files.createTempDirectory("csv").resolve("sparse.csv");
        // 'rare' has a value in one row only: with rows that miss a value left out, nothing is left to train on
        StringBuilder sb = new StringBuilder("x,rare,y\n");
        for (int r = 0; r < 30; r++) sb.append(r * 0.5).append(',').append(r == 3 ? "7" : "").append(',').append(r % 2).append('\n');
        Files.writeString(file, sb.toString());
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("csv-file").sendKeys(file.toString());
            b.waitUpTo(20).until(d -> b.byTestId("csv-preview").isDisplayed());
            b.select("role-0", "ignore");
            b.select("role-0", "input");
            b.byTestId("csv-use").click();
            b.waitUpTo(20).until(d -> b.text("error").contains("fewer than 2 rows"));
            assertTrue(b.byTestId("csv-preview").isDisplayed(), "the preview stays");
            assertEquals("input", b.byTestId("role-1").getAttribute("value"));
            b.select("csv-missing", "mean");
            b.byTestId("csv-use").click();
            b.waitUpTo(20).until(d -> b.text("architecture").startsWith("2\u2013"));
            assertFalse(b.byTestId("csv-preview").isDisplayed());
        }
    }
}
