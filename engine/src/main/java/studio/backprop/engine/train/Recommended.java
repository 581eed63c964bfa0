package studio.backprop.engine.train;

import studio.backprop.engine.data.Images;

/**
 * The settings the studio recommends for a data set, on top of the data set itself: for the
 * 28 x 28 image sets a small conv net (two 3 x 3 conv layers with pooling, dropout, a dense
 * layer) with Adam on raw pixels, which reaches 97 % test accuracy on MNIST (10,000 images,
 * split 0.8) in 3 epochs (LearningTest).
 */
public final class Recommended {
    private Recommended() {}

    public static final String IMAGES = "layers=conv8x3,pool2,conv16x3,pool2,drop0.25,64&act=relu&opt=adam&lr=0.002&batch=32&norm=none&split=0.8";

    /** The recommended pairs ("key=value&...") for a data set, or "" when there is none. */
    public static String of(String data) {
        return Images.isImageSet(data) ? IMAGES : "";
    }

    /** These settings with the data set's recommendation applied (the data set and its seed kept). */
    public static Settings apply(Settings settings) {
        Settings s = settings.copy();
        String pairs = of(settings.get("data"));
        if (!pairs.isEmpty()) for (var e : Settings.of(pairs, '&').changed().entrySet()) s.set(e.getKey(), e.getValue());
        return s;
    }

    /** Whether the settings already follow the data set's recommendation (true when there is none). */
    public static boolean followed(Settings settings) {
        return apply(settings).asMap().equals(settings.asMap());
    }
}
