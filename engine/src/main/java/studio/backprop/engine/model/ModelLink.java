package studio.backprop.engine.model;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A model in a link: the binary form, raw-deflated, in base64url, after "#m=", then "." and a
 * checksum of that text (CRC-32, six base64url characters), so that a link changed in any
 * character is refused rather than opened as another model. Links made before the checksum
 * (no ".") still open. The browser compresses with its own CompressionStream("deflate-raw"); the
 * JVM with java.util.zip. Either reads the other's links. Reading is bounded: payload length,
 * inflated size and time.
 */
public final class ModelLink {
    private ModelLink() {}

    public static final int MAX_PAYLOAD = 4_000_000;
    public static final int MAX_INFLATED = 40_000_000;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static String base64url(byte[] bytes) {
        StringBuilder sb = new StringBuilder((bytes.length * 4 + 2) / 3);
        for (int i = 0; i < bytes.length; i += 3) {
            int b0 = bytes[i] & 0xFF, b1 = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0, b2 = i + 2 < bytes.length ? bytes[i + 2] & 0xFF : 0;
            int v = (b0 << 16) | (b1 << 8) | b2;
            sb.append(ALPHABET.charAt(v >>> 18)).append(ALPHABET.charAt((v >>> 12) & 63));
            if (i + 1 < bytes.length) sb.append(ALPHABET.charAt((v >>> 6) & 63));
            if (i + 2 < bytes.length) sb.append(ALPHABET.charAt(v & 63));
        }
        return sb.toString();
    }

    /** The link text for a model's deflated bytes: their base64url and its checksum. */
    public static String sealed(byte[] deflated) {
        String body = base64url(deflated);
        return body + "." + check(body);
    }

    /**
     * The deflated bytes of a link's text, its checksum verified (a link without one, from before
     * checksums, is taken as it is).
     */
    public static byte[] unsealed(String payload) throws ModelException {
        int dot = payload.lastIndexOf('.');
        if (dot < 0) return fromBase64url(payload);
        String body = payload.substring(0, dot);
        Limits.check(body.length() <= MAX_PAYLOAD, "the link is too long (" + body.length() + " characters; the limit is " + MAX_PAYLOAD + ")");
        Limits.check(check(body).equals(payload.substring(dot + 1)),
                "the link has been changed or cut short (its checksum does not match): ask for the link again");
        return fromBase64url(body);
    }

    /** CRC-32 (the zip polynomial) of the text's characters, as six base64url characters. */
    static String check(String text) {
        int crc = ~0;
        for (int i = 0; i < text.length(); i++) {
            crc ^= text.charAt(i) & 0xFF;
            for (int k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xEDB88320 & -(crc & 1));
        }
        crc = ~crc;
        StringBuilder sb = new StringBuilder(6);
        for (int shift = 30; shift >= 0; shift -= 6) sb.append(ALPHABET.charAt((crc >>> shift) & 63));
        return sb.toString();
    }

    public static byte[] fromBase64url(String s) throws ModelException {
        Limits.check(s.length() <= MAX_PAYLOAD, "the link is too long (" + s.length() + " characters; the limit is " + MAX_PAYLOAD + ")");
        Limits.check(s.length() % 4 != 1, "the link is cut short: its model text has an impossible length");
        byte[] out = new byte[s.length() * 3 / 4];
        int bits = 0, count = 0, n = 0;
        for (int i = 0; i < s.length(); i++) {
            int v = ALPHABET.indexOf(s.charAt(i));
            Limits.check(v >= 0, "the link's model text has a character that does not belong there at position " + (i + 1));
            bits = (bits << 6) | v;
            count += 6;
            if (count >= 8) {
                count -= 8;
                out[n++] = (byte) (bits >>> count);
                bits &= (1 << count) - 1;
            }
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** The text after "#m=" for a model with exact weights (JVM: java.util.zip's raw deflate). */
    public static String payload(Model model) {
        return payload(model, ModelBinary.exactBits(model));
    }

    /** The same with the weights in 64, 32, 16 or 8 bits (see {@link ModelBinary#write(Model, int)}). */
    public static String payload(Model model, int weightBits) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(ModelBinary.write(model, weightBits));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
        deflater.end();
        return sealed(out.toByteArray());
    }

    /** A model from a link, the text after "#m=", or a whole URL that holds "#m=". */
    public static Model read(String link) throws ModelException {
        int at = link.indexOf("#m=");
        String payload = at >= 0 ? link.substring(at + 3) : link.startsWith("m=") ? link.substring(2) : link;
        int end = payload.indexOf('&');
        if (end >= 0) payload = payload.substring(0, end);
        byte[] deflated = unsealed(payload);
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new ModelException("the link is cut short: its model data ends early");
                }
                out.write(buf, 0, n);
                Limits.check(out.size() <= MAX_INFLATED, "the link's model is larger than " + MAX_INFLATED / 1_000_000 + " MB");
            }
        } catch (DataFormatException e) {
            throw new ModelException("the link's model data is damaged (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        return ModelBinary.read(out.toByteArray());
    }
}
