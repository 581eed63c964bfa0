package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.backprop.engine.data.Text;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;

/** A data set named alone brings its recommended setup, and every setup's URL query reads back to the same setup. */
class RecommendedTest {
    private static Map<String, String> pairs(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : Text.split(query, '&')) if (!p.isEmpty()) m.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        return m;
    }

    @Test
    void aDataSetNamedAloneIsItsRecommendation() {
        assertEquals("16,16,16", Recommended.named(Map.of()).get("layers"), "the first screen: the spiral as recommended");
        Settings sine = Recommended.named(Map.of("data", "sine", "seed", "3"));
        assertEquals("adam", sine.get("opt"));
        assertEquals("300", sine.get("epochs"));
        assertEquals("3", sine.get("seed"));
        // a URL that names the network or training keeps the defaults for the rest
        assertEquals("sgd", Recommended.named(Map.of("data", "sine", "lr", "0.001")).get("opt"));
        // a table of one's own
        assertEquals("16", Recommended.named(Map.of("data", "houses.csv", "target", "price")).get("layers"));
    }

    @Test
    void everySetupReadsBackFromItsQuery() {
        Settings[] setups = {
            Recommended.named(Map.of()),
            Recommended.named(Map.of("data", "iris")),
            Recommended.named(Map.of("data", "iris")).set("lr", "0.02"),
            new Settings().set("data", "sine"), // the defaults, not the sine's recommendation
            new Settings(),
            new Settings().set("data", "my.csv").set("target", "y"),
            Recommended.named(Map.of("data", "mnist")).set("seed", "9"),
            new Settings().set("data", "pets.zip").set("image", "rgb32"),
        };
        for (Settings s : setups) {
            String q = Recommended.query(s, v -> v);
            assertEquals(s.asMap(), Recommended.named(pairs(q)).asMap(), q);
        }
        assertEquals("data=sine", Recommended.query(Recommended.named(Map.of("data", "sine")), v -> v), "a recommended setup's URL stays short");
        assertEquals("", Recommended.query(Recommended.named(Map.of()), v -> v));
    }
}
