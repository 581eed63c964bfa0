package studio.backprop.engine.model;

import java.io.ByteArrayOutputStream;
import studio.backprop.engine.data.Text;

/**
 * Just enough of the protocol buffers wire format to write an ONNX file: varints, length-
 * delimited fields and packed floats. Values are ints (no Java long: in TeaVM's JS they are
 * BigInts); every field this project writes is small and non-negative.
 */
final class Protobuf {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] bytes() {
        return out.toByteArray();
    }

    Protobuf varint(int field, int value) {
        tag(field, 0);
        raw(value);
        return this;
    }

    Protobuf string(int field, String value) {
        return bytes(field, Text.utf8(value));
    }

    Protobuf bytes(int field, byte[] value) {
        tag(field, 2);
        raw(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    Protobuf message(int field, Protobuf value) {
        return bytes(field, value.bytes());
    }

    /** A 32-bit float field (wire type 5). */
    Protobuf float32(int field, double value) {
        tag(field, 5);
        littleEndian(Float.floatToIntBits((float) value));
        return this;
    }

    /** Floats as little-endian IEEE singles, as TensorProto.raw_data wants them. */
    static byte[] floats(double[] values) {
        Protobuf p = new Protobuf();
        for (double v : values) p.littleEndian(Float.floatToIntBits((float) v));
        return p.bytes();
    }

    private void tag(int field, int wireType) {
        raw(field << 3 | wireType);
    }

    private void raw(int value) {
        if (value < 0) throw new IllegalArgumentException("negative varint");
        while (value >= 0x80) {
            out.write(value & 0x7f | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    private void littleEndian(int bits) {
        for (int i = 0; i < 4; i++) out.write(bits >>> 8 * i & 0xff);
    }
}
