package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.cli.Main;
import studio.backprop.engine.train.Settings;
import studio.backprop.engine.train.Sweep;

/** A sweep's grid, and the CLI's sweep on threads: every run is exactly the run alone. */
class SweepTest {
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theGridVariesTheFirstSettingSlowestAndBadSpecsAreNamed() {
        List<Settings> grid = Sweep.parse("lr:0.001|0.01|0.1;layers:8|16,16").grid(Settings.of("data=xor", '&'));
        assertEquals(6, grid.size());
        assertEquals("0.001", grid.get(1).get("lr"));
        assertEquals("16,16", grid.get(1).get("layers"));
        assertEquals("0.01", grid.get(2).get("lr"));
        assertEquals("sweep: unknown setting 'colour'", assertThrows(IllegalArgumentException.class, () -> Sweep.parse("colour:red")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.parse("lr:0.1;lr:0.2")).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.parse("seed:" + "1|".repeat(101) + "1")).getMessage().contains("at most 100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.parse("epochs:1|2")).getMessage().contains("same for every run"));
    }

    /** The best run: the higher accuracy (the lower RMSE), and on a tie the lower test loss. */
    @Test
    void aTieOnAccuracyGoesToTheLowerLoss() {
        assertTrue(Sweep.better(true, 0.96, 0.30, 0.95, 0.10));
        assertTrue(Sweep.better(true, 0.96, 0.10, 0.96, 0.30));
        assertFalse(Sweep.better(true, 0.96, 0.30, 0.96, 0.10));
        assertTrue(Sweep.better(false, 1.5, 0.9, 2.0, 0.1), "a regression: the lower RMSE");
    }

    @Test
    void theCommandLineSweepsOnThreadsAndEachRunIsTheRunAlone() {
        String[] r = run("sweep", "--data=xor", "--layers=4", "--opt=adam", "--epochs=15", "--sweep=lr:0.003|0.03;seed:1|2", "--threads=2");
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertTrue(lines.get(0).trim().startsWith("lr"), lines.get(0));
        assertEquals(1, lines.subList(1, 5).stream().filter(l -> l.startsWith("* ")).count(), "the best is marked once");
        List<String> json = lines.stream().filter(l -> l.startsWith("{")).toList();
        assertEquals(4, json.size());
        for (String line : json) {
            String settings = line.replaceAll(".*\"settings\":\"([^\"]*)\".*", "$1").replace("\\u0026", "&");
            String alone = run(("train&" + settings + "&quiet").replace("&", "\n--").split("\n"))[1].trim();
            String hash = line.replaceAll(".*\"weightsHash\":\"([0-9a-f]+)\".*", "$1");
            assertTrue(alone.endsWith("\"weightsHash\":\"" + hash + "\"}"), settings + ": " + alone);
        }
        assertTrue(run("sweep", "--data=xor", "--sweep=nope:1")[2].contains("unknown setting 'nope'"));
    }
}
