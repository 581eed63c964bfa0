package studio.backprop.engine;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import studio.backprop.engine.data.BuiltIn;
import studio.backprop.engine.data.Images;

/**
 * Real images for the tests of "your own images": MNIST or Fashion-MNIST pictures (the shipped
 * sets) written as PNG or JPEG files at other sizes than 28 x 28, in zips with one folder per
 * class, as a user would make them. The browser tests use the same files.
 */
public final class ImageZips {
    private ImageZips() {}

    private static final java.util.Map<String, byte[]> records = new java.util.concurrent.ConcurrentHashMap<>();

    /** One image file: the set's n-th image of a class, scaled (nearest) to width x height, in a format ImageIO writes (png, jpg, gif, bmp). */
    public static byte[] file(String set, int label, int n, int width, int height, String format) throws IOException {
        byte[] records = ImageZips.records.get(set);
        if (records == null) ImageZips.records.put(set, records = Images.inflate(BuiltIn.resource(Images.fileName(set))));
        int seen = 0;
        for (int at = 0; at < records.length; at += 785) {
            if ((records[at] & 0xFF) != label || seen++ < n) continue;
            boolean colour = format.equals("jpg-colour");
            BufferedImage img = new BufferedImage(width, height, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int v = records[at + 1 + (y * 28 / height) * 28 + x * 28 / width] & 0xFF;
                    if (colour) img.setRGB(x, y, v << 16 | (v / 2) << 8 | (255 - v));
                    else img.getRaster().setSample(x, y, 0, v);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, colour ? "jpg" : format, out)) throw new IOException("no ImageIO writer for " + format);
            return out.toByteArray();
        }
        throw new IllegalArgumentException("no image " + n + " of class " + label + " in " + set);
    }

    /**
     * A zip "digits/&lt;class&gt;/&lt;i&gt;.png" of {@code perClass} images of each class (PNG,
     * 40 x 36 so that the centre crop and the scaling both work), deflated.
     */
    public static byte[] mnistZip(int[] classes, int perClass) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int c : classes) {
                for (int i = 0; i < perClass; i++) {
                    zip.putNextEntry(new ZipEntry("digits/" + c + "/" + i + ".png"));
                    zip.write(file("mnist", c, i, 40, 36, "png"));
                    zip.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** A zip of the given entries (name, bytes), stored or deflated. */
    public static byte[] zip(boolean deflate, Object... namesAndBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setMethod(deflate ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                byte[] data = (byte[]) namesAndBytes[i + 1];
                ZipEntry e = new ZipEntry((String) namesAndBytes[i]);
                if (!deflate) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(data);
                    e.setSize(data.length);
                    e.setCompressedSize(data.length);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(data);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
