package studio.backprop.engine.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * On the JVM: a user's images from a folder or a .zip with one sub-folder per class, decoded by
 * ImageIO (PNG, JPEG, GIF's first frame; WebP it cannot read) to the 8-bit sRGB pixels a browser
 * decodes, then prepared by {@link ImageFormat}. A PNG gives the same pixels here and in the
 * browser, so the same zip of PNGs trains the same weights in the CLI and in the studio.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** Whether a data path names images: a folder, or a .zip file. */
    public static boolean isImages(String data) {
        Path p = Path.of(data);
        return Files.isDirectory(p) || (data.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") && Files.isRegularFile(p));
    }

    /** Every image under a folder or in a zip, scaled to side (skipped files listed in the result). */
    public static ImageClasses read(Path p, int side) throws IOException {
        return read(p, side, false);
    }

    /** The same; with {@code anywhere}, files outside class folders too (class ""): images to predict. */
    public static ImageClasses read(Path p, int side, boolean anywhere) throws IOException {
        ImageClasses images = new ImageClasses(side);
        List<String> paths = new ArrayList<>(), empty = new ArrayList<>();
        if (Files.isDirectory(p)) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(p)) {
                walk.filter(f -> !f.equals(p)).forEach(f -> {
                    String path = p.relativize(f).toString().replace('\\', '/');
                    if (!Files.isDirectory(f)) {
                        files.add(f);
                        paths.add(path);
                    } else if (isEmpty(f)) {
                        empty.add(path + "/");
                    }
                });
            }
            String root = root(paths, empty);
            if (!anywhere) for (String folder : empty) images.addClass(ImageClasses.classOf(folder, root));
            for (int i = 0; i < files.size(); i++) {
                if (Files.size(files.get(i)) > Zip.MAX_ENTRY) images.skip(paths.get(i), "larger than " + (Zip.MAX_ENTRY >> 20) + " MB");
                else add(images, root, paths.get(i), Files.readAllBytes(files.get(i)), anywhere);
            }
        } else {
            if (Files.size(p) > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(p + " is larger than 2 GB");
            Zip zip = new Zip(Files.readAllBytes(p));
            for (Zip.Entry e : zip.entries) paths.add(e.path);
            String root = root(paths, zip.emptyFolders());
            if (!anywhere) for (String folder : zip.emptyFolders()) images.addClass(ImageClasses.classOf(folder, root));
            for (Zip.Entry e : zip.entries) {
                if (ImageClasses.isClutter(e.path)) continue;
                byte[] bytes;
                try {
                    bytes = zip.read(e);
                } catch (Zip.ZipBomb bomb) {
                    throw bomb;
                } catch (IllegalArgumentException bad) {
                    images.skip(e.path, bad.getMessage());
                    continue;
                }
                add(images, root, e.path, bytes, anywhere);
            }
        }
        images.sortSkipped();
        return images;
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> inside = Files.list(folder)) {
            return inside.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The class folders' root (see {@link ImageClasses#root}), clutter left out. */
    private static String root(List<String> files, List<String> emptyFolders) {
        List<String> all = new ArrayList<>(emptyFolders);
        for (String f : files) if (!ImageClasses.isClutter(f)) all.add(f);
        return ImageClasses.root(all);
    }

    private static void add(ImageClasses images, String root, String path, byte[] bytes, boolean anywhere) {
        if (ImageClasses.isClutter(path)) return;
        String c = ImageClasses.classOf(path, root);
        if (c.isEmpty() && !anywhere) {
            images.skip(path, "not in a class folder");
            return;
        }
        try {
            images.add(c, path, levels(bytes, images.side));
        } catch (IllegalArgumentException bad) {
            images.skip(path, bad.getMessage());
        }
    }

    /** An image file's RGB levels at side. @throws IllegalArgumentException with why it cannot be read */
    public static byte[] levels(byte[] file, int side) {
        ImageHeader h = ImageHeader.of(file);
        if (h == null) throw new IllegalArgumentException("not an image (PNG, JPEG, GIF or WebP)");
        if (h.kind.equals("WebP")) throw new IllegalArgumentException("WebP cannot be read on the JVM (ImageIO); convert it to PNG");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new IllegalArgumentException("unreadable " + h.kind);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                if ((long) h.width * h.height > ImageFormat.MAX_PIXELS) {
                    int k = (int) Math.ceil((double) h.width / ImageFormat.decodeWidth(h.width, h.height));
                    param.setSourceSubsampling(k, k, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                return ImageFormat.scale(image.getWidth(), image.getHeight(), rgba(image), side);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) throw (IllegalArgumentException) e;
            throw new IllegalArgumentException("unreadable " + h.kind + " (" + e.getMessage() + ")");
        }
    }

    /**
     * 8-bit RGBA, as a browser decodes: grey images from their samples (Java's grey colour space
     * is linear, so its RGB conversion would brighten them), everything else as sRGB.
     */
    static byte[] rgba(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        byte[] out = new byte[4 * w * h];
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster r = image.getRaster();
            int bands = r.getNumBands(), shift = Math.max(0, r.getSampleModel().getSampleSize(0) - 8);
            for (int y = 0, i = 0; y < h; y++) {
                for (int x = 0; x < w; x++, i += 4) {
                    byte g = (byte) (r.getSample(x, y, 0) >> shift);
                    out[i] = g;
                    out[i + 1] = g;
                    out[i + 2] = g;
                    out[i + 3] = (byte) (bands > 1 ? r.getSample(x, y, 1) >> shift : 255);
                }
            }
            return out;
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        for (int p = 0; p < argb.length; p++) {
            out[4 * p] = (byte) (argb[p] >> 16);
            out[4 * p + 1] = (byte) (argb[p] >> 8);
            out[4 * p + 2] = (byte) argb[p];
            out[4 * p + 3] = (byte) (argb[p] >>> 24);
        }
        return out;
    }
}
