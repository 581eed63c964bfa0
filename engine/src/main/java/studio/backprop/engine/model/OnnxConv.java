package studio.backprop.engine.model;

import java.util.Arrays;
import studio.backprop.engine.nn.Conv2D;
import studio.backprop.engine.nn.LayerSpec;
import studio.backprop.engine.nn.Shape;

/**
 * ONNX's Conv node as the engine's conv layer (see {@link OnnxLayers}): square kernels, equal
 * strides, no groups or dilation, padded as the engine pads ("same"); the filters in the engine's
 * layout (C K K x F).
 */
final class OnnxConv {
    private OnnxConv() {}

    static void read(OnnxLayers g, OnnxReader.Node n) throws ModelException {
        if (!g.shape.spatial()) throw OnnxLayers.no(n, "gets " + g.shape.size() + " flat values (a conv needs images: an input of [N, C, H, W] or a Reshape)");
        if (g.nhwc) throw OnnxLayers.no(n, "gets NHWC maps");
        OnnxReader.Tensor w = g.constant(n, 1);
        if (w == null || w.dims.length != 4) throw OnnxLayers.no(n, "has no 4-D filters");
        int f = w.dims[0], c = w.dims[1], kh = w.dims[2], kw = w.dims[3];
        if (g.attr(n, "group", 1) != 1) throw OnnxLayers.no(n, "is a grouped convolution");
        if (c != g.shape.channels) throw OnnxLayers.no(n, "has filters of " + c + " channels for " + g.shape.channels);
        if (kh != kw) throw OnnxLayers.no(n, "has a " + kh + "\u00d7" + kw + " kernel (square kernels are read)");
        long[] strides = g.ints(n, "strides"), dil = g.ints(n, "dilations"), pads = g.ints(n, "pads");
        int s = strides == null ? 1 : (int) strides[0];
        if (strides != null && (strides.length != 2 || strides[1] != s)) throw OnnxLayers.no(n, "has strides " + Arrays.toString(strides) + " (equal strides are read)");
        if (dil != null) for (long d : dil) if (d != 1) throw OnnxLayers.no(n, "is dilated");
        if (kh > LayerSpec.MAX_KERNEL || s > LayerSpec.MAX_KERNEL || f > LayerSpec.MAX_FILTERS) throw OnnxLayers.no(n, "is larger than the engine's conv layers (" + LayerSpec.MAX_FILTERS + " filters, kernels up to " + LayerSpec.MAX_KERNEL + ")");
        Conv2D same = new Conv2D(c, g.shape.height, g.shape.width, 1, kh, s);
        OnnxReader.Attribute auto = n.attributes.get("auto_pad");
        String autoPad = auto == null || auto.s == null ? "NOTSET" : auto.s;
        long[] want = {same.padTop, same.padLeft, same.padBottom, same.padRight};
        boolean fits = autoPad.equals("SAME_UPPER") || (autoPad.equals("NOTSET") && Arrays.equals(pads == null ? new long[4] : pads, want))
                || (autoPad.equals("VALID") && Arrays.equals(new long[4], want));
        if (!fits) {
            throw OnnxLayers.no(n, "pads " + (autoPad.equals("NOTSET") ? Arrays.toString(pads == null ? new long[4] : pads) : autoPad) + "; the engine's conv pads \"same\" "
                    + Arrays.toString(want) + " for this input (unpadded, valid convolutions are not read yet)");
        }
        OnnxLayer l = new OnnxLayer(LayerSpec.Kind.CONV);
        l.units = f;
        l.kernel = kh;
        l.stride = s;
        l.w = new double[c * kh * kh][f];
        for (int fi = 0; fi < f; fi++) {
            for (int k = 0; k < c * kh * kh; k++) l.w[k][fi] = w.values[fi * c * kh * kh + k];
        }
        l.b = new double[f];
        g.add(l);
        OnnxReader.Tensor b = g.constant(n, 2);
        if (b != null) g.bias(n, b);
        g.shape = new Shape(f, same.outH, same.outW);
    }
}
