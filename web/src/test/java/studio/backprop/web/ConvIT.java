package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A conv net built in the layer editor, trained, drawn, explained and shared. */
class ConvIT {
    @Test
    void aConvNetIsBuiltInTheEditorAndTrains() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=digits&layers=16&act=relu&opt=adam&lr=0.01&batch=16");
            b.waitUpTo(30).until(d -> "64\u201316\u201310".equals(b.text("architecture")));
            // layer 1 becomes a conv layer; then a pool layer goes in front of the dense one
            b.select("kind-1", "conv");
            b.waitUpTo(20).until(d -> b.text("layer-shape-1").equals("\u2192 8\u00d78\u00d78, 208 parameters"));
            b.byTestId("add-layer").click();
            b.waitUpTo(20).until(d -> !b.driver.findElements(org.openqa.selenium.By.cssSelector("[data-testid=kind-2]")).isEmpty());
            b.select("kind-2", "pool");
            b.waitUpTo(20).until(d -> b.text("layer-shape-2").equals("\u2192 4\u00d74\u00d78"));
            b.type("filters-1", "6");
            b.waitUpTo(20).until(d -> b.hash().contains("layers=conv6x5,pool2")
                    && "8\u00d78\u00d71\u20138\u00d78\u00d76\u20134\u00d74\u00d76\u201310".equals(b.text("architecture")));
            b.byTestId("play").click();
            b.waitUpTo(30).until(d -> b.number("epoch") >= 3);
            b.byTestId("play").click();
            b.waitUpTo(10).until(d -> "paused".equals(b.value("status")));
            assertTrue(b.number("test-accuracy") > 0.5, "learns: " + b.number("test-accuracy"));
            b.screenshot("conv-digits");
            // the feature maps follow the test image the user picks
            assertFalse(b.byTestId("feature-maps-panel").getAttribute("hidden") != null, "feature maps shown");
            b.driver.executeScript("var c = arguments[0], r = c.getBoundingClientRect();"
                    + "c.dispatchEvent(new MouseEvent('click', {clientX: r.left + r.width * 2.5 / 12, clientY: r.top + 10, bubbles: true}));",
                    b.byTestId("gallery"));
            b.waitUpTo(10).until(d -> "3".equals(b.text("watched")));
            b.driver.executeScript("arguments[0].scrollIntoView()", b.byTestId("feature-maps"));
            b.screenshot("conv-feature-maps");
            b.byTestId("explore").click();
            b.waitUpTo(10).until(d -> b.text("explore-title").startsWith("Forward, layer 1: convolution at one place"));
            b.phone();
            b.screenshot("conv-digits-phone");
            assertEquals(List.of(), b.consoleErrors());
        }
    }

    @Test
    void theRecommendedConvNetIsOneClickAway() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=mnist&layers=8");
            b.waitUpTo(60).until(d -> "784\u20138\u201310".equals(b.text("architecture")) && b.byTestId("use-recommended").isDisplayed());
            assertTrue(b.byTestId("data-loading").getAttribute("hidden") != null, "the download bar is gone once the images are in");
            b.byTestId("use-recommended").click();
            b.waitUpTo(30).until(d -> "28\u00d728\u00d71\u201328\u00d728\u00d78\u201314\u00d714\u00d78\u201314\u00d714\u00d716\u20137\u00d77\u00d716\u20137\u00d77\u00d716\u201364\u201310"
                    .equals(b.text("architecture")));
            assertEquals("#data=mnist", b.hash(), "the recommended setup's URL names the data set alone");
            assertFalse(b.byTestId("use-recommended").isDisplayed());
            assertEquals("8,000 train, 2,000 test", b.text("sizes"));
        }
    }

    @Test
    void aLayerThatDoesNotFitGetsItsMessage() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("#data=digits&layers=conv4x3,pool4,pool3");
            b.waitUpTo(20).until(d -> b.text("error").contains("layer 3 'pool3' does not fit"));
            b.open("#data=iris&layers=conv8x5");
            b.waitUpTo(20).until(d -> b.text("error").contains("a conv layer needs image inputs"));
        }
    }
}
