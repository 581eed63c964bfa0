package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The studio fits its screen: on a 360 px phone nothing sticks out sideways, every control is a thumb's size and the numbers sit by the plane; at 1280 px every table shows whole. */
class LayoutIT {
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
            if (hash.contains("iris")) {
                assertEquals("sepal length|sepal width|petal length|petal width", b.byTestId("network").getAttribute("data-input-labels"),
                        "the drawing names its inputs whole (the unit goes, not the name's end)");
            }
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

    /** At 1280 px the ten classes of the digits' confusion matrix, their recall and precision, and the runs table's links show without scrolling. */
    @org.junit.jupiter.api.Test
    void atADesktopsWidthTheTablesShowWhole() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            b.open("#data=digits&epochs=2&play=1");
            b.waitUpTo(30).until(d -> "paused".equals(b.value("status")) && b.byTestId("runs-panel").isDisplayed());
            @SuppressWarnings("unchecked")
            List<String> clipped = (List<String>) b.driver.executeScript("var out = [];"
                    + "document.querySelectorAll('.table-scroll, [data-testid=runs-panel]').forEach(function (e) {"
                    + "  if (e.offsetParent && e.scrollWidth > e.clientWidth + 1) out.push((e.getAttribute('data-testid') || e.className) + ' ' + e.scrollWidth + ' > ' + e.clientWidth); });"
                    + "return out;");
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("confusion-panel"));
            b.screenshot("confusion-digits-1280");
            assertEquals(List.of(), clipped, "tables cut at 1280 px");
            assertEquals("12", b.driver.executeScript("return String(document.querySelectorAll('[data-testid=confusion] tr:first-child th').length)"),
                    "the corner, a column per class and one for recall");
        }
    }
}
