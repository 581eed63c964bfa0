package studio.backprop.engine.train;

import studio.backprop.engine.math.Rng;
import studio.backprop.engine.nn.Shape;

/**
 * Seeded augmentation of training images (setting {@code augment}: flip, shift or flip,shift):
 * each time a training image goes into a batch it may be mirrored left to right and moved by up
 * to {@link #reach} pixels each way (the edge pixels fill what moves in). Which, and how far,
 * comes from the run's seed, the batch and the image's row in it, so a run is the same on every
 * build and with any number of workers; test images and predictions are never augmented.
 */
public final class Augment {
    private final int channels, height, width;
    private final boolean flip;
    /** The most pixels an image moves each way (0: no shifts): 1 for every 14 pixels of its side. */
    public final int reach;

    private Augment(Shape shape, boolean flip, boolean shift) {
        this.channels = shape.channels;
        this.height = shape.height;
        this.width = shape.width;
        this.flip = flip;
        this.reach = shift ? Math.max(1, Math.round(Math.min(height, width) / 14f)) : 0;
    }

    /** The augmentation a setting names, or null for none ("" or none). */
    public static Augment of(String spec, Shape shape) {
        if (spec.isEmpty() || spec.equals("none")) return null;
        boolean flip = false, shift = false;
        for (String part : studio.backprop.engine.data.Text.split(spec, ',')) {
            if (part.trim().equals("flip")) flip = true;
            else if (part.trim().equals("shift")) shift = true;
            else throw new IllegalArgumentException("augment must be none, flip, shift or flip,shift, got '" + spec + "'");
        }
        if (!shape.spatial()) throw new IllegalArgumentException("augment works on images; this data is " + shape.size() + " numbers a sample");
        return new Augment(shape, flip, shift);
    }

    /** Writes the augmented image into to (the same size as from), as the batch with this seed has it at this row. */
    public void apply(double[] from, double[] to, int batchSeed, int row) {
        int h = Rng.hash(batchSeed, row, 0x0A06);
        boolean mirror = flip && (h & 1) == 1;
        int span = 2 * reach + 1;
        int dx = reach == 0 ? 0 : Math.floorMod(h >> 1, span) - reach, dy = reach == 0 ? 0 : Math.floorMod(h >> 9, span) - reach;
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sy = Math.max(0, Math.min(height - 1, y - dy));
                for (int x = 0; x < width; x++) {
                    int sx = Math.max(0, Math.min(width - 1, x - dx));
                    if (mirror) sx = width - 1 - sx;
                    to[plane + y * width + x] = from[plane + sy * width + sx];
                }
            }
        }
    }
}
