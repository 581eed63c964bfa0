package studio.backprop.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This app's 2-D features as its ONNX export writes them (see {@link Onnx}): a Gather of each
 * input column, Mul and Sin of those, and their Concat, read back as indices into Features.KEYS.
 */
final class OnnxFeatures {
    /** Value name to the input column it gathers, and to the feature it computes. */
    private final Map<String, Integer> columns = new LinkedHashMap<>(), features = new LinkedHashMap<>();
    /** The features in the Concat's order, once it is read. */
    int[] list = new int[0];

    /**
     * Whether the node is one of the features' (index: a Gather's constant index); fromInput: the
     * node reads the graph's input before any layer.
     */
    boolean read(OnnxReader.Node n, boolean fromInput, OnnxReader.Tensor index) throws ModelException {
        if (n.op.equals("Gather") && fromInput) {
            long axis = n.attributes.containsKey("axis") && n.attributes.get("axis").i != null ? n.attributes.get("axis").i : 0;
            if (index == null || index.values.length != 1 || axis != 1) throw OnnxLayers.no(n, "gathers other than one input column");
            columns.put(n.outputs.get(0), (int) index.values[0]);
            return true;
        }
        if (columns.isEmpty()) return false;
        Integer a = columns.get(n.inputs.get(0)), b = n.inputs.size() > 1 ? columns.get(n.inputs.get(1)) : null;
        int f = -1;
        if (n.op.equals("Mul") && a != null && b != null) f = a == 0 && b == 0 ? 2 : a == 1 && b == 1 ? 3 : 4;
        else if (n.op.equals("Sin") && a != null) f = a == 0 ? 5 : 6;
        if (f >= 0) {
            features.put(n.outputs.get(0), f);
            return true;
        }
        if (!n.op.equals("Concat")) throw OnnxLayers.no(n, "is not one of this app's 2-D features (x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2)");
        list = new int[n.inputs.size()];
        for (int i = 0; i < list.length; i++) {
            String v = n.inputs.get(i);
            Integer col = columns.get(v), feat = features.get(v);
            if (col == null && feat == null) throw OnnxLayers.no(n, "joins '" + v + "', which is none of the 2-D features");
            list[i] = feat != null ? feat : col;
        }
        columns.clear();
        return true;
    }
}
