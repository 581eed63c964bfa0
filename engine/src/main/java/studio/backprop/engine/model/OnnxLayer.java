package studio.backprop.engine.model;

import studio.backprop.engine.nn.LayerSpec;

/** A layer of an ONNX graph as {@link OnnxLayers} reads it, with its weights in the engine's layout (dense: in x out; conv: C K K x F). */
final class OnnxLayer {
    final LayerSpec.Kind kind;
    int units, kernel, stride;
    double rate;
    double[][] w;
    double[] b;
    String activation;

    OnnxLayer(LayerSpec.Kind kind) {
        this.kind = kind;
    }
}
