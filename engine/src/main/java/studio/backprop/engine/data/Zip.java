package studio.backprop.engine.data;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A .zip file's entries, read from its central directory, and each entry's bytes (stored or
 * deflated) on demand. Bounded against zip bombs: an entry inflates to at most
 * {@link #MAX_ENTRY} bytes and all entries together to at most {@link #MAX_TOTAL}, counted as the
 * bytes come out (not taken from the sizes the file claims), and an entry that inflates over
 * 100 times its size (no image file does) refuses the archive, so memory and time stay bounded
 * whatever the file says.
 */
public final class Zip {
    public static final int MAX_ENTRY = 64 << 20;
    public static final long MAX_TOTAL = 1L << 30;
    public static final int MAX_ENTRIES = 100_000;

    /** One file in the archive (directories are left out). */
    public static final class Entry {
        public final String path;
        final int method, flags, compressedSize, offset;
        final long size, crc;

        Entry(String path, int method, int flags, int compressedSize, long size, int offset, long crc) {
            this.path = path;
            this.method = method;
            this.flags = flags;
            this.compressedSize = compressedSize;
            this.size = size;
            this.offset = offset;
            this.crc = crc;
        }
    }

    private final byte[] zip;
    public final List<Entry> entries = new ArrayList<>();
    private final List<String> folders = new ArrayList<>();
    private long inflated;

    /** @throws IllegalArgumentException when the bytes are not a zip file this can read */
    public Zip(byte[] zip) {
        this.zip = zip;
        int end = -1;
        for (int at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at--) {
            if (u32(at) == 0x06054b50L) {
                end = at;
                break;
            }
        }
        if (end < 0) throw new IllegalArgumentException("not a zip file (no central directory)");
        int count = u16(end + 10);
        long dirSize = u32(end + 12), dirOffset = u32(end + 16);
        if (count == 0xFFFF || dirOffset == 0xFFFFFFFFL) throw new IllegalArgumentException("ZIP64 archives are not supported; zip fewer or smaller files");
        if (count > MAX_ENTRIES) throw new IllegalArgumentException("the zip has " + count + " files; at most " + MAX_ENTRIES);
        if (dirOffset + dirSize > end) throw new IllegalArgumentException("the zip file is damaged (its directory lies outside it)");
        int at = (int) dirOffset;
        for (int i = 0; i < count; i++) {
            if (at + 46 > end || u32(at) != 0x02014b50L) throw new IllegalArgumentException("the zip file is damaged (entry " + (i + 1) + ")");
            int flags = u16(at + 8), method = u16(at + 10);
            long crc = u32(at + 16), compressed = u32(at + 20), size = u32(at + 24), local = u32(at + 42);
            int nameLength = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32);
            if (at + 46 + nameLength > end) throw new IllegalArgumentException("the zip file is damaged (entry " + (i + 1) + ")");
            String path = name(at + 46, nameLength, (flags & 0x800) != 0);
            at += 46 + nameLength + extra + comment;
            if (path.endsWith("/")) {
                folders.add(path);
                continue;
            }
            if (compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || local == 0xFFFFFFFFL) {
                throw new IllegalArgumentException("ZIP64 archives are not supported; zip fewer or smaller files");
            }
            if (local + 30 > zip.length || local + compressed > zip.length) throw new IllegalArgumentException("the zip file is damaged at " + path);
            entries.add(new Entry(path, method, flags, (int) compressed, size, (int) local, crc));
        }
    }

    /** The folders the zip lists that hold nothing (an empty class, in the folder layout), e.g. "pets/cat/". */
    public List<String> emptyFolders() {
        List<String> empty = new ArrayList<>();
        for (String f : folders) {
            boolean holds = false;
            for (Entry e : entries) holds |= e.path.startsWith(f);
            for (String g : folders) holds |= g.length() > f.length() && g.startsWith(f);
            if (!holds) empty.add(f);
        }
        return empty;
    }

    /**
     * An entry's bytes as the zip holds them (deflated or stored), for a platform that inflates
     * them itself (the browser's DecompressionStream); then {@link #checked} them.
     *
     * @throws IllegalArgumentException when it is encrypted, compressed by a method other than
     *     deflate, damaged, or claims more than the limits
     */
    public byte[] stored(Entry e) {
        if ((e.flags & 1) != 0) throw new IllegalArgumentException("encrypted");
        if (e.size > 1 << 20 && e.size / 100 > e.compressedSize) throw bomb(e);
        if (e.size > MAX_ENTRY) throw new IllegalArgumentException("larger than " + (MAX_ENTRY >> 20) + " MB");
        if (e.method != 0 && e.method != 8) throw new IllegalArgumentException("compressed by method " + e.method + " (only stored and deflated can be read)");
        int start = e.offset + 30 + u16(e.offset + 26) + u16(e.offset + 28);
        if (u32(e.offset) != 0x04034b50L || start + (long) e.compressedSize > zip.length) throw new IllegalArgumentException("damaged");
        return java.util.Arrays.copyOfRange(zip, start, start + e.compressedSize);
    }

    /** Whether the entry is deflated (else stored as it is). */
    public static boolean deflated(Entry e) {
        return e.method == 8;
    }

    /** The most bytes an entry may inflate to: past them it is damaged (over its size) or a bomb (over 100 times its compressed size). */
    public static int inflatedLimit(Entry e) {
        return (int) Math.min(MAX_ENTRY, Math.max(1 << 20, 100L * e.compressedSize));
    }

    /**
     * An entry's bytes, inflated here.
     *
     * @throws IllegalArgumentException when it is encrypted, compressed by a method other than
     *     deflate, damaged, or larger than the limits
     */
    public byte[] read(Entry e) {
        byte[] raw = stored(e);
        if (e.method == 0) {
            count(raw.length);
            return checked(e, raw);
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw);
            byte[] out = new byte[(int) Math.max(64, Math.min(e.size, MAX_ENTRY))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (out.length >= MAX_ENTRY) throw new IllegalArgumentException("larger than " + (MAX_ENTRY >> 20) + " MB once inflated");
                    out = java.util.Arrays.copyOf(out, (int) Math.min(MAX_ENTRY, 2L * out.length));
                }
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) throw new IllegalArgumentException("damaged (its data ends early)");
                n += got;
                count(got);
                if (n > 1 << 20 && n / 100 > e.compressedSize) throw bomb(e);
            }
            return checked(e, n == out.length ? out : java.util.Arrays.copyOf(out, n));
        } catch (DataFormatException x) {
            throw new IllegalArgumentException("damaged (" + x.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    /** The bytes, when their CRC-32 is the one the directory gives. @throws IllegalArgumentException when not */
    public static byte[] checked(Entry e, byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, 0, bytes.length);
        if (crc.getValue() != e.crc) throw new IllegalArgumentException("damaged (its checksum does not match)");
        return bytes;
    }

    public static ZipBomb bomb(Entry e) {
        return new ZipBomb("the zip holds " + e.path + ", which inflates over 100 times: refused as a zip bomb");
    }

    /** Counts inflated bytes against {@link #MAX_TOTAL}: past it the archive is refused. */
    public void count(long bytes) {
        inflated += bytes;
        if (inflated > MAX_TOTAL) throw new ZipBomb("the zip inflates to more than " + (MAX_TOTAL >> 20) + " MB: refused");
    }

    /** The whole archive is refused (not just one entry skipped). */
    public static final class ZipBomb extends IllegalArgumentException {
        ZipBomb(String message) {
            super(message);
        }
    }

    /** A .zip of these files, stored (not deflated), names in UTF-8: what a download of several files is made of. */
    public static byte[] write(String[] names, byte[][] contents) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), central = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8), data = contents[i];
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(data, 0, data.length);
            int sum = (int) crc.getValue(), offset = out.size();
            // local header: signature, version 2.0, flags (bit 11: UTF-8 names), stored, no time, crc, sizes, name
            le(out, 0x04034b50, 4, 20, 2, 0x0800, 2, 0, 2, 0, 4, sum, 4, data.length, 4, data.length, 4, name.length, 2, 0, 2);
            out.write(name, 0, name.length);
            out.write(data, 0, data.length);
            le(central, 0x02014b50, 4, 20, 2, 20, 2, 0x0800, 2, 0, 2, 0, 4, sum, 4, data.length, 4, data.length, 4, name.length, 2,
                    0, 2, 0, 2, 0, 2, 0, 2, 0, 4, offset, 4);
            central.write(name, 0, name.length);
        }
        int start = out.size(), size = central.size();
        out.write(central.toByteArray(), 0, size);
        le(out, 0x06054b50, 4, 0, 2, 0, 2, names.length, 2, names.length, 2, size, 4, start, 4, 0, 2);
        return out.toByteArray();
    }

    /** Little-endian fields: value, byte count, value, byte count, ... */
    private static void le(java.io.ByteArrayOutputStream out, int... fields) {
        for (int f = 0; f < fields.length; f += 2) {
            for (int b = 0; b < fields[f + 1]; b++) out.write(fields[f] >>> (8 * b));
        }
    }

    private String name(int at, int length, boolean utf8) {
        if (utf8) return Text.fromUtf8(zip, at, length);
        char[] c = new char[length];
        for (int i = 0; i < length; i++) c[i] = (char) (zip[at + i] & 0xFF);
        return new String(c);
    }

    private int u16(int at) {
        return (zip[at] & 0xFF) | (zip[at + 1] & 0xFF) << 8;
    }

    private long u32(int at) {
        return (u16(at) | (long) u16(at + 2) << 16) & 0xFFFFFFFFL;
    }
}
