package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A sweep from the URL: the grid trains side by side, each row is the run alone, the table sorts, Cancel stops. */
class SweepIT {
    private static List<WebElement> rows(Browser b) {
        return b.driver.findElements(By.cssSelector("[data-testid=sweep-table] [data-testid=run-row]"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"js", "wasm"})
    void aGridFromTheUrlGivesEachRunsOwnWeights(String backend) throws Exception {
        // the CLI's sweep of the same grid: every browser row has its settings' hash there
        java.io.ByteArrayOutputStream cli = new java.io.ByteArrayOutputStream();
        studio.backprop.engine.cli.Main.run(new String[] {"sweep", "--data=moons", "--layers=4", "--opt=adam", "--epochs=12", "--sweep=lr:0.003|0.03;seed:1|2", "--quiet"},
                new java.io.PrintStream(cli, true), new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
        String cliLines = cli.toString();
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "#data=moons&layers=4&opt=adam&epochs=12&sweep=lr:0.003|0.03;seed:1|2");
            b.waitUpTo(60).until(d -> "done".equals(b.value("sweep-status")));
            List<WebElement> rows = rows(b);
            assertEquals(4, rows.size());
            for (WebElement row : rows) {
                String settings = row.getAttribute("data-settings");
                assertEquals(ReproducibilityIT.jvmHash(settings), row.getAttribute("data-hash"), settings);
                assertTrue(cliLines.contains("\"weightsHash\":\"" + row.getAttribute("data-hash") + "\""), "the CLI's table has it too: " + settings);
            }
            assertEquals(1, b.driver.findElements(By.cssSelector("[data-testid=sweep-table] tr.best")).size());
            assertEquals(4, b.driver.findElements(By.cssSelector("[data-testid=sweep-cell]")).size(), "a 2 x 2 heat grid");
            // sorted by test accuracy, highest first
            b.byTestId("sweep-sort-3").click();
            b.byTestId("sweep-sort-3").click();
            double previous = 2;
            for (WebElement row : rows(b)) {
                double acc = Double.parseDouble(row.getAttribute("data-test-accuracy"));
                assertTrue(acc <= previous, "descending");
                previous = acc;
            }
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("sweep-panel"));
            b.screenshot("sweep-" + backend);
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void cancelStopsTheWorkersAndABadSpecIsNamed() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=spiral&layers=16,16&epochs=3000");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.type("sweep-spec", "lr:0.01|0.02|0.03|0.04|0.05|0.06");
            b.byTestId("sweep-start").click();
            b.waitUpTo(10).until(d -> "running".equals(b.value("sweep-status")));
            b.byTestId("sweep-cancel").click();
            b.waitUpTo(5).until(d -> "cancelled".equals(b.value("sweep-status")));
            String after = b.text("sweep-status");
            b.driver.executeAsyncScript("setTimeout(arguments[0], 1500);");
            assertEquals(after, b.text("sweep-status"), "nothing trains on after Cancel");
            assertFalse(b.byTestId("sweep-cancel").isDisplayed());
            b.type("sweep-spec", "colour:red|blue");
            b.byTestId("sweep-start").click();
            b.waitUpTo(5).until(d -> b.text("sweep-status").equals("sweep: unknown setting 'colour'"));
        }
    }
}
