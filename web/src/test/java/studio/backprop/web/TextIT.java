package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.TextSampler;

/**
 * Text in the studio: the names train in both builds to the JVM's weights, the model makes up the
 * JVM's names for the same view, the next character after a typed start is the JVM's, a hidden
 * unit colours the text, the loss stands beside the bigram floor; a .txt file trains on its own.
 */
class TextIT {
    private static final String QUERY = "data=names&layers=gru16&window=10&opt=adam&lr=0.02&batch=32&seed=2";

    @Test
    void theNamesTrainAndMakeUpTheJvmsNames() throws Exception {
        Experiment jvm = Experiment.load(Settings.of(QUERY, '&'));
        jvm.trainer.stepEpoch();
        TextSampler sampler = new TextSampler(jvm.model);
        String names = sampler.sample("", 240, 6, 0.8, new Rng(1)), after = sampler.sample("ma", 240, 6, 0.8, new Rng(1));
        double[] next = sampler.next("ma");
        int best = 0;
        for (int j = 1; j < next.length; j++) if (next[j] > next[best]) best = j;
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#" + QUERY);
                b.waitUpTo(30).until(d -> "idle".equals(b.value("status")) && b.byTestId("text-panel").isDisplayed() && !b.text("architecture").isEmpty());
                assertTrue(b.text("architecture").startsWith("10 symbols"), b.text("architecture"));
                assertFalse(b.byTestId("confusion-panel").isDisplayed());
                assertFalse(b.byTestId("try-form").isDisplayed());
                b.byTestId("step-epoch").click();
                b.waitUpTo(90).until(d -> b.number("epoch") == 1 && "paused".equals(b.value("status")));
                assertEquals(WeightsHash.of(jvm.model.network), b.value("weights-hash"), backend);
                b.waitUpTo(20).until(d -> names.equals(b.byTestId("text-sample").getAttribute("data-text")));
                assertEquals(jvm.bigramLoss(), b.number("text-floor"), 0, "the bigram floor");
                assertTrue(b.text("text-floor").contains("nats") && b.text("text-floor").contains("bits"), b.text("text-floor"));
                // try it: a start, its next character, and what follows it
                b.byTestId("text-start").sendKeys("ma");
                b.waitUpTo(20).until(d -> after.equals(b.byTestId("text-sample").getAttribute("data-text")));
                WebElement top = b.byTestId("text-next").findElement(By.cssSelector("li.top"));
                assertEquals(sampler.vocab[best], top.getAttribute("data-class"));
                assertEquals(next[best], Double.parseDouble(top.getAttribute("data-value")), 0);
                // a hidden unit colours the characters: its value after each one
                b.select("text-unit", "3");
                b.waitUpTo(20).until(d -> !b.byTestId("text-sample").findElements(By.cssSelector("span[title]")).isEmpty());
                double[] unit = sampler.unitValues("ma" + after, sampler.recurrentModules()[0], 3);
                List<WebElement> spans = b.byTestId("text-sample").findElements(By.cssSelector("span"));
                assertEquals(unit.length, spans.size());
                assertEquals(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.2f", unit[4])), Double.parseDouble(spans.get(4).getAttribute("title")), 0.0051);
                if (backend.equals("wasm")) {
                    b.screenshot("text-" + backend);
                    b.phone();
                    b.screenshot("text-phone-" + backend);
                    assertEquals(List.of(), b.overflowing());
                    b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
                }
            }
            // a names generator as an 8-bit link: whoever opens it gets the same names at once
            String payload = studio.backprop.engine.model.ModelLink.payload(jvm.model, 8);
            String linked = new TextSampler(studio.backprop.engine.model.ModelLink.read("m=" + payload)).sample("", 240, 6, 0.8, new Rng(1));
            b.open("?backend=js&t=" + System.nanoTime() + "#m=" + payload);
            b.waitUpTo(30).until(d -> linked.equals(b.byTestId("text-sample").getAttribute("data-text")));
            System.out.println("names link at 8 bits: " + payload.length() + " characters; made up: " + linked.replace('\n', ' '));
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    /** A .txt file of the user's own: its characters, the text recommendation, the JVM's weights. */
    @Test
    void aTextFileTrainsOnItsCharacters() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("text");
        java.nio.file.Path file = dir.resolve("poem.txt");
        String text = "Twinkle, twinkle, little star,\r\nHow I wonder what you are!\r\n".repeat(40);
        java.nio.file.Files.writeString(file, text);
        try (Browser b = Browser.pooled()) {
            b.open("?backend=wasm#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("csv-file").sendKeys(file.toString());
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("32 symbols") && "idle".equals(b.value("status")));
            String hash = b.driver.getCurrentUrl().split("#", 2)[1];
            java.util.Map<String, String> pairs = new java.util.LinkedHashMap<>();
            for (String pair : hash.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
                if (Settings.isKey(key)) pairs.put(key, java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
            // the URL names what differs from the data's recommendation: here nothing but the file
            Settings s = studio.backprop.engine.train.Recommended.named(pairs);
            assertEquals("poem.txt", s.get("data"));
            assertEquals("lstm128", s.get("layers"));
            b.byTestId("step-epoch").click();
            b.waitUpTo(60).until(d -> b.number("epoch") == 1 && "paused".equals(b.value("status")));
            Experiment jvm = Experiment.create(s, text);
            jvm.trainer.stepEpoch();
            assertEquals(WeightsHash.of(jvm.model.network), b.value("weights-hash"));
            b.waitUpTo(20).until(d -> !b.byTestId("text-sample").getAttribute("data-text").isEmpty());
            assertEquals(List.of(), b.consoleErrors());
        }
        Browser.delete(dir);
    }
}
