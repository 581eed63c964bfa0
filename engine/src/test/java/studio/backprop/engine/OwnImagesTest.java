package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.backprop.engine.cli.Main;
import studio.backprop.engine.data.ImageClasses;
import studio.backprop.engine.data.ImageFiles;
import studio.backprop.engine.data.ImageFormat;
import studio.backprop.engine.data.ImageHeader;
import studio.backprop.engine.data.Zip;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Recommended;
import studio.backprop.engine.train.Settings;

/** A user's own images: the preprocessing, the headers, zips (bombs included), the folder layout, training and the CLI. */
class OwnImagesTest {
    /** w x h RGBA, every pixel opaque with the grey levels given row by row. */
    private static byte[] grey(int w, int h, int... v) {
        byte[] rgba = new byte[4 * w * h];
        for (int p = 0; p < w * h; p++) {
            rgba[4 * p] = rgba[4 * p + 1] = rgba[4 * p + 2] = (byte) v[p];
            rgba[4 * p + 3] = (byte) 255;
        }
        return rgba;
    }

    private static int at(byte[] levels, int channel, int side, int y, int x) {
        return levels[channel * side * side + y * side + x] & 0xFF;
    }

    @Test
    void imagesAreCroppedToTheirCentreSquareAndAreaAveraged() {
        // 4 x 4 to 2 x 2: each target is the mean of a 2 x 2 block
        byte[] l = ImageFormat.scale(4, 4, grey(4, 4, 0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150), 2);
        assertEquals((0 + 10 + 40 + 50) / 4, at(l, 0, 2, 0, 0));
        assertEquals((100 + 110 + 140 + 150) / 4, at(l, 1, 2, 1, 1));
        // 3 x 3 to 2 x 2: a target covers 1.5 x 1.5 source pixels, weights 2:1 per axis (in thirds): (4 a + 2 b + 2 c + d) / 9
        l = ImageFormat.scale(3, 3, grey(3, 3, 90, 0, 9, 0, 0, 0, 18, 0, 27), 2);
        assertEquals(40, at(l, 0, 2, 0, 0));
        assertEquals(Math.round((4 * 27) / 9.0), at(l, 2, 2, 1, 1));
        // 6 wide x 2 high: the centred 2 x 2 (columns 2 and 3)
        l = ImageFormat.scale(6, 2, grey(6, 2, 1, 1, 200, 100, 1, 1, 1, 1, 200, 100, 1, 1), 2);
        assertArrayEquals(new int[] {200, 100, 200, 100}, new int[] {at(l, 0, 2, 0, 0), at(l, 0, 2, 0, 1), at(l, 0, 2, 1, 0), at(l, 0, 2, 1, 1)});
        // upscaling repeats pixels; transparency is laid over white
        byte[] one = {10, 20, 30, (byte) 255};
        l = ImageFormat.scale(1, 1, one, 28);
        assertEquals(10, at(l, 0, 28, 27, 27));
        assertEquals(30, at(l, 2, 28, 13, 0));
        byte[] clear = {0, 0, 0, 0, 0, 0, 0, (byte) 128, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255};
        l = ImageFormat.scale(2, 2, clear, 1);
        assertEquals(Math.round((255 + 127) / 4.0), at(l, 0, 1, 0, 0), "black at alpha 0, 128, 255, 255 over white, averaged");
        // grey is the luma of the RGB levels
        ImageFormat g = ImageFormat.parse("grey28");
        byte[] red = ImageFormat.scale(1, 1, new byte[] {(byte) 255, 0, 0, (byte) 255}, 28);
        assertFalse(ImageFormat.isGrey(red));
        assertEquals(Math.round(0.299 * 255) / 255.0, g.inputs(red)[0], 1e-15);
        assertEquals(1.0, ImageFormat.parse("rgb28").inputs(red)[0]);
        assertEquals(0.0, ImageFormat.parse("rgb28").inputs(red)[28 * 28]);
        assertThrows(IllegalArgumentException.class, () -> ImageFormat.parse("grey30"));
        assertThrows(IllegalArgumentException.class, () -> ImageFormat.parse("28"));
        assertEquals("rgb64", ImageFormat.parse("rgb64").name());
        assertEquals("Rr0c1", ImageFormat.parse("rgb32").inputNames()[1]);
        int w = ImageFormat.decodeWidth(8192, 4096);
        assertTrue((long) w * (w / 2) <= ImageFormat.MAX_PIXELS && w > 5700, "an 8192 x 4096 image decodes at " + w + " wide");
        assertEquals(100, ImageFormat.decodeWidth(100, 50), "a small one at its own size");
    }

    @Test
    void headersTellTheKindAndSizeOfEachImageFile() throws Exception {
        for (String format : new String[] {"png", "jpg", "gif"}) {
            ImageHeader h = ImageHeader.of(ImageZips.file("mnist", 3, 0, 37, 23, format));
            assertNotNull(h, format);
            assertEquals(37, h.width, format);
            assertEquals(23, h.height, format);
        }
        assertNull(ImageHeader.of(ImageZips.file("mnist", 3, 0, 37, 23, "bmp")), "BMP is not one of the four");
        assertNull(ImageHeader.of("a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII)));
        // a lossless WebP header: 14 bits each of width - 1 and height - 1 after the signature byte
        byte[] webp = new byte[30];
        System.arraycopy("RIFF\0\0\0\0WEBPVP8L".getBytes(StandardCharsets.ISO_8859_1), 0, webp, 0, 16);
        webp[20] = 0x2F;
        int bits = (640 - 1) | (480 - 1) << 14;
        for (int i = 0; i < 4; i++) webp[21 + i] = (byte) (bits >>> (8 * i));
        ImageHeader w = ImageHeader.of(webp);
        assertEquals("WebP", w.kind);
        assertEquals(640, w.width);
        assertEquals(480, w.height);
    }

    @Test
    void zipsAreReadStoredOrDeflatedAndBombsAreRefusedInBoundedMemory() throws Exception {
        byte[] png = ImageZips.file("mnist", 1, 0, 30, 30, "png");
        for (boolean deflate : new boolean[] {false, true}) {
            Zip zip = new Zip(ImageZips.zip(deflate, "a/one/x.png", png, "a/two/y.txt", "hello".getBytes(StandardCharsets.US_ASCII)));
            assertEquals(2, zip.entries.size());
            assertArrayEquals(png, zip.read(zip.entries.get(0)));
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Zip("not a zip".getBytes(StandardCharsets.US_ASCII)))
                .getMessage().contains("not a zip"));
        // 300 MB of zeros deflate to about 300 KB: refused after inflating a little over 1 MB of the first entry
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(bytes)) {
            out.putNextEntry(new java.util.zip.ZipEntry("bomb/a/x.png"));
            for (int i = 0; i < 300; i++) out.write(zeros);
            out.closeEntry();
        }
        Zip bomb = new Zip(bytes.toByteArray());
        long start = System.nanoTime();
        assertThrows(Zip.ZipBomb.class, () -> bomb.read(bomb.entries.get(0)));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused quickly");
        Path file = Files.createTempFile("bomb", ".zip");
        Files.write(file, bytes.toByteArray());
        try {
            assertThrows(Zip.ZipBomb.class, () -> ImageFiles.read(file, 28), "a bomb refuses the whole archive");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theFolderLayoutGivesTheClassesAndBadFilesAreSkippedByName(@TempDir Path dir) throws Exception {
        byte[] zip = ImageZips.zip(true,
                "set/cat/1.png", ImageZips.file("mnist", 0, 0, 40, 36, "png"),
                "set/cat/2.jpg", ImageZips.file("mnist", 0, 1, 50, 50, "jpg-colour"),
                "set/dog/1.gif", ImageZips.file("mnist", 1, 0, 28, 28, "gif"),
                "set/dog/notes.txt", "not an image".getBytes(StandardCharsets.US_ASCII),
                "set/dog/broken.png", java.util.Arrays.copyOf(ImageZips.file("mnist", 1, 1, 28, 28, "png"), 40),
                "set/dog/.DS_Store", new byte[10],
                "__MACOSX/set/dog/._1.gif", new byte[10],
                "set/readme.png", ImageZips.file("mnist", 2, 0, 28, 28, "png"));
        Path z = dir.resolve("set.zip");
        Files.write(z, zip);
        ImageClasses images = ImageFiles.read(z, 28);
        assertEquals(java.util.List.of("cat", "dog"), images.classes());
        assertEquals(2, images.count("cat"));
        assertEquals(1, images.count("dog"));
        assertFalse(images.allGrey(), "the colour JPEG");
        assertEquals(3, images.skipped.size(), String.join("\n", images.skipped));
        assertTrue(images.skipped.get(0).startsWith("set/dog/broken.png: unreadable PNG"), images.skipped.get(0));
        assertTrue(images.skipped.get(1).startsWith("set/dog/notes.txt: not an image"), images.skipped.get(1));
        assertEquals("set/readme.png: not in a class folder", images.skipped.get(2));
        assertEquals("rgb28", images.format("auto").name());

        // an empty class, a single class, nothing at all: each named
        ImageClasses one = new ImageClasses(28);
        one.add("cat", "1.png", new byte[3 * 28 * 28]);
        ImageFormat g28 = ImageFormat.parse("grey28");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> one.dataSet("x", g28)).getMessage().contains("only one class ('cat')"));
        one.addClass("dog");
        assertEquals("the class 'dog' has no images", assertThrows(IllegalArgumentException.class, () -> one.dataSet("x", g28)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ImageClasses(28).dataSet("x", g28)).getMessage().startsWith("no images"));
        Files.write(dir.resolve("empty.zip"), ImageZips.zip(true, "pets/cat/1.png", ImageZips.file("mnist", 0, 0, 28, 28, "png"), "pets/dog/", new byte[0]));
        ImageClasses withEmpty = ImageFiles.read(dir.resolve("empty.zip"), 28);
        assertEquals(java.util.List.of("dog", "cat"), withEmpty.classes());
        assertEquals("the class 'dog' has no images", assertThrows(IllegalArgumentException.class,
                () -> withEmpty.dataSet("x", g28)).getMessage());
        ImageClasses big = new ImageClasses(64);
        for (int i = 0; i < 2000; i++) big.add(i % 2 == 0 ? "a" : "b", i + ".png", new byte[3 * 64 * 64]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> big.dataSet("x", ImageFormat.parse("rgb64")))
                .getMessage().contains("more than fit in memory (at most 1953)"));
        assertEquals(2000, big.dataSet("x", ImageFormat.parse("grey64")).size());
    }

    @Test
    void theSameFilesTrainTheSameWeightsFromAZipOrAFolderInAnyOrder(@TempDir Path dir) throws Exception {
        byte[] zip = ImageZips.mnistZip(new int[] {0, 1, 7}, 30);
        Path z = dir.resolve("digits.zip");
        Files.write(z, zip);
        Zip read = new Zip(zip);
        java.util.List<Zip.Entry> reversed = new java.util.ArrayList<>(read.entries);
        java.util.Collections.reverse(reversed);
        for (Zip.Entry e : reversed) {
            Path f = dir.resolve("folder").resolve(e.path);
            Files.createDirectories(f.getParent());
            Files.write(f, read.read(e));
        }
        String query = "data=" + z + "&" + Recommended.IMAGES + "&layers=conv4x3,pool2,16&lr=0.01&epochs=12";
        Experiment fromZip = Experiment.load(Settings.of(query, '&'));
        assertEquals("grey28", fromZip.settings.get("image"), "auto: grey MNIST images at 28 x 28");
        assertEquals("28\u00d728\u00d71", fromZip.inputShape.toString());
        assertArrayEquals(new String[] {"0", "1", "7"}, fromZip.model.classes);
        for (int e = 0; e < 12; e++) fromZip.trainer.stepEpoch();
        Experiment fromFolder = Experiment.load(Settings.of(query.replace(z.toString(), dir.resolve("folder").resolve("digits").toString()), '&'));
        for (int e = 0; e < 12; e++) fromFolder.trainer.stepEpoch();
        assertEquals(WeightsHash.of(fromZip.model.network), WeightsHash.of(fromFolder.model.network), "the same files, in another order");
        assertTrue(fromZip.evaluate().test.accuracy > 0.8, "3 digit classes from 72 images: " + fromZip.evaluate().test.accuracy);

        // the preprocessing travels with the model: a link's model predicts a file as the run did
        var back = ModelLink.read(ModelLink.payload(fromZip.model));
        assertEquals("grey28", back.settings.get("image"));
        ImageFormat f = ImageFormat.parse(back.settings.get("image"));
        double[] x = f.inputs(ImageFiles.levels(ImageZips.file("mnist", 7, 29, 40, 36, "png"), f.side));
        assertArrayEquals(fromZip.model.predict(new double[][] {x})[0], back.predict(new double[][] {x})[0]);

        Experiment rgb = Experiment.load(Settings.of(query + "&image=rgb32", '&'));
        assertEquals("32\u00d732\u00d73", rgb.inputShape.toString());
    }

    @Test
    void augmentationIsSeededTheSameWithAnyWorkersAndOnlyTouchesTraining(@TempDir Path dir) throws Exception {
        Path z = dir.resolve("digits.zip");
        Files.write(z, ImageZips.mnistZip(new int[] {2, 5}, 20));
        String query = "data=" + z + "&layers=conv4x3,pool2,8&act=relu&opt=adam&lr=0.01&norm=none&batch=8";
        String[] hashes = new String[4];
        String[] variants = {"", "&augment=flip,shift", "&augment=flip,shift&workers=3", "&augment=flip,shift"};
        for (int v = 0; v < variants.length; v++) {
            Experiment ex = Experiment.load(Settings.of(query + variants[v], '&'));
            for (int e = 0; e < 3; e++) ex.trainer.stepEpoch();
            hashes[v] = WeightsHash.of(ex.model.network);
            if (v == 1) assertEquals(2, ex.trainer.augment.reach, "2 pixels each way at 28 x 28");
        }
        assertNotEquals(hashes[0], hashes[1], "augmented batches train other weights");
        assertEquals(hashes[1], hashes[2], "the same with the batch in 3 parts");
        assertEquals(hashes[1], hashes[3], "seeded");
        assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of("data=iris&augment=flip", '&')));
        assertThrows(IllegalArgumentException.class, () -> Experiment.load(Settings.of(query + "&augment=rotate", '&')));

        // the moves themselves: over many batches a 3 x 3 image is mirrored about half the time, moved at most 1 pixel
        studio.backprop.engine.train.Augment a = studio.backprop.engine.train.Augment.of("flip", new studio.backprop.engine.nn.Shape(1, 3, 3));
        double[] image = {1, 2, 3, 4, 5, 6, 7, 8, 9}, out = new double[9];
        int mirrored = 0;
        for (int b = 0; b < 200; b++) {
            a.apply(image, out, b * 7919, 0);
            if (out[0] == 3) mirrored++;
            else assertArrayEquals(image, out);
        }
        assertTrue(mirrored > 70 && mirrored < 130, "mirrored " + mirrored + " of 200");
        studio.backprop.engine.train.Augment s = studio.backprop.engine.train.Augment.of("shift", new studio.backprop.engine.nn.Shape(1, 3, 3));
        for (int b = 0; b < 50; b++) {
            s.apply(image, out, b, 3);
            assertEquals(5, out[4], 1.0 + 3.0, "the centre moves at most one pixel each way");
        }
    }

    @Test
    void theCliTrainsOnAZipAndPredictsImagesFoldersAndZips(@TempDir Path dir) throws Exception {
        Path z = dir.resolve("digits.zip");
        Files.write(z, ImageZips.mnistZip(new int[] {3, 8}, 20));
        Path model = dir.resolve("m.bpsm");
        String[] out = cli("train", "--data=" + z, "--layers=conv4x3,pool2,8", "--act=relu", "--opt=adam", "--lr=0.003", "--norm=none",
                "--split=0.75", "--epochs=5", "--quiet", "--out=" + model);
        assertEquals("0", out[2], out[1]);
        assertTrue(out[0].contains("\"weightsHash\""), out[0]);
        Files.write(dir.resolve("one.png"), ImageZips.file("mnist", 8, 19, 64, 48, "png"));
        out = cli("predict", "--model=" + model, "--input=" + dir.resolve("one.png"));
        assertEquals("0", out[2], out[1]);
        String[] lines = out[0].trim().split("\n");
        assertEquals("file,prediction,p(3),p(8)", lines[0]);
        assertTrue(lines[1].startsWith(dir.resolve("one.png") + ","), lines[1]);
        out = cli("predict", "--model=" + model, "--input=" + z);
        assertEquals(41, out[0].trim().split("\n").length, "a header and the zip's 40 images");
        assertTrue(out[0].contains("digits/3/0.png,"), out[0]);
    }

    private static String[] cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), Integer.toString(code)};
    }
}
