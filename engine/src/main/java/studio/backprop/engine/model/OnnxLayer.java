package studio.backprop.engine.model;

import studio.backprop.engine.nn.LayerSpec;

/** A layer of an ONNX graph as {@link OnnxLayers} reads it, with its weights in the engine's layout (dense: in x out; conv: C K K x F; recurrent: see {@link OnnxRecurrent}). */
final class OnnxLayer {
    final LayerSpec.Kind kind;
    int units, kernel, stride;
    double rate;
    double[][] w;
    /** A recurrent layer's recurrent weights, hidden x gates' units (w: inputs x gates' units). */
    double[][] wh;
    double[] b;
    String activation;

    OnnxLayer(LayerSpec.Kind kind) {
        this.kind = kind;
    }
}
