package studio.backprop.engine.model;

import java.io.ByteArrayOutputStream;
import studio.backprop.engine.data.Features;
import studio.backprop.engine.data.Zip;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.Dropout;
import studio.backprop.engine.nn.LeakyReLU;
import studio.backprop.engine.nn.Linear;
import studio.backprop.engine.nn.MaxPool2D;
import studio.backprop.engine.nn.Module;
import studio.backprop.engine.nn.GRU;
import studio.backprop.engine.nn.LSTM;
import studio.backprop.engine.nn.OneHot;
import studio.backprop.engine.nn.RNN;
import studio.backprop.engine.nn.Recurrent;
import studio.backprop.engine.nn.StepLinear;
import studio.backprop.engine.nn.StepSoftmax;

/**
 * A model as a TensorFlow.js layers model: {@code model.json} (a Keras Sequential topology and
 * the weights manifest) and {@code model.weights.bin} (float32, little-endian), which
 * {@code tf.loadLayersModel} reads, and Keras reads after tensorflowjs_converter.
 *
 * <p>One Keras layer per module: Dense, Conv2D ("same" padding, as the engine pads) and
 * MaxPooling2D ("valid", stride = size) in channels-first layout (the engine's sample is channel
 * by channel; a Reshape makes the flat input [C, H, W] and a Flatten makes it flat again, in the
 * same order), Activation (relu, tanh, sigmoid, softmax, linear), LeakyReLU and Dropout; a
 * series' window Reshaped to [T, D] for SimpleRNN and LSTM layers (TF.js's GRU resets before the
 * recurrent product, the engine's after it: a GRU is refused by name); a text's
 * symbols through an identity Embedding (one-hot), Dense on every step and a Flatten back to the
 * engine's rows. The
 * model's input is the network's input: what the studio does before it (the 2-D features, the
 * normalisation) and after it (a regression's target scale) is in the model's
 * {@code userDefinedMetadata}: {@code inputs} (the encoded columns), {@code features},
 * {@code normalization} ({@code x' = (x - shift) / scale}), {@code targetNormalization}
 * ({@code y = y' scale + shift}), {@code targets}, {@code classes} and {@code image}.
 */
public final class Tfjs {
    private Tfjs() {}

    public static final String MODEL = "model.json", WEIGHTS = "model.weights.bin";

    /** The two files, model.json first. */
    public static final class Files {
        public final String modelJson;
        public final byte[] weights;

        Files(String modelJson, byte[] weights) {
            this.modelJson = modelJson;
            this.weights = weights;
        }

        /** Both in one .zip (stored), for a download. */
        public byte[] zip() {
            return Zip.write(new String[] {MODEL, WEIGHTS},
                    new byte[][] {modelJson.getBytes(java.nio.charset.StandardCharsets.UTF_8), weights});
        }
    }

    public static Files write(Model model) {
        StringBuilder layers = new StringBuilder(), manifest = new StringBuilder();
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        String input = "\"batch_input_shape\": [null, " + model.network.width(0) + "], ";
        boolean spatial = false;
        int n = 0;
        boolean sequence = false, text = false;
        for (Module m : model.network.modules()) {
            String kind = m.kind();
            if (m instanceof OneHot) {
                // one-hot as an Embedding whose table is the identity: row s is symbol s's one-hot vector
                OneHot o = (OneHot) m;
                String name = layer(layers, "Embedding", ++n, "\"batch_input_shape\": [null, " + o.steps + "], \"input_dim\": " + o.vocab
                        + ", \"output_dim\": " + o.vocab + ", \"mask_zero\": false, \"input_length\": " + o.steps);
                double[] identity = new double[o.vocab * o.vocab];
                for (int k = 0; k < o.vocab; k++) identity[k * o.vocab + k] = 1;
                weight(manifest, weights, name + "/embeddings", new int[] {o.vocab, o.vocab}, identity);
                input = "";
                sequence = text = true;
                continue;
            }
            if (m instanceof Recurrent) {
                Recurrent r = (Recurrent) m;
                if (r instanceof GRU) {
                    throw new IllegalArgumentException("the gru layer has no TensorFlow.js form: TF.js's GRU resets before the recurrent product, the engine's"
                            + " (as PyTorch's and Keras's default) after it; export ONNX, or use lstm or rnn layers");
                }
                if (!sequence) {
                    layer(layers, "Reshape", ++n, input + "\"target_shape\": [" + r.steps + ", " + r.inputs + "]");
                    input = "";
                    sequence = true;
                }
                recurrent(layers, manifest, weights, ++n, r);
                continue;
            }
            if (m instanceof StepLinear) {
                // Dense acts on the last axis of [N, T, m]: the same weights at every step
                StepLinear lin = (StepLinear) m;
                String name = layer(layers, "Dense", ++n, "\"units\": " + lin.n + ", \"activation\": \"linear\", \"use_bias\": true");
                weight(manifest, weights, name + "/kernel", new int[] {lin.m, lin.n}, flat(lin.W.value));
                weight(manifest, weights, name + "/bias", new int[] {lin.n}, lin.W0.value[0]);
                continue;
            }
            if (m instanceof StepSoftmax) kind = "softmax"; // over the last axis: each step's characters
            if ((m instanceof Conv2D || m instanceof MaxPool2D) && !spatial) {
                int[] s = m.shape();
                layer(layers, "Reshape", ++n, input + "\"target_shape\": [" + s[0] + ", " + s[1] + ", " + s[2] + "]");
                input = "";
                spatial = true;
            }
            if (m instanceof Conv2D) {
                Conv2D conv = (Conv2D) m;
                String name = layer(layers, "Conv2D", ++n, input + "\"filters\": " + conv.F + ", \"kernel_size\": [" + conv.K + ", " + conv.K
                        + "], \"strides\": [" + conv.S + ", " + conv.S + "], \"padding\": \"same\", \"data_format\": \"channels_first\","
                        + " \"dilation_rate\": [1, 1], \"activation\": \"linear\", \"use_bias\": true");
                // Keras's kernel is [K, K, C, F]; the engine's W row is the tap c K K + y K + x
                double[][] w = conv.W.value;
                double[] kernel = new double[w.length * conv.F];
                int at = 0;
                for (int y = 0; y < conv.K; y++) {
                    for (int x = 0; x < conv.K; x++) {
                        for (int c = 0; c < conv.inC; c++) {
                            for (int f = 0; f < conv.F; f++) kernel[at++] = w[(c * conv.K + y) * conv.K + x][f];
                        }
                    }
                }
                weight(manifest, weights, name + "/kernel", new int[] {conv.K, conv.K, conv.inC, conv.F}, kernel);
                weight(manifest, weights, name + "/bias", new int[] {conv.F}, conv.W0.value[0]);
            } else if (m instanceof MaxPool2D) {
                MaxPool2D pool = (MaxPool2D) m;
                layer(layers, "MaxPooling2D", ++n, input + "\"pool_size\": [" + pool.K + ", " + pool.K + "], \"strides\": [" + pool.K + ", "
                        + pool.K + "], \"padding\": \"valid\", \"data_format\": \"channels_first\"");
            } else if (m instanceof Dropout) {
                layer(layers, "Dropout", ++n, input + "\"rate\": " + ((Dropout) m).rate);
            } else if (m instanceof Linear) {
                Linear lin = (Linear) m;
                if (spatial) {
                    // [N, C, H, W] flat in that order, as the engine lays a sample out
                    layer(layers, "Flatten", ++n, "");
                    spatial = false;
                }
                String name = layer(layers, "Dense", ++n, input + "\"units\": " + lin.n + ", \"activation\": \"linear\", \"use_bias\": true");
                double[] kernel = new double[lin.m * lin.n];
                for (int i = 0; i < lin.m; i++) System.arraycopy(lin.W.value[i], 0, kernel, i * lin.n, lin.n);
                weight(manifest, weights, name + "/kernel", new int[] {lin.m, lin.n}, kernel);
                weight(manifest, weights, name + "/bias", new int[] {lin.n}, lin.W0.value[0]);
            } else if (kind.equals("leaky-relu")) {
                layer(layers, "LeakyReLU", ++n, input + "\"alpha\": " + LeakyReLU.SLOPE);
            } else {
                layer(layers, "Activation", ++n, input + "\"activation\": \"" + activation(kind) + "\"");
            }
            input = "";
        }
        // a text's [N, T, V] as the engine's rows, step after step
        if (text) layer(layers, "Flatten", ++n, "");
        if (n == 0) throw new IllegalArgumentException("a network of no layers has no TensorFlow.js form");
        StringBuilder sb = new StringBuilder("{\n  \"format\": \"layers-model\",\n  \"generatedBy\": \"Backprop Studio\",\n  \"convertedBy\": null,\n");
        sb.append("  \"modelTopology\": {\"class_name\": \"Sequential\", \"config\": {\"name\": \"backprop_studio\", \"layers\": [\n")
                .append(layers).append("\n  ]}, \"keras_version\": \"tfjs-layers 4.22.0\", \"backend\": \"tensor_flow.js\"},\n");
        sb.append("  \"weightsManifest\": [{\"paths\": [\"").append(WEIGHTS).append("\"], \"weights\": [").append(manifest).append("]}],\n");
        sb.append("  \"userDefinedMetadata\": {\"inputs\": ").append(ModelJson.strings(model.encoding.inputNames()));
        String[] features = new String[model.features.length];
        for (int i = 0; i < features.length; i++) features[i] = Features.KEYS[model.features[i]];
        sb.append(", \"features\": ").append(ModelJson.strings(features));
        sb.append(", \"normalization\": {\"shift\": ").append(ModelJson.numbers(model.normalizer.shift))
                .append(", \"scale\": ").append(ModelJson.numbers(model.normalizer.scale)).append('}');
        sb.append(", \"targetNormalization\": {\"shift\": ").append(ModelJson.numbers(model.targets.shift))
                .append(", \"scale\": ").append(ModelJson.numbers(model.targets.scale)).append('}');
        sb.append(", \"targets\": ").append(ModelJson.strings(model.targetNames));
        sb.append(", \"classes\": ").append(ModelJson.strings(model.classes));
        sb.append(", \"image\": ").append(Json.quote(model.settings.get("image")));
        String sound = model.settings.get("sound");
        if (!sound.isEmpty()) sb.append(", \"sound\": ").append(Json.quote(studio.backprop.engine.sound.SoundFormat.parse(sound).describe()));
        sb.append(", \"settings\": ").append(Json.quote(model.settings.toQuery(v -> v))).append("}\n}\n");
        return new Files(sb.toString(), weights.toByteArray());
    }

    /**
     * Keras's SimpleRNN or LSTM (a GRU would be one with reset_after, which TF.js lacks: refused
     * before): kernel W and recurrent_kernel Wh with the gates side by side in the engine's order,
     * which is Keras's (i, f, c, o).
     */
    private static void recurrent(StringBuilder layers, StringBuilder manifest, ByteArrayOutputStream weights, int n, Recurrent r) {
        String cls = r instanceof LSTM ? "LSTM" : r instanceof GRU ? "GRU" : "SimpleRNN";
        String act = r instanceof RNN && ((RNN) r).relu ? "relu" : "tanh";
        String name = layer(layers, cls, n, "\"units\": " + r.hidden + ", \"activation\": \"" + act + "\""
                + (r instanceof RNN ? "" : ", \"recurrent_activation\": \"sigmoid\"") + ", \"use_bias\": true, \"return_sequences\": " + r.sequences
                + ", \"return_state\": false, \"go_backwards\": false, \"stateful\": false, \"unroll\": false"
                + (r instanceof GRU ? ", \"reset_after\": true" : "") + (r instanceof LSTM ? ", \"unit_forget_bias\": false" : ""));
        int width = r.gates * r.hidden;
        weight(manifest, weights, name + "/kernel", new int[] {r.inputs, width}, flat(r.W.value));
        weight(manifest, weights, name + "/recurrent_kernel", new int[] {r.hidden, width}, flat(r.Wh.value));
        if (r instanceof GRU) {
            double[] bias = new double[2 * width];
            System.arraycopy(r.W0.value[0], 0, bias, 0, width);
            weight(manifest, weights, name + "/bias", new int[] {2, width}, bias);
        } else {
            weight(manifest, weights, name + "/bias", new int[] {width}, r.W0.value[0]);
        }
    }

    private static double[] flat(double[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        double[] out = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) System.arraycopy(m[i], 0, out, i * cols, cols);
        return out;
    }

    private static String layer(StringBuilder layers, String className, int n, String config) {
        String name = className.toLowerCase() + "_" + n;
        if (layers.length() > 0) layers.append(",\n");
        layers.append("    {\"class_name\": \"").append(className).append("\", \"config\": {\"name\": \"").append(name)
                .append("\", \"trainable\": true, \"dtype\": \"float32\"").append(config.isEmpty() ? "" : ", " + config).append("}}");
        return name;
    }

    private static void weight(StringBuilder manifest, ByteArrayOutputStream out, String name, int[] shape, double[] values) {
        if (manifest.length() > 0) manifest.append(", ");
        manifest.append("{\"name\": \"").append(name).append("\", \"shape\": [");
        for (int i = 0; i < shape.length; i++) manifest.append(i > 0 ? ", " : "").append(shape[i]);
        manifest.append("], \"dtype\": \"float32\"}");
        for (double v : values) {
            int bits = Float.floatToIntBits((float) v);
            out.write(bits);
            out.write(bits >>> 8);
            out.write(bits >>> 16);
            out.write(bits >>> 24);
        }
    }

    private static String activation(String kind) {
        switch (kind) {
            case "relu": return "relu";
            case "tanh": return "tanh";
            case "sigmoid": return "sigmoid";
            case "softmax": return "softmax";
            case "identity": return "linear";
            default: throw new IllegalArgumentException("TensorFlow.js has no activation like the module '" + kind + "'");
        }
    }
}
