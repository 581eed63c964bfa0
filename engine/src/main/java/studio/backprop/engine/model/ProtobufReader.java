package studio.backprop.engine.model;

import studio.backprop.engine.data.Text;

/**
 * Reads the protocol buffers wire format (the reading side of {@link Protobuf}): a window of
 * bytes, field by field; every length is checked against the window, so a damaged file ends in
 * an IllegalStateException, never in a read past its end.
 */
final class ProtobufReader {
    private final byte[] b;
    private int at;
    private final int end;

    ProtobufReader(byte[] b, int from, int end) {
        this.b = b;
        this.at = from;
        this.end = end;
    }

    boolean more() {
        return at < end;
    }

    int tag() {
        long t = varint();
        if (t <= 0 || t > Integer.MAX_VALUE) throw new IllegalStateException("bad field tag");
        return (int) t;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at >= end) throw new IllegalStateException("the file ends inside a number");
            int x = b[at++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) return v;
        }
        throw new IllegalStateException("a number longer than 10 bytes");
    }

    int fixed32() {
        if (end - at < 4) throw new IllegalStateException("the file ends inside a number");
        int v = (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
        at += 4;
        return v;
    }

    long fixed64() {
        long lo = fixed32() & 0xffffffffL;
        return lo | (long) fixed32() << 32;
    }

    private int length() {
        long n = varint();
        if (n < 0 || n > end - at) throw new IllegalStateException("a field longer than the file");
        return (int) n;
    }

    ProtobufReader message(int tag) {
        if ((tag & 7) != 2) throw new IllegalStateException("field " + (tag >>> 3) + " is not a message");
        int n = length();
        ProtobufReader w = new ProtobufReader(b, at, at + n);
        at += n;
        return w;
    }

    byte[] bytes(int tag) {
        ProtobufReader w = message(tag);
        byte[] out = new byte[w.end - w.at];
        System.arraycopy(b, w.at, out, 0, out.length);
        return out;
    }

    String string(int tag) {
        return Text.fromUtf8(bytes(tag));
    }

    /** A repeated scalar field, packed (one length-delimited run) or not: {@code one} reads each value. */
    void each(int tag, java.util.function.Consumer<ProtobufReader> one) {
        if ((tag & 7) == 2) {
            ProtobufReader run = message(tag);
            while (run.more()) one.accept(run);
        } else {
            one.accept(this);
        }
    }

    void skip(int tag) {
        switch (tag & 7) {
            case 0: varint(); break;
            case 1: if (end - at < 8) throw new IllegalStateException("the file ends inside a number"); at += 8; break;
            case 2: { int n = length(); at += n; break; }
            case 5: if (end - at < 4) throw new IllegalStateException("the file ends inside a number"); at += 4; break;
            default: throw new IllegalStateException("wire type " + (tag & 7));
        }
    }
}
