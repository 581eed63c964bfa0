package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelJson;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.Onnx;
import studio.backprop.engine.model.OnnxImport;
import studio.backprop.engine.model.Tfjs;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

/**
 * Model files written by the CLI open in the page exactly, and the page's downloads (JSON, binary,
 * ONNX) are the JVM's bytes; models saved in the browser stay across visits.
 */
class ModelFilesIT {
    /**
     * A run of the training worker (which writes no model files) downloads the JVM's bytes too: the
     * full worker, started beside it, writes them, and the run goes on where it was.
     */
    @Test
    void theTrainingWorkersRunDownloadsTheJvmsBytesAndGoesOn() throws Exception {
        Settings s = new Settings().set("data", "gauss").set("layers", "4,3").set("opt", "adam").set("seed", "8");
        Experiment ex = Experiment.create(s, null);
        ex.trainer.stepEpoch();
        ex.trainer.stepEpoch();
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#data=gauss&layers=4,3&opt=adam&seed=8");
                b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
                for (int epoch = 1; epoch <= 2; epoch++) {
                    int want = epoch;
                    b.byTestId("step-epoch").click();
                    b.waitUpTo(20).until(d -> b.number("epoch") == want);
                }
                assertEquals(WeightsHash.of(ex.model.network), b.value("weights-hash"), backend);
                assertArrayEquals(ModelJson.write(ex.model).getBytes(StandardCharsets.UTF_8), b.download("download-json", "model-gauss.json"), backend);
                assertArrayEquals(ModelBinary.write(ex.model), b.download("download-binary", "model-gauss.bpsm"), backend);
                assertArrayEquals(Onnx.write(ex.model), b.download("download-onnx", "model-gauss.onnx"), backend);
                assertArrayEquals(Tfjs.write(ex.model).zip(), b.download("download-tfjs", "model-gauss.tfjs.zip"), backend);
                assertEquals(java.util.List.of("worker-" + backend + ".js", "full-worker-" + backend + ".js"),
                        b.fetched().stream().filter(f -> f.contains("worker-")).collect(java.util.stream.Collectors.toList()), backend);
                b.byTestId("step-epoch").click();
                b.waitUpTo(20).until(d -> b.number("epoch") == 3);
                ex.trainer.stepEpoch();
                assertEquals(WeightsHash.of(ex.model.network), b.value("weights-hash"), backend + ": the run went on from its weights");
                ex = Experiment.create(s, null);
                ex.trainer.stepEpoch();
                ex.trainer.stepEpoch();
            }
            assertEquals(java.util.List.of(), b.consoleErrors());
        }
    }

    @Test
    void modelFilesOpenExactlyAndSavedModelsStay() throws Exception {
        Experiment ex = Experiment.create(new Settings().set("data", "gauss").set("layers", "4,3").set("opt", "adam").set("seed", "8"), null);
        ex.trainer.stepEpoch();
        ex.trainer.stepEpoch();
        String expected = WeightsHash.of(ex.model.network);
        Path json = Browser.tempFile("model", ".json"), binary = Browser.tempFile("model", ".bpsm");
        Files.writeString(json, ModelJson.write(ex.model));
        Files.write(binary, ModelBinary.write(ex.model));
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                for (Path file : new Path[] {json, binary}) {
                    b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#data=spiral");
                    b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
                    b.byTestId("model-file").sendKeys(file.toString());
                    b.waitUpTo(20).until(d -> expected.equals(b.value("weights-hash")));
                    assertEquals("2\u20134\u20133\u20131", b.text("architecture"), backend + " " + file);
                }
                // what the page downloads is byte for byte what the JVM writes for the same model
                assertArrayEquals(ModelJson.write(ex.model).getBytes(StandardCharsets.UTF_8), b.download("download-json", "model-gauss.json"), backend);
                assertArrayEquals(ModelBinary.write(ex.model), b.download("download-binary", "model-gauss.bpsm"), backend);
                assertArrayEquals(Onnx.write(ex.model), b.download("download-onnx", "model-gauss.onnx"), backend);
                assertArrayEquals(Tfjs.write(ex.model).zip(), b.download("download-tfjs", "model-gauss.tfjs.zip"), backend);
            }
            b.byTestId("model-name").sendKeys("<b>my</b> gauss");
            b.byTestId("save-model").click();
            b.waitUpTo(10).until(d -> !b.byTestId("my-models").findElements(By.tagName("li")).isEmpty());
            b.open("?t=" + System.nanoTime() + "#data=xor");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            assertEquals("<b>my</b> gauss", b.byTestId("my-models").findElement(By.cssSelector(".name")).getText());
            b.byTestId("open-model-0").click();
            b.waitUpTo(20).until(d -> expected.equals(b.value("weights-hash")));
            b.byTestId("delete-model-0").click();
            assertTrue(b.byTestId("my-models").findElements(By.tagName("li")).isEmpty());

            Path deep = Browser.tempFile("deep", ".json");
            // (the model-file input opens on the full worker; the next test covers the training worker's own runs)
            Files.writeString(deep, "[".repeat(100_000));
            b.byTestId("model-file").sendKeys(deep.toString());
            b.waitUpTo(20).until(d -> b.text("error").startsWith("This model cannot be opened: JSON error at character 34: nested deeper than 32 levels"));
            Path cut = Browser.tempFile("cut", ".bpsm");
            Files.write(cut, java.util.Arrays.copyOf(ModelBinary.write(ex.model), 40));
            b.byTestId("model-file").sendKeys(cut.toString());
            b.waitUpTo(20).until(d -> b.text("error").startsWith("This model cannot be opened: the model is truncated"));
        }
    }

    /**
     * An ONNX file opens as a studio model on its data (a conv net on the digits, from its
     * metadata), with the weights the JVM reads from it, and trains on; an operator the engine
     * lacks is named with its node.
     */
    @Test
    void onnxFilesOpenAndTrainOn() throws Exception {
        Experiment ex = Experiment.load(Settings.of("data=digits layers=conv4x3,pool2,16 act=relu opt=adam lr=0.01 seed=3", ' '));
        ex.trainer.stepEpoch();
        byte[] onnx = Onnx.write(ex.model);
        Model imported = OnnxImport.read(onnx);
        String expected = WeightsHash.of(imported.network);
        Path file = Browser.tempFile("digits", ".onnx"), bad = Browser.tempFile("gelu", ".onnx");
        Files.write(file, onnx);
        // the same file with its Relu nodes turned into Gelu (same length: the file stays valid)
        Files.write(bad, new String(onnx, StandardCharsets.ISO_8859_1).replace("Relu", "Gelu").getBytes(StandardCharsets.ISO_8859_1));
        try (Browser b = Browser.pooled()) {
            for (String backend : new String[] {"js", "wasm"}) {
                b.open("?backend=" + backend + "&t=" + System.nanoTime() + "#data=spiral");
                b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
                b.byTestId("model-file").sendKeys(file.toString());
                b.waitUpTo(30).until(d -> expected.equals(b.value("weights-hash")));
                assertEquals("digits", b.driver.findElement(By.cssSelector("[data-testid=data]")).getAttribute("value"), backend);
                String epoch = b.value("epoch");
                b.byTestId("step-epoch").click();
                b.waitUpTo(30).until(d -> !epoch.equals(b.value("epoch")) && !expected.equals(b.value("weights-hash")));
                b.byTestId("model-file").sendKeys(bad.toString());
                b.waitUpTo(20).until(d -> b.text("error").startsWith("This model cannot be opened: its Gelu node 'A1' is not supported"));
            }
        }
    }
}
