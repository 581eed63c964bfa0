package studio.backprop.engine.sound;

/**
 * A WAV (RIFF WAVE) file's sound, read by the engine so that the same file gives the same
 * samples on the JVM and in the browser's worker: PCM of 8 (unsigned), 16, 24 or 32 bits, or
 * IEEE float of 32 or 64 bits (WAVE_FORMAT_EXTENSIBLE too), any number of channels and any rate.
 * The channels are mixed to one (their mean), each sample scaled to [-1, 1) and kept as a float
 * (exact for 8-, 16- and 24-bit PCM). Other audio formats are recognised by their first bytes
 * only, to say what they are ({@link #kind}).
 */
public final class Wav {
    /** The longest sound read: 10 minutes (an hour-long recording is cut first; see {@link SoundFormat#clips}). */
    public static final double MAX_SECONDS = 600;

    public final int rate;
    public final int channels;
    /** The channels' mean, sample by sample. */
    public final float[] mono;

    public Wav(int rate, int channels, float[] mono) {
        this.rate = rate;
        this.channels = channels;
        this.mono = mono;
    }

    public double seconds() {
        return (double) mono.length / rate;
    }

    /** What audio format the bytes start like: "WAV", "MP3", "Ogg", "WebM", "FLAC", "MP4/M4A", "AIFF", or null. */
    public static String kind(byte[] b) {
        if (starts(b, 0, "RIFF") && starts(b, 8, "WAVE")) return "WAV";
        if (starts(b, 0, "ID3") || b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) return "MP3";
        if (starts(b, 0, "OggS")) return "Ogg";
        if (b.length > 3 && (b[0] & 0xFF) == 0x1A && (b[1] & 0xFF) == 0x45 && (b[2] & 0xFF) == 0xDF && (b[3] & 0xFF) == 0xA3) return "WebM";
        if (starts(b, 0, "fLaC")) return "FLAC";
        if (starts(b, 4, "ftyp")) return "MP4/M4A";
        if (starts(b, 0, "FORM") && (starts(b, 8, "AIFF") || starts(b, 8, "AIFC"))) return "AIFF";
        return null;
    }

    private static boolean starts(byte[] b, int at, String tag) {
        if (b.length < at + tag.length()) return false;
        for (int i = 0; i < tag.length(); i++) if (b[at + i] != tag.charAt(i)) return false;
        return true;
    }

    /** @throws IllegalArgumentException saying why the bytes are no WAV this reads */
    public static Wav read(byte[] b) {
        String kind = kind(b);
        if (kind == null) throw new IllegalArgumentException("not a sound file (WAV, MP3, Ogg, WebM, FLAC or M4A)");
        if (!kind.equals("WAV")) throw new IllegalArgumentException(kind + " is read in the browser only; convert it to WAV for the CLI");
        int format = -1, channels = 0, rate = 0, bits = 0, dataAt = -1, dataSize = 0;
        for (int at = 12; at + 8 <= b.length; ) {
            long size = u32(b, at + 4);
            int body = at + 8;
            if (starts(b, at, "fmt ") && size >= 16 && body + 16 <= b.length) {
                format = u16(b, body);
                channels = u16(b, body + 2);
                rate = (int) Math.min(Integer.MAX_VALUE, u32(b, body + 4));
                bits = u16(b, body + 14);
                if (format == 0xFFFE && size >= 40 && body + 26 <= b.length) format = u16(b, body + 24); // the sub-format GUID's first two bytes
            } else if (starts(b, at, "data")) {
                dataAt = body;
                dataSize = (int) Math.min(size, b.length - body); // a recorder that stopped early leaves the size too large
                break;
            }
            if (size > b.length) break;
            at = body + (int) size + (int) (size & 1);
        }
        if (format < 0) throw new IllegalArgumentException("a damaged WAV file (no fmt chunk)");
        if (dataAt < 0) throw new IllegalArgumentException("a damaged WAV file (no data chunk)");
        boolean pcm = format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32), floats = format == 3 && (bits == 32 || bits == 64);
        if (!pcm && !floats) {
            throw new IllegalArgumentException("a WAV of " + (format == 1 ? bits + "-bit PCM" : format == 3 ? bits + "-bit float" : "format " + format)
                    + " (compressed?): save it as 16-bit PCM");
        }
        if (channels < 1 || channels > 64) throw new IllegalArgumentException("a WAV with " + channels + " channels");
        if (rate < 1000 || rate > 384_000) throw new IllegalArgumentException("a WAV at " + rate + " Hz (1,000 to 384,000 are read)");
        int width = bits / 8, frame = width * channels, n = dataSize / frame;
        if (n > MAX_SECONDS * rate) {
            throw new IllegalArgumentException("longer than " + (int) (MAX_SECONDS / 60) + " minutes (" + Math.round((double) n / rate / 60) + " min): cut it into shorter files");
        }
        float[] mono = new float[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) sum += sample(b, dataAt + i * frame + c * width, bits, floats);
            mono[i] = (float) (channels == 1 ? sum : sum / channels);
        }
        return new Wav(rate, channels, mono);
    }

    private static double sample(byte[] b, int at, int bits, boolean floats) {
        if (floats) {
            if (bits == 32) return Float.intBitsToFloat(s32(b, at));
            long lo = u32(b, at), hi = u32(b, at + 4);
            return Double.longBitsToDouble(hi << 32 | lo);
        }
        switch (bits) {
            case 8: return ((b[at] & 0xFF) - 128) / 128.0;
            case 16: return (short) u16(b, at) / 32768.0;
            case 24: return ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | b[at + 2] << 16) / 8388608.0;
            default: return s32(b, at) / 2147483648.0;
        }
    }

    /** A 16-bit PCM mono WAV of samples in [-1, 1] (clipped), rounded to the nearest level. */
    public static byte[] write16(double[] samples, int rate) {
        int n = samples.length;
        byte[] b = header(n, rate, 1, 16);
        for (int i = 0; i < n; i++) put16(b, 44 + 2 * i, (int) Math.round(Math.max(-1, Math.min(32767 / 32768.0, samples[i])) * 32768));
        return b;
    }

    /** A 32-bit float mono WAV: the samples exactly (a project keeps its clips so, to open to the same spectrograms). */
    public static byte[] writeFloat(float[] samples, int rate) {
        int n = samples.length;
        byte[] b = header(n, rate, 3, 32);
        for (int i = 0; i < n; i++) put32(b, 44 + 4 * i, Float.floatToRawIntBits(samples[i]));
        return b;
    }

    /** A mono WAV's 44-byte header (format 1: PCM, 3: float) and room for n samples of bits each. */
    private static byte[] header(int n, int rate, int format, int bits) {
        int width = bits / 8;
        byte[] b = new byte[44 + width * n];
        put(b, 0, "RIFF");
        put32(b, 4, 36 + width * n);
        put(b, 8, "WAVE");
        put(b, 12, "fmt ");
        put32(b, 16, 16);
        put16(b, 20, format);
        put16(b, 22, 1);
        put32(b, 24, rate);
        put32(b, 28, width * rate);
        put16(b, 32, width);
        put16(b, 34, bits);
        put(b, 36, "data");
        put32(b, 40, width * n);
        return b;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    /** Ints, not longs, per sample: a long is a BigInt in TeaVM's JavaScript. */
    private static int s32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }

    private static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
    }

    private static void put(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) b[at + i] = (byte) tag.charAt(i);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void put32(byte[] b, int at, int v) {
        put16(b, at, v);
        put16(b, at + 2, v >> 16);
    }
}
