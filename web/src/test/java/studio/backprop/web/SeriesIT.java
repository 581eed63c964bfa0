package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;

/**
 * A series forecast with each recurrent kind trains in both builds to the JVM's weights, epoch by
 * epoch; the page shows it without an error, on a desktop and a phone.
 */
class SeriesIT {
    @ParameterizedTest
    @ValueSource(strings = {"rnn8", "gru6", "lstm6,lstm4"})
    void eachRecurrentKindTrainsToTheJvmsWeights(String layers) throws Exception {
        String query = "data=sines&layers=" + layers + "&window=12&opt=adam&lr=0.01&batch=16&seed=4";
        Settings s = Recommended.named(java.util.Map.of("data", "sines", "layers", layers, "window", "12", "opt", "adam", "lr", "0.01", "batch", "16", "seed", "4"));
        Experiment jvm = Experiment.load(s);
        jvm.trainer.stepEpoch();
        jvm.trainer.stepEpoch();
        String want = WeightsHash.of(jvm.model.network);
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#" + query);
                b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty() && "idle".equals(b.value("status")));
                assertTrue(b.text("architecture").startsWith("12\u00d71"), b.text("architecture"));
                for (int epoch = 1; epoch <= 2; epoch++) {
                    int e = epoch;
                    b.byTestId("step-epoch").click();
                    b.waitUpTo(60).until(d -> b.number("epoch") == e && "paused".equals(b.value("status")));
                }
                assertEquals(want, b.value("weights-hash"), layers + " in " + backend);
                // the gradient back through time: a ratio of the first step's to the last's, from the last batch
                assertTrue(b.byTestId("time-gradient-panel").isDisplayed());
                double ratio = Double.parseDouble(b.byTestId("time-gradient-summary").getAttribute("data-value"));
                assertTrue(ratio > 0 && ratio < 1e6, "ratio " + ratio);
                // the series' plot: its last 240 values, the one-step forecasts and the forecast rolled out past the end
                org.openqa.selenium.WebElement fit = b.byTestId("fit");
                assertEquals("series", fit.getAttribute("data-kind"));
                assertEquals("240", fit.getAttribute("data-count"));
                assertTrue(Math.abs(Double.parseDouble(fit.getAttribute("data-first"))) < 3, fit.getAttribute("data-first"));
                if (layers.equals("gru6")) {
                    // try it: the data's last window in the box, edited, and its forecast rolled out: the JVM's
                    b.byTestId("forecast-go").click();
                    b.waitUpTo(20).until(d -> b.text("prediction").startsWith("Forecast, the next 20 values"));
                    String box = b.byTestId("forecast-window").getAttribute("value");
                    double[] window = java.util.Arrays.stream(box.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
                    assertEquals(12, window.length, box);
                    window[11] = 0.5;
                    b.type("forecast-window", java.util.Arrays.stream(window).mapToObj(Double::toString).collect(java.util.stream.Collectors.joining(", ")));
                    b.byTestId("forecast-go").click();
                    double[] rolled = studio.backprop.engine.train.Forecast.rollout(jvm.model, window, 20);
                    String first = String.format(java.util.Locale.ROOT, "%.4f", rolled[0]);
                    b.waitUpTo(20).until(d -> b.text("prediction").startsWith("Forecast, the next 20 values: " + first));
                    b.type("forecast-window", "1, 2, x");
                    b.byTestId("forecast-go").click();
                    b.waitUpTo(20).until(d -> b.text("prediction").contains("'x' is no number"));
                }
                if (layers.equals("gru6") && backend.equals("js")) {
                    b.screenshot("series-" + backend);
                    b.phone();
                    b.screenshot("series-phone-" + backend);
                    assertEquals(List.of(), b.overflowing());
                    b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
                }
            }
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    /** A column of the user's CSV forecast as a series: in date order, the series' network, the JVM's weights. */
    @org.junit.jupiter.api.Test
    void aCsvColumnForecastsAsASeries() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("series");
        java.nio.file.Path file = dir.resolve("levels.csv");
        java.util.List<String> rows = new java.util.ArrayList<>();
        for (int d = 0; d < 300; d++) rows.add(java.time.LocalDate.of(2023, 1, 1).plusDays(d) + "," + Math.round(1000 * Math.sin(d / 6.0)) / 1000.0);
        java.util.Collections.shuffle(rows, new java.util.Random(3));
        String csv = "day,level\n" + String.join("\n", rows) + "\n";
        java.nio.file.Files.writeString(file, csv);
        try (Browser b = Browser.pooled()) {
            b.open("?backend=wasm#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("csv-file").sendKeys(file.toString());
            b.waitUpTo(20).until(d -> b.byTestId("csv-preview").isDisplayed());
            b.select("csv-task", "series");
            b.byTestId("csv-use").click();
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("20\u00d71") && "idle".equals(b.value("status")));
            b.byTestId("step-epoch").click();
            b.waitUpTo(60).until(d -> b.number("epoch") == 1 && "paused".equals(b.value("status")));
            String hash = b.driver.getCurrentUrl().split("#", 2)[1];
            Settings s = new Settings();
            for (String pair : hash.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                if (Settings.isKey(key)) s.set(key, java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertEquals("level", s.get("series"), hash);
            assertEquals("lstm16", s.get("layers"), hash);
            Experiment jvm = Experiment.create(s, csv);
            jvm.trainer.stepEpoch();
            assertEquals(WeightsHash.of(jvm.model.network), b.value("weights-hash"));
            assertEquals("series", b.byTestId("fit").getAttribute("data-kind"));
            assertEquals(List.of(), b.consoleErrors());
        }
        Browser.delete(dir);
    }
}
