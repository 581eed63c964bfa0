package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * axe-core (pinned in tools/a11y-check, test-only) run in Chromium over the studio as a newcomer
 * sees it and with the panels of the user's own data open: no violation of serious or critical
 * impact (names for every control, contrast, roles, labels).
 */
class AccessibilityIT {
    private static final Path AXE = Path.of("../tools/a11y-check/node_modules/axe-core/axe.min.js").toAbsolutePath().normalize();

    /** Each serious or critical violation: its rule, impact, and the first elements it names. */
    @SuppressWarnings("unchecked")
    static List<String> violations(Browser b) throws Exception {
        b.driver.executeScript(Files.readString(AXE));
        Object result = b.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations.map(function (v) {"
                + "  return {id: v.id, impact: v.impact || '', nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', ')}; })); },"
                + " function (e) { done([{id: 'axe failed: ' + e, impact: 'critical', nodes: ''}]); });");
        List<String> out = new ArrayList<>();
        for (Object o : (List<Object>) result) {
            Map<String, Object> v = (Map<String, Object>) o;
            String impact = (String) v.get("impact");
            if (impact.equals("serious") || impact.equals("critical")) out.add(v.get("id") + " (" + impact + "): " + v.get("nodes"));
        }
        return out;
    }

    @Test
    void theStudioAndItsDataPanelsHaveNoSeriousViolations() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=spiral");
            b.waitUpTo(20).until(d -> !b.value("weights-hash").isEmpty());
            List<String> found = new ArrayList<>(violations(b));
            b.byTestId("sounds-make").click();
            b.waitUpTo(10).until(d -> b.driver.findElements(org.openqa.selenium.By.cssSelector("[data-testid=sound-class-name-1]")).size() == 1);
            b.byTestId("images-make").click();
            b.waitUpTo(10).until(d -> b.driver.findElements(org.openqa.selenium.By.cssSelector("[data-testid=class-name-1]")).size() == 1);
            for (String v : violations(b)) if (!found.contains(v)) found.add(v);
            assertEquals(List.of(), found);
        }
    }
}
