package studio.backprop.engine.nn;

/**
 * The shape of one sample between layers: channels x height x width. A sample is stored flat,
 * channel by channel, each channel row by row (index c H W + y W + x, as ONNX's NCHW), so a
 * dense layer after a spatial one sees the flat vector as it is (flatten is implicit). Tables
 * and the 2-D sets are 1 x 1 x n. A sequence (a series' window, or a recurrent layer's states) is
 * 1 x steps x features, stored step after step: recurrent layers need one, conv and pool layers
 * do not take one. A text's window is {@link #tokens}: one symbol index per step.
 */
public final class Shape {
    public final int channels, height, width;
    /** Whether the rows are time steps (height steps of width features). */
    public final boolean sequence;
    /** A text's symbols: the size of their vocabulary (the sample is height symbol indices); 0 otherwise. */
    public final int vocab;

    public Shape(int channels, int height, int width) {
        this(channels, height, width, false, 0);
    }

    private Shape(int channels, int height, int width, boolean sequence, int vocab) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.sequence = sequence;
        this.vocab = vocab;
    }

    /** steps symbols of a vocabulary of vocab, one index each: the network reads them one-hot ({@link OneHot}). */
    public static Shape tokens(int steps, int vocab) {
        return new Shape(1, steps, 1, false, vocab);
    }

    public boolean tokens() {
        return vocab > 0;
    }

    /** steps time steps of features values each. */
    public static Shape sequence(int steps, int features) {
        return new Shape(1, steps, features, true, 0);
    }

    /** n values with no spatial layout. */
    public static Shape flat(int n) {
        return new Shape(1, 1, n);
    }

    public int size() {
        return channels * height * width;
    }

    /** Whether the sample is an image (or a stack of feature maps): conv and pool layers need one. */
    public boolean spatial() {
        return height > 1 && !sequence && vocab == 0;
    }

    /** "28×28×1" for a spatial shape, "20×1" (steps × features) for a sequence, "10" for a flat one. */
    @Override public String toString() {
        if (vocab > 0) return height + " symbols";
        return sequence ? height + "\u00d7" + width : spatial() ? height + "\u00d7" + width + "\u00d7" + channels : Integer.toString(size());
    }
}
