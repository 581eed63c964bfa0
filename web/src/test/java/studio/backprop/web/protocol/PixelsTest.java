package studio.backprop.web.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pixels the worker draws for the page: the palette's ends, tiles scaled one by one, images as ink or as photos. */
class PixelsTest {
    private static int[] rgba(int pixel) {
        return new int[] {pixel & 255, (pixel >> 8) & 255, (pixel >> 16) & 255, pixel >>> 24};
    }

    @Test
    void divergingRunsFromOrangeThroughWhiteToBlue() {
        assertArrayEquals(new int[] {255, 255, 255, 255}, rgba(Pixels.diverging(0)));
        int[] low = rgba(Pixels.diverging(-1)), high = rgba(Pixels.diverging(1));
        assertEquals(true, low[0] > low[2], "class 0 / low is orange: more red than blue");
        assertEquals(true, high[2] > high[0], "class 1 / high is blue");
        assertEquals(Pixels.diverging(1), Pixels.diverging(7), "beyond 1 is clamped");
        assertEquals(Pixels.diverging(0), Pixels.diverging(Double.NaN), "NaN is drawn as 0, never as a random colour");
        // a classifier's probability p is drawn as 2p - 1: 0.5 is white
        assertArrayEquals(new int[] {Pixels.diverging(-1), Pixels.diverging(0), Pixels.diverging(1)},
                Pixels.diverging(new double[] {0, 0.5, 1}, true));
    }

    @Test
    void everyTileIsScaledToItsOwnLargestValue() {
        int[] px = Pixels.tiles(new double[] {1, -0.5, 100, 50}, 2, 1e-12);
        assertArrayEquals(new int[] {Pixels.diverging(1), Pixels.diverging(-0.5), Pixels.diverging(1), Pixels.diverging(0.5)}, px);
        // the floor keeps small values pale: a tile of 0.1s is not drawn as strongly as one of 1s
        assertEquals(Pixels.diverging(0.1), Pixels.tiles(new double[] {0.1}, 1, 1)[0]);
    }

    @Test
    void mapsAreInkOnPaper() {
        int[] px = Pixels.ink(new double[] {0, 2, -4, 0, 0, 0}, 3);
        assertArrayEquals(new int[] {255, 255, 255, 255}, rgba(px[0]), "0 is white");
        assertArrayEquals(new int[] {0, 0, 0, 255}, rgba(px[2]), "the largest magnitude is black");
        assertEquals(127, rgba(px[1])[0], "half of it is mid grey (255 - round(127.5))");
        assertArrayEquals(new int[] {255, 255, 255, 255}, rgba(px[4]), "an all-zero map stays white");
    }

    @Test
    void imagesAreInkForDigitsAndAsTheyAreForPhotos() {
        // two grey 1x1 images of levels 0..16
        int[] digits = Pixels.images(new double[] {16, 0}, 1, 1, false, 16);
        assertArrayEquals(new int[] {0, 0, 0, 255}, rgba(digits[0]), "full ink is black");
        assertArrayEquals(new int[] {255, 255, 255, 255}, rgba(digits[1]));
        // one RGB 1x1 photo: planes r, g, b
        int[] photo = Pixels.images(new double[] {1, 0.5, 0}, 1, 3, true, 1);
        assertArrayEquals(new int[] {255, 128, 0, 255}, rgba(photo[0]));
        assertEquals(4, Pixels.images(new double[3 * 4], 2, 3, true, 1).length, "one 2x2 image of 3 planes is 4 pixels");
    }
}
