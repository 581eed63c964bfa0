package studio.backprop.web;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Picking a data set brings its recommended setup; a network the user made is kept, and the recommendation offered. */
class RecommendedIT {
    @Test
    void pickingADataSetBringsItsRecommendationUnlessTheNetworkIsYours() throws Exception {
        try (Browser b = Browser.pooled()) {
            b.open("");
            b.waitUpTo(20).until(d -> "2\u201316\u201316\u201316\u20131".equals(b.text("architecture"))); // the spiral as recommended
            b.select("data", "iris");
            b.waitUpTo(20).until(d -> "4\u20138\u20133".equals(b.text("architecture")));
            assertEquals("#data=iris", b.hash(), "a set with its recommendation has a short URL");
            assertFalse(b.byTestId("use-recommended").isDisplayed());
            b.type("units-1", "12");
            b.waitUpTo(20).until(d -> "4\u201312\u20133".equals(b.text("architecture")));
            b.select("data", "wine");
            b.waitUpTo(20).until(d -> "13\u201312\u20133".equals(b.text("architecture")));
            assertTrue(b.byTestId("use-recommended").isDisplayed());
            assertEquals("Use the recommended network for wine", b.text("use-recommended"));
            b.byTestId("use-recommended").click();
            b.waitUpTo(20).until(d -> "13\u201316\u20133".equals(b.text("architecture")));
            // a setup in the URL is never replaced
            b.open("#data=cancer&layers=5");
            b.waitUpTo(20).until(d -> "30\u20135\u20131".equals(b.text("architecture")));
            assertTrue(b.byTestId("use-recommended").isDisplayed());
        }
    }
}
