package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The studio on a 360 px phone: nothing sticks out sideways, every control is a thumb's size, and the numbers sit by the plane. */
class PhoneIT {
    @ParameterizedTest
    @ValueSource(strings = {"", "#data=iris&epochs=5&play=1", "#data=digits&epochs=2&play=1"})
    void thePhoneLayoutFitsAndEveryControlCanBeTapped(String hash) throws Exception {
        try (Browser b = Browser.pooled()) {
            b.phone();
            b.open(hash);
            b.waitUpTo(30).until(d -> !b.value("weights-hash").isEmpty() && (hash.isEmpty() || "paused".equals(b.value("status"))));
            b.screenshot("phone" + hash.replaceAll("[^a-z]+", "-"));
            assertEquals(List.of(), b.overflowing(), "elements past the right edge");
            @SuppressWarnings("unchecked")
            List<String> small = (List<String>) b.driver.executeScript("var out = [];"
                    + "document.querySelectorAll('button, select, input, [tabindex]:not(section)').forEach(function (e) {"
                    + "  var r = e.getBoundingClientRect(); if (r.width === 0 || e.closest('[hidden]')) return;"
                    + "  var l = e.closest('label'), t = l ? l.getBoundingClientRect() : r;"
                    + "  var h = Math.max(r.height, t.height), w = Math.max(r.width, t.width);"
                    + "  if (h < 43.5 || w < 43.5) out.push((e.getAttribute('data-testid') || e.tagName + ' ' + (e.type || '')) + ' ' + Math.round(w) + 'x' + Math.round(h)); });"
                    + "return out;");
            assertEquals(List.of(), small, "controls smaller than 44 px");
            if (hash.isEmpty()) {
                // the loss chart right under the plane, so that one can watch both
                double planeBottom = ((Number) b.driver.executeScript(
                        "return document.querySelector('[data-testid=heatmap]').getBoundingClientRect().bottom + scrollY")).doubleValue();
                double chartTop = ((Number) b.driver.executeScript(
                        "return document.querySelector('[data-testid=loss-chart]').getBoundingClientRect().top + scrollY")).doubleValue();
                assertTrue(chartTop - planeBottom < 700, "the loss chart starts " + (chartTop - planeBottom) + " px below the plane");
            }
            assertEquals(List.of(), b.consoleErrors());
        }
    }
}
