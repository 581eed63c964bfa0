package studio.backprop.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import studio.backprop.engine.math.Rng;
import studio.backprop.engine.model.Model;
import studio.backprop.engine.model.ModelBinary;
import studio.backprop.engine.model.ModelException;
import studio.backprop.engine.model.ModelLink;
import studio.backprop.engine.model.WeightsHash;
import studio.backprop.engine.train.Experiment;
import studio.backprop.engine.train.Settings;

class ModelLinkTest {
    @Test
    void aLinkCarriesTheExactModel() throws Exception {
        Model m = ModelFormatTest.trained("spiral", "8,8");
        String payload = ModelLink.payload(m);
        assertTrue(payload.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{6}"), payload); // the model, then its checksum
        Model back = ModelLink.read("https://example.org/some/path/index.html?x=1#m=" + payload);
        assertEquals(WeightsHash.of(m.network), WeightsHash.of(back.network));
        assertEquals(WeightsHash.of(m.network), WeightsHash.of(ModelLink.read("m=" + payload).network));
        System.out.println("4-8-8-1 (4 features) link payload: " + payload.length() + " characters");
    }

    /** The size goal: the playground net (2-8-8-1) travels exactly in under 1,000 characters. */
    @Test
    void thePlaygroundNetFitsAnExactLinkUnderAThousandCharacters() throws Exception {
        Experiment ex = Experiment.create(Settings.of("data=spiral layers=8,8 noise=0.2 seed=3", ' '), null);
        for (int i = 0; i < 30; i++) ex.trainer.stepEpoch();
        assertEquals(32, ModelBinary.exactBits(ex.model));
        String link = "https://example.org/backprop-studio/#m=" + ModelLink.payload(ex.model);
        assertEquals(WeightsHash.of(ex.model.network), WeightsHash.of(ModelLink.read(link).network));
        System.out.println("playground 2-8-8-1 exact link: " + link.length() + " characters");
        assertTrue(link.length() < 1000, link.length() + " characters");
    }

    /** A link changed in any character is refused with a message, never opened as another model; a link from before checksums opens. */
    @Test
    void aChangedLinkIsRefusedAndAnOldOneStillOpens() throws Exception {
        Model model = Experiment.create(new Settings().set("data", "moons").set("layers", "5"), null).model;
        String link = ModelLink.payload(model);
        assertTrue(link.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{6}"), link);
        Rng rng = new Rng(3);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int trial = 0; trial < 2000; trial++) {
            char[] c = link.toCharArray();
            int changes = 1 + trial % 3;
            for (int k = 0; k < changes; k++) {
                int at = (int) (rng.nextDouble() * c.length);
                if (c[at] == '.') continue;
                c[at] = alphabet.charAt((alphabet.indexOf(c[at]) + 1 + (int) (rng.nextDouble() * 63)) % 64);
            }
            String changed = new String(c);
            if (changed.equals(link)) continue;
            ModelException e = assertThrows(ModelException.class, () -> ModelLink.read(changed), changed);
            assertTrue(e.getMessage().contains("the link has been changed or cut short") || e.getMessage().contains("does not belong"), e.getMessage());
        }
        // cut short anywhere
        for (int end = 1; end < link.length(); end += 7) {
            String cut = link.substring(0, end);
            assertThrows(ModelException.class, () -> ModelLink.read(cut), cut);
        }
        // before checksums: the same text without ".check" opens to the same weights
        String old = link.substring(0, link.indexOf('.'));
        assertEquals(WeightsHash.of(model.network), WeightsHash.of(ModelLink.read(old).network));
    }

    @Test
    void base64urlRoundTripsEveryLength() throws Exception {
        Rng rng = new Rng(1);
        for (int n = 0; n < 200; n++) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) rng.nextInt();
            assertArrayEquals(b, ModelLink.fromBase64url(ModelLink.base64url(b)));
        }
    }

    @Test
    void badLinksGetClearMessages() {
        assertEquals("the link's model text has a character that does not belong there at position 3",
                assertThrows(ModelException.class, () -> ModelLink.read("#m=ab<script>")).getMessage());
        assertEquals("the link is cut short: its model text has an impossible length",
                assertThrows(ModelException.class, () -> ModelLink.read("#m=abcde")).getMessage());
    }

    /** Random and mutated payloads: only ModelException, never anything else, never a hang or a huge allocation. */
    @Test
    void fuzzNeverThrowsAnythingButModelException() throws Exception {
        int iterations = Integer.getInteger("fuzz.iterations", 100_000);
        String good = ModelLink.payload(ModelFormatTest.trained("spiral", "4"));
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Rng rng = new Rng(7);
        for (int i = 0; i < iterations; i++) {
            String link;
            switch (i % 4) {
                case 0: {
                    StringBuilder sb = new StringBuilder(good);
                    for (int e = 1 + rng.nextInt(4); e > 0; e--) sb.setCharAt(rng.nextInt(sb.length()), chars.charAt(rng.nextInt(64)));
                    link = sb.toString();
                    break;
                }
                case 1: link = good.substring(0, rng.nextInt(good.length())); break;
                case 2: {
                    StringBuilder sb = new StringBuilder();
                    for (int k = rng.nextInt(200); k > 0; k--) sb.append(chars.charAt(rng.nextInt(64)));
                    link = sb.toString();
                    break;
                }
                default: {
                    StringBuilder sb = new StringBuilder(good);
                    sb.insert(rng.nextInt(sb.length()), chars.charAt(rng.nextInt(64)));
                    link = sb.toString();
                }
            }
            try {
                ModelLink.read(link);
            } catch (ModelException expected) {
                assertFalse(expected.getMessage().isEmpty());
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("payload " + link + " threw " + e, e);
            }
        }
    }

    @Test
    void quantisedLinksAreShortAndLoseLittle() throws Exception {
        studio.backprop.engine.train.Settings s = new studio.backprop.engine.train.Settings().set("data", "digits").set("layers", "32")
                .set("act", "relu").set("opt", "adam").set("lr", "0.01").set("batch", "32");
        studio.backprop.engine.train.Experiment ex = studio.backprop.engine.train.Experiment.load(s);
        for (int e = 0; e < 20; e++) ex.trainer.stepEpoch();
        double exact = ex.evaluate().test.accuracy;
        for (int bits : new int[] {16, 8}) {
            String payload = ModelLink.payload(ex.model, bits);
            Model q = ModelLink.read(payload);
            double accuracy = studio.backprop.engine.train.Metrics.evaluate(q.network, ex.loss, ex.testX, ex.testY, 10).accuracy;
            System.out.println("digits 64-32-10, " + bits + "-bit link: " + payload.length() + " characters, test accuracy "
                    + accuracy + " (exact " + exact + ", " + ModelLink.payload(ex.model).length() + " characters)");
            assertTrue(exact - accuracy <= 0.005, bits + " bits lose " + (exact - accuracy));
            if (bits == 8) assertTrue(payload.length() < 8000, payload.length() + " characters");
        }
    }

    @Test
    void sixteenBitWeightsAreTheNearestHalves() throws Exception {
        Model m = ModelFormatTest.trained("spiral", "8,8");
        Model q = studio.backprop.engine.model.ModelBinary.read(studio.backprop.engine.model.ModelBinary.write(m, 16));
        for (int p = 0; p < m.network.params().size(); p++) {
            double[][] a = m.network.params().get(p).value, b = q.network.params().get(p).value;
            for (int r = 0; r < a.length; r++) {
                for (int c = 0; c < a[r].length; c++) {
                    double w = a[r][c], h = b[r][c];
                    double step = Math.abs(w) >= Math.scalb(1.0, -14) ? Math.scalb(1.0, Math.getExponent(w) - 10) : Math.scalb(1.0, -24);
                    assertTrue(Math.abs(w - h) <= step / 2, w + " -> " + h);
                    assertEquals((float) h, h, "a half is exact in a float");
                }
            }
        }
    }
}
