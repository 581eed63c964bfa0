package studio.backprop.engine.math;

/**
 * The two products every Linear module needs, over a whole batch. Each output element is
 * accumulated in one fixed order (ascending inner index, onto the value already there), so
 * any blocking of these loops gives the same bits on every platform. Rows are taken four at
 * a time so one pass over a row of B feeds four outputs.
 */
public final class Kernels {
    private Kernels() {}

    /**
     * Rows of B per tile: about 128 KB of B, which stays in cache while every row of A passes over
     * it (else B streams from memory once for every four rows of A).
     */
    static int tileRows(int n) {
        return Math.max(4, 16384 / Math.max(1, n));
    }

    /** C[i] += sum_k A[i][k] * B[k], for i < A.rows, k < inner. */
    public static void addProduct(Mat a, double[][] b, int inner, Mat c) {
        int n = c.cols, tile = tileRows(n);
        // ascending k tile by tile is still ascending k: the same sums in the same order
        for (int k0 = 0; k0 < inner; k0 += tile) {
            int k1 = Math.min(inner, k0 + tile);
            int i = 0;
            for (; i + 4 <= a.rows; i += 4) {
                double[] a0 = a.row[i], a1 = a.row[i + 1], a2 = a.row[i + 2], a3 = a.row[i + 3];
                double[] c0 = c.row[i], c1 = c.row[i + 1], c2 = c.row[i + 2], c3 = c.row[i + 3];
                for (int k = k0; k < k1; k++) {
                    double x0 = a0[k], x1 = a1[k], x2 = a2[k], x3 = a3[k];
                    double[] bk = b[k];
                    for (int j = 0; j < n; j++) {
                        double w = bk[j];
                        c0[j] += x0 * w;
                        c1[j] += x1 * w;
                        c2[j] += x2 * w;
                        c3[j] += x3 * w;
                    }
                }
            }
            for (; i < a.rows; i++) {
                double[] ai = a.row[i], ci = c.row[i];
                for (int k = k0; k < k1; k++) {
                    double x = ai[k];
                    double[] bk = b[k];
                    for (int j = 0; j < n; j++) ci[j] += x * bk[j];
                }
            }
        }
    }

    /** C[k] += sum_i A[i][k] * G[i], for k < A.cols: the weight gradient A^T dL/dZ. */
    public static void addTransposeProduct(Mat a, Mat g, double[][] c) {
        int n = g.cols;
        int rows = a.rows;
        int k = 0;
        for (; k + 4 <= a.cols; k += 4) {
            double[] c0 = c[k], c1 = c[k + 1], c2 = c[k + 2], c3 = c[k + 3];
            for (int i = 0; i < rows; i++) {
                double[] ai = a.row[i], gi = g.row[i];
                double x0 = ai[k], x1 = ai[k + 1], x2 = ai[k + 2], x3 = ai[k + 3];
                for (int j = 0; j < n; j++) {
                    double d = gi[j];
                    c0[j] += x0 * d;
                    c1[j] += x1 * d;
                    c2[j] += x2 * d;
                    c3[j] += x3 * d;
                }
            }
        }
        for (; k < a.cols; k++) {
            double[] ck = c[k];
            for (int i = 0; i < rows; i++) {
                double x = a.row[i][k];
                double[] gi = g.row[i];
                for (int j = 0; j < n; j++) ck[j] += x * gi[j];
            }
        }
    }
}
