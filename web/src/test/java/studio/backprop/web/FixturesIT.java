package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Links made by an earlier build (the engine's test fixtures) open in both builds of today's
 * studio to the same weights and keep training, epoch by epoch, to the weights that build's run
 * reached (expected.properties; FixturesTest checks the same on the JVM).
 */
class FixturesIT {
    static final Path FIXTURES = Path.of("../engine/src/test/resources/studio/backprop/fixtures");

    static Properties expected() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(FIXTURES.resolve("expected.properties"))));
        return p;
    }

    @ParameterizedTest
    @CsvSource({"spiral,js", "spiral,wasm", "iris,js", "iris,wasm", "digits,wasm", "mnist,js"})
    void anOldLinkOpensAndKeepsTrainingAsBefore(String name, String backend) throws Exception {
        Properties want = expected();
        String payload = Files.readString(FIXTURES.resolve(name + ".link")).trim();
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "#m=" + payload);
            b.waitUpTo(30).until(d -> want.getProperty(name + ".hash").equals(b.value("weights-hash")) && "idle".equals(b.value("status")));
            for (int epoch = 1; epoch <= 3; epoch++) {
                b.byTestId("step-epoch").click();
                int e = epoch;
                b.waitUpTo(60).until(d -> b.number("epoch") == e && "paused".equals(b.value("status")));
            }
            assertEquals(want.getProperty(name + ".trained3"), b.value("weights-hash"), name + " after 3 more epochs in " + backend);
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @ParameterizedTest
    @CsvSource({"cancer,js", "moons,wasm"})
    void anOld8BitLinkOpensToTheSameWeights(String name, String backend) throws Exception {
        Properties want = expected();
        String payload = Files.readString(FIXTURES.resolve(name + "-8bit.link")).trim();
        try (Browser b = Browser.pooled()) {
            b.open("?backend=" + backend + "#m=" + payload);
            b.waitUpTo(30).until(d -> want.getProperty(name + ".hash8").equals(b.value("weights-hash")));
        }
    }
}
