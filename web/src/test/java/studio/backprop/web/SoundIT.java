package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import studio.backprop.engine.SoundMaker;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.sound.SoundFiles;
import studio.backprop.engine.sound.SoundFormat;
import studio.backprop.engine.sound.Wav;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;

/**
 * Your own sounds in the studio: a zip of WAVs trains the CLI's weights; the fake microphone
 * (playing a high tone) records clips and is heard live; a link listens at once; bad files,
 * a refused microphone and a zip bomb are named.
 */
class SoundIT {
    /** Waits until the sounds panel reports this many clips and no load under way. */
    private static void loaded(Browser b, int clips, int seconds) {
        b.waitUpTo(seconds).until(d -> Integer.toString(clips).equals(b.byTestId("sounds-summary").getAttribute("data-value"))
                && "false".equals(b.byTestId("sounds-progress").getAttribute("data-loading")));
    }

    /** The class Try it gives the highest probability ("" before it has answered). */
    private static String top(Browser b) {
        // read in one script: the list is drawn anew with every answer (four a second while listening)
        return (String) b.driver.executeScript("var e = document.querySelector('[data-testid=probabilities] li.top');"
                + " return e ? e.getAttribute('data-class') : '';");
    }

    /** The data-value of each element a selector finds. */
    @SuppressWarnings("unchecked")
    private static List<Object> probabilities(Browser b, String selector) {
        return (List<Object>) b.driver.executeScript("return Array.prototype.map.call(document.querySelectorAll(arguments[0]),"
                + " function (e) { return e.getAttribute('data-value'); });", selector);
    }

    private static int count(Browser b, int cls) {
        return Integer.parseInt(b.byTestId("sound-class-count-" + cls).getAttribute("data-value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"js", "wasm"})
    void aZipOfWavsTrainsTheCliWeightsThenTheMicrophoneIsHeardLiveAndALinkListens(String backend) throws Exception {
        Path dir = Files.createTempDirectory("sounds");
        Path zip = dir.resolve("sounds.zip");
        Files.write(zip, SoundMaker.zip(20, 22050));
        // what the fake microphone plays, over and over: high tones, at 48 kHz as microphones give
        double[] tone = new double[48000 * 4];
        for (int k = 0; k < 4; k++) System.arraycopy(SoundMaker.sound("high", 100 + k, 1, 48000), 0, tone, 48000 * k, 48000);
        Path mic = dir.resolve("mic.wav");
        Files.write(mic, Wav.write16(tone, 48000));
        String link, trained;
        Path project = dir.resolve("project.zip");
        try (Browser b = new Browser(true, mic)) {
            b.open("?backend=" + backend + "#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("sounds-file").sendKeys(zip.toString());
            loaded(b, 80, 60);
            for (int k = 0; k < 4; k++) assertEquals(SoundMaker.CLASSES[k], b.byTestId("sound-class-name-" + k).getAttribute("value"));
            assertEquals(20, count(b, 2));
            assertEquals(8 * 4, b.byTestId("sound-classes").findElements(By.cssSelector("button.clip")).size(), "each class's latest clips, drawn");

            b.byTestId("sounds-use").click();
            b.waitUpTo(30).until(d -> b.text("architecture").startsWith("32\u00d732\u00d71"));
            for (int e = 1; e <= 3; e++) {
                b.byTestId("step-epoch").click();
                int epoch = e;
                b.waitUpTo(60).until(d -> b.number("epoch") == epoch);
            }
            Settings s = Settings.of("data=sounds.zip&sound=mel32&" + Recommended.SOUNDS, '&');
            Experiment cli = Experiment.fromSounds(s, SoundFiles.read(zip, SoundFormat.parse("mel32")));
            for (int e = 0; e < 3; e++) cli.trainer.stepEpoch();
            assertEquals(WeightsHash.of(cli.model.network), b.value("weights-hash"), "the worker reads the WAVs to the JVM's spectrograms");
            assertTrue(b.driver.getCurrentUrl().contains("sound=mel32"), b.driver.getCurrentUrl());
            if (backend.equals("js")) { // the same weights in the other build; the rest is the page's, the same in both
                assertEquals(List.of(), b.consoleErrors());
                Browser.delete(dir);
                return;
            }

            b.byTestId("play").click();
            b.waitUpTo(180).until(d -> b.number("test-accuracy") >= 0.9);
            b.byTestId("play").click();
            b.waitUpTo(20).until(d -> !b.text("status").equals("training"));

            // the fake microphone plays high tones: heard live, then recorded as clips of "high"
            b.byTestId("try-listen").click();
            b.waitUpTo(30).until(d -> top(b).equals("high"));
            b.byTestId("try-listen").click();
            // a file: each of its seconds classified, their probabilities averaged
            Path low = dir.resolve("low.wav");
            Files.write(low, Wav.write16(SoundMaker.sound("low", 200, 2, 44100), 44100));
            b.byTestId("try-sound").sendKeys(low.toString());
            b.waitUpTo(30).until(d -> top(b).equals("low"));
            List<Object> studio = probabilities(b, "[data-testid=probabilities] li");
            assertEquals("Test clips (click one to hear it)", b.text("gallery-title"));
            // a test clip is heard when clicked (the worker sends its samples back to play)
            new org.openqa.selenium.interactions.Actions(b.driver).moveToElement(b.byTestId("gallery"), -300, -60).click().perform();
            b.waitUpTo(20).until(d -> "1".equals(b.byTestId("sounds-panel").getAttribute("data-played")));
            b.byTestId("record-2").click();
            b.waitUpTo(20).until(d -> count(b, 2) == 21);
            assertTrue(b.byTestId("mic-message").getAttribute("hidden") != null, b.text("mic-message"));
            b.screenshot("sounds");
            assertEquals(List.of(), AccessibilityIT.violations(b), "a trained run's views, the sounds panel full");
            List<org.openqa.selenium.WebElement> high = b.byTestId("sound-clips-2").findElements(By.cssSelector("button.clip"));
            String newest = high.get(high.size() - 1).getAttribute("data-testid").substring("sound-clip-".length());
            b.byTestId("sound-clip-" + newest).click();
            b.waitUpTo(20).until(d -> "2".equals(b.byTestId("sounds-panel").getAttribute("data-played")));
            b.byTestId("sound-clip-delete-" + newest).click();
            b.waitUpTo(20).until(d -> count(b, 2) == 20);

            trained = b.value("weights-hash");
            Files.write(project, b.download("save-project", "project-sounds_zip.zip"));
            Path page = dir.resolve("model-sounds.html");
            Files.write(page, b.download("download-page", "model-sounds_zip.html"));
            b.byTestId("share").click();
            b.waitUpTo(10).until(d -> !b.byTestId("share-link").getAttribute("value").isEmpty());
            link = b.byTestId("share-link").getAttribute("value");
            b.byTestId("share-close").click();
            b.phone();
            b.screenshot("sounds-phone");
            assertEquals(List.of(), b.overflowing());
            assertEquals(List.of(), b.consoleErrors());
            // the model's own page hears the same file as the studio did, to the bit
            b.driver.get(page.toUri().toString());
            b.waitUpTo(20).until(d -> b.byTestId("sound").isDisplayed());
            b.byTestId("sound").sendKeys(low.toString());
            b.waitUpTo(20).until(d -> probabilities(b, "[data-testid=answer] [data-value]").size() == 4);
            assertEquals(studio, probabilities(b, "[data-testid=answer] [data-value]"), "the page's probabilities are the studio's");
            assertEquals(List.of(), b.overflowing());
        }
        try (Browser other = new Browser(true, mic)) {
            // whoever opens the link listens at once: no recordings travel with it
            other.driver.get(link);
            other.waitUpTo(30).until(d -> other.byTestId("sounds-note").isDisplayed());
            assertEquals("high", other.byTestId("sound-class-name-2").getAttribute("value"), "the model's classes wait for clips");
            assertEquals("0", other.byTestId("sounds-summary").getAttribute("data-value"));
            other.byTestId("try-listen").click();
            other.waitUpTo(30).until(d -> top(other).equals("high"));
            other.byTestId("try-listen").click();
            // a project keeps the clips: it opens to the weights it was saved with, its 80 clips listed
            other.byTestId("model-file").sendKeys(project.toString());
            other.waitUpTo(60).until(d -> trained.equals(other.value("weights-hash")) && "idle".equals(other.value("status")));
            loaded(other, 80, 30);
            assertEquals(List.of(), other.consoleErrors());
        } finally {
            Browser.delete(dir);
        }
    }

    /** A 1.5-second hum recorded by MediaRecorder as WebM (Opus), in base64. */
    private static final String WEBM = "var done = arguments[arguments.length - 1], c = new AudioContext(); c.resume();"
            + "var o = c.createOscillator(), g = c.createGain(), d = c.createMediaStreamDestination(); o.frequency.value = 440; g.gain.value = 0.3;"
            + "o.connect(g); g.connect(d); o.start(); var r = new MediaRecorder(d.stream, {mimeType: 'audio/webm'}), parts = [];"
            + "r.ondataavailable = function (e) { parts.push(e.data); };"
            + "r.onstop = function () { new Blob(parts).arrayBuffer().then(function (a) { var s = '', u = new Uint8Array(a);"
            + "  for (var i = 0; i < u.length; i++) s += String.fromCharCode(u[i]); done(btoa(s)); }); };"
            + "r.start(); setTimeout(function () { r.stop(); o.stop(); }, 1500);";

    @Test
    void badSoundsAreNamedTheOthersKeptAndARefusedMicrophoneSaysSo() throws Exception {
        Path dir = Files.createTempDirectory("sounds");
        Path low = dir.resolve("low.wav"), silent = dir.resolve("silent.wav"), blip = dir.resolve("blip.wav"), text = dir.resolve("notes.wav");
        Path garbage = dir.resolve("song.mp3"), hour = dir.resolve("hour.wav");
        Files.write(low, Wav.write16(SoundMaker.sound("low", 1, 2.3, 44100), 44100));
        Files.write(silent, Wav.write16(new double[16000], 16000));
        Files.write(blip, Wav.write16(SoundMaker.sound("clicks", 1, 0.01, 16000), 16000));
        Files.writeString(text, "not a sound");
        Files.write(garbage, new byte[] {(byte) 0xFF, (byte) 0xFB, 1, 2, 3, 4, 5, 6, 7, 8});
        Files.write(hour, Wav.write16(new double[1000 * 60 * 11], 1000)); // 11 minutes (at 1 kHz: 1.3 MB)
        Path bombZip = OwnImagesIT.bomb(dir, "x/a/big.wav");
        try (Browser b = Browser.pooled()) {
            b.open("#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            b.byTestId("sounds-file").sendKeys(bombZip.toString());
            b.waitUpTo(20).until(d -> b.text("sounds-message").contains("zip bomb"));
            b.byTestId("sounds-clear").click();
            b.byTestId("sounds-make").click();
            b.waitUpTo(10).until(d -> b.driver.findElements(By.cssSelector("[data-testid=sound-class-name-1]")).size() == 1);
            assertEquals("background noise", b.byTestId("sound-class-name-0").getAttribute("value"), "a background noise class by default");
            b.byTestId("sound-class-file-1").sendKeys(String.join("\n", low.toString(), silent.toString(), blip.toString(), text.toString(),
                    garbage.toString(), hour.toString()));
            loaded(b, 2, 30);
            assertEquals(2, count(b, 1), "2.3 s of sound: two clips (the last 0.3 s, under half a second, is dropped)");
            String skipped = b.byTestId("sounds-skipped").getAttribute("textContent");
            assertTrue(skipped.contains("silent.wav: silent"), skipped);
            assertTrue(skipped.contains("blip.wav: too short (10 ms"), skipped);
            assertTrue(skipped.contains("notes.wav: not a sound file"), skipped);
            assertTrue(skipped.contains("song.mp3: not a sound this browser decodes"), skipped);
            assertTrue(skipped.contains("hour.wav: longer than 10 minutes (11 min)"), skipped);
            b.byTestId("sounds-use").click();
            b.waitUpTo(20).until(d -> b.text("error").contains("the class 'background noise' has no sounds"));

            // a file only the browser decodes (WebM/Opus, made here by the browser's own encoder) goes to the page and back
            Path webm = dir.resolve("hum.webm");
            Files.write(webm, java.util.Base64.getDecoder().decode((String) b.driver.executeAsyncScript(WEBM)));
            b.byTestId("sound-class-file-0").sendKeys(webm.toString());
            b.waitUpTo(30).until(d -> count(b, 0) >= 1);
            assertEquals(2, count(b, 1));

            // headless Chromium without a fake device gives no microphone: the press says so
            b.byTestId("record-0").click();
            b.waitUpTo(20).until(d -> b.byTestId("mic-message").isDisplayed());
            String why = b.text("mic-message");
            assertTrue(why.contains("refused") || why.contains("no microphone"), why);
            assertEquals(2, count(b, 1), "the other clips stay");
        } finally {
            Browser.delete(dir);
        }
    }
}
