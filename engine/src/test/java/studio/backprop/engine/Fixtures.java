package studio.backprop.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test resources under studio/backprop/ (fixtures/, samples/), read from the class path. */
final class Fixtures {
    private Fixtures() {}

    static byte[] bytes(String path) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream("/studio/backprop/" + path)) {
            if (in == null) throw new IOException("no test resource " + path);
            return in.readAllBytes();
        }
    }

    static String text(String path) throws IOException {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }
}
