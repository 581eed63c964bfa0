package studio.backprop.engine.data;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;

/**
 * Writes an RGBA image as a PNG file: 8 bits a channel, no filter, the pixels in stored
 * (uncompressed) deflate blocks, no colour chunk, so any reader (a browser's decoder, ImageIO)
 * gives back the same levels. Used for camera frames, which have no file of their own.
 */
public final class Png {
    private Png() {}

    private static final int BLOCK = 65_535;

    /** @param rgba width x height pixels, 4 bytes each, row by row */
    public static byte[] write(int width, int height, byte[] rgba) {
        if (width < 1 || height < 1 || rgba.length != 4L * width * height) throw new IllegalArgumentException("not " + width + "x" + height + " RGBA");
        // the raw scanlines: a filter byte (0, none) before each row
        int row = 4 * width;
        byte[] raw = new byte[height * (row + 1)];
        for (int y = 0; y < height; y++) System.arraycopy(rgba, y * row, raw, y * (row + 1) + 1, row);

        ByteArrayOutputStream z = new ByteArrayOutputStream(raw.length + raw.length / BLOCK * 5 + 16);
        z.write(0x78);
        z.write(0x01);
        for (int at = 0; at < raw.length || at == 0; at += BLOCK) {
            int n = Math.min(BLOCK, raw.length - at);
            z.write(at + n >= raw.length ? 1 : 0);
            z.write(n);
            z.write(n >>> 8);
            z.write(~n);
            z.write(~n >>> 8);
            z.write(raw, at, n);
        }
        int adler = adler32(raw);
        for (int s = 24; s >= 0; s -= 8) z.write(adler >>> s);

        ByteArrayOutputStream out = new ByteArrayOutputStream(z.size() + 64);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, 8);
        byte[] header = new byte[13];
        be(header, 0, width);
        be(header, 4, height);
        header[8] = 8; // bits per channel
        header[9] = 6; // RGBA
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", z.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] head = new byte[8];
        be(head, 0, data.length);
        for (int i = 0; i < 4; i++) head[4 + i] = (byte) type.charAt(i);
        out.write(head, 0, 8);
        out.write(data, 0, data.length);
        CRC32 crc = new CRC32();
        crc.update(head, 4, 4);
        crc.update(data, 0, data.length);
        byte[] sum = new byte[4];
        be(sum, 0, (int) crc.getValue());
        out.write(sum, 0, 4);
    }

    private static int adler32(byte[] b) {
        int a = 1, s = 0;
        for (byte v : b) {
            a = (a + (v & 0xFF)) % 65_521;
            s = (s + a) % 65_521;
        }
        return s << 16 | a;
    }

    private static void be(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) (v >>> (24 - 8 * i));
    }
}
