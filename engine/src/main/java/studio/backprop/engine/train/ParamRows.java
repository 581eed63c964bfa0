package studio.backprop.engine.train;

import java.util.List;
import studio.backprop.engine.nn.Param;

/**
 * The rows of a network's parameters numbered in network order (parameter 0's rows, then
 * parameter 1's, ...), and their split into contiguous ranges of about as many weights each:
 * the unit of the work after a batch's gradient (adding the parts, regularisation, the checks,
 * the update) that threads share. Every weight's part of that work is its own, so the split
 * never changes a bit.
 */
public final class ParamRows {
    /** Visits rows [from, to) of parameter i; returns false if something in them is wrong (see {@link #each}). */
    public interface Visitor {
        boolean rows(int i, Param p, int from, int to);
    }

    private final Param[] params;
    /** first[i]: the number of parameter i's first row; first[params.size()] = all rows. */
    private final int[] first;
    /** weightsBefore[g]: weights in the rows numbered below g. */
    private final int[] weightsBefore;

    public ParamRows(List<Param> params) {
        this.params = params.toArray(new Param[0]);
        first = new int[params.size() + 1];
        for (int i = 0; i < params.size(); i++) first[i + 1] = first[i] + params.get(i).value.length;
        weightsBefore = new int[first[params.size()] + 1];
        int g = 0;
        for (Param p : params) for (double[] r : p.value) {
            weightsBefore[g + 1] = weightsBefore[g] + r.length;
            g++;
        }
    }

    public int count() {
        return first[params.length];
    }

    /** The first row of range k of n: the rows of ranges 0..k-1 hold about k/n of the weights. */
    public int start(int k, int n) {
        if (k >= n) return count();
        double target = (double) weightsBefore[count()] * k / n; // in double: no long (a BigInt in TeaVM's JavaScript)
        int lo = 0, hi = count();
        while (lo < hi) {  // the first row g with weightsBefore[g] >= target
            int mid = (lo + hi) >>> 1;
            if (weightsBefore[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Calls the visitor for each parameter's share of rows [from, to), in network order, every one; true if each returned true. */
    public boolean each(int from, int to, Visitor v) {
        boolean all = true;
        for (int i = 0; i < params.length && first[i] < to; i++) {
            int a = Math.max(from, first[i]), b = Math.min(to, first[i + 1]);
            if (a < b) all &= v.rows(i, params[i], a - first[i], b - first[i]);
        }
        return all;
    }
}
