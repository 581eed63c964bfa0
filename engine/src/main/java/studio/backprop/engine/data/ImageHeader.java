package studio.backprop.engine.data;

/**
 * The kind and size of an image file from its first bytes, before anything decodes it: so that
 * a file that is not an image is named and skipped, and a huge image (or a small file that
 * claims a huge one) is decoded scaled down instead of filling memory. PNG, JPEG, GIF, WebP.
 */
public final class ImageHeader {
    public final String kind;
    public final int width, height;

    private ImageHeader(String kind, int width, int height) {
        this.kind = kind;
        this.width = width;
        this.height = height;
    }

    /** The header of an image file, or null when the bytes are none of the four kinds (or their size cannot be found). */
    public static ImageHeader of(byte[] b) {
        if (b.length >= 24 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return sized("PNG", be32(b, 16), be32(b, 20));
        }
        if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return sized("GIF", le16(b, 6), le16(b, 8));
        }
        if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return webp(b);
        }
        if (b.length >= 4 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8) return jpeg(b);
        return null;
    }

    private static ImageHeader webp(byte[] b) {
        String chunk = new String(new char[] {(char) b[12], (char) b[13], (char) b[14], (char) b[15]});
        switch (chunk) {
            case "VP8 ": return sized("WebP", le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
            case "VP8L": {
                int bits = u8(b, 21) | u8(b, 22) << 8 | u8(b, 23) << 16 | u8(b, 24) << 24;
                return sized("WebP", (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            }
            case "VP8X": return sized("WebP", le24(b, 24) + 1, le24(b, 27) + 1);
            default: return null;
        }
    }

    /** Walks the markers to the first start-of-frame (SOF0 to SOF15 but DHT, JPG and DAC). */
    private static ImageHeader jpeg(byte[] b) {
        int at = 2;
        while (at + 9 < b.length) {
            if (u8(b, at) != 0xFF) return null;
            int marker = u8(b, at + 1);
            if (marker == 0xFF) {
                at++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                at += 2;
                continue;
            }
            int length = u8(b, at + 2) << 8 | u8(b, at + 3);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return sized("JPEG", u8(b, at + 7) << 8 | u8(b, at + 8), u8(b, at + 5) << 8 | u8(b, at + 6));
            }
            if (length < 2) return null;
            at += 2 + length;
        }
        return null;
    }

    private static ImageHeader sized(String kind, long width, long height) {
        if (width < 1 || height < 1 || width > 1_000_000 || height > 1_000_000) return null;
        return new ImageHeader(kind, (int) width, (int) height);
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int le16(byte[] b, int at) {
        return u8(b, at) | u8(b, at + 1) << 8;
    }

    private static int le24(byte[] b, int at) {
        return le16(b, at) | u8(b, at + 2) << 16;
    }

    private static long be32(byte[] b, int at) {
        return (long) u8(b, at) << 24 | u8(b, at + 1) << 16 | u8(b, at + 2) << 8 | u8(b, at + 3);
    }
}
