package studio.backprop.engine.math;

/**
 * Matrix products over flat row-major arrays, in 4 x 4 register blocks: each pass over k loads
 * four values of A and four of B for sixteen multiply-adds, which is what keeps scalar code fast
 * in the browser builds (TeaVM emits no SIMD). Every element of C is accumulated in one fixed
 * order (ascending k, onto the value already there), whatever the blocking, so the same inputs
 * give the same bits on every platform.
 */
public final class Blocked {
    private Blocked() {}

    /** C[M x N] += A[M x K] B[K x N]. */
    public static void multiply(double[] a, double[] b, double[] c, int M, int K, int N) {
        int i = 0;
        for (; i + 4 <= M; i += 4) {
            int a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
            int c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
            int j = 0;
            for (; j + 4 <= N; j += 4) {
                double s00 = c[c0 + j], s01 = c[c0 + j + 1], s02 = c[c0 + j + 2], s03 = c[c0 + j + 3];
                double s10 = c[c1 + j], s11 = c[c1 + j + 1], s12 = c[c1 + j + 2], s13 = c[c1 + j + 3];
                double s20 = c[c2 + j], s21 = c[c2 + j + 1], s22 = c[c2 + j + 2], s23 = c[c2 + j + 3];
                double s30 = c[c3 + j], s31 = c[c3 + j + 1], s32 = c[c3 + j + 2], s33 = c[c3 + j + 3];
                for (int k = 0, bk = j; k < K; k++, bk += N) {
                    double b0 = b[bk], b1 = b[bk + 1], b2 = b[bk + 2], b3 = b[bk + 3];
                    double x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
                    s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
                    s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
                    s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2; s23 += x2 * b3;
                    s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2; s33 += x3 * b3;
                }
                c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
                c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
                c[c2 + j] = s20; c[c2 + j + 1] = s21; c[c2 + j + 2] = s22; c[c2 + j + 3] = s23;
                c[c3 + j] = s30; c[c3 + j + 1] = s31; c[c3 + j + 2] = s32; c[c3 + j + 3] = s33;
            }
            for (; j < N; j++) {
                double s0 = c[c0 + j], s1 = c[c1 + j], s2 = c[c2 + j], s3 = c[c3 + j];
                for (int k = 0, bk = j; k < K; k++, bk += N) {
                    double bv = b[bk];
                    s0 += a[a0 + k] * bv;
                    s1 += a[a1 + k] * bv;
                    s2 += a[a2 + k] * bv;
                    s3 += a[a3 + k] * bv;
                }
                c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
            }
        }
        for (; i < M; i++) {
            int ai = i * K, ci = i * N;
            for (int j = 0; j < N; j++) {
                double s = c[ci + j];
                for (int k = 0, bk = j; k < K; k++, bk += N) s += a[ai + k] * b[bk];
                c[ci + j] = s;
            }
        }
    }

    /** C[M x N] += A[M x K] B[N x K]^T: every element a dot product of a row of A and a row of B. */
    public static void multiplyTransposed(double[] a, double[] b, double[] c, int M, int K, int N) {
        int i = 0;
        for (; i + 4 <= M; i += 4) {
            int a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
            int c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
            int j = 0;
            for (; j + 4 <= N; j += 4) {
                int b0 = j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
                double s00 = c[c0 + j], s01 = c[c0 + j + 1], s02 = c[c0 + j + 2], s03 = c[c0 + j + 3];
                double s10 = c[c1 + j], s11 = c[c1 + j + 1], s12 = c[c1 + j + 2], s13 = c[c1 + j + 3];
                double s20 = c[c2 + j], s21 = c[c2 + j + 1], s22 = c[c2 + j + 2], s23 = c[c2 + j + 3];
                double s30 = c[c3 + j], s31 = c[c3 + j + 1], s32 = c[c3 + j + 2], s33 = c[c3 + j + 3];
                for (int k = 0; k < K; k++) {
                    double y0 = b[b0 + k], y1 = b[b1 + k], y2 = b[b2 + k], y3 = b[b3 + k];
                    double x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
                    s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
                    s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
                    s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3;
                    s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3;
                }
                c[c0 + j] = s00; c[c0 + j + 1] = s01; c[c0 + j + 2] = s02; c[c0 + j + 3] = s03;
                c[c1 + j] = s10; c[c1 + j + 1] = s11; c[c1 + j + 2] = s12; c[c1 + j + 3] = s13;
                c[c2 + j] = s20; c[c2 + j + 1] = s21; c[c2 + j + 2] = s22; c[c2 + j + 3] = s23;
                c[c3 + j] = s30; c[c3 + j + 1] = s31; c[c3 + j + 2] = s32; c[c3 + j + 3] = s33;
            }
            for (; j < N; j++) {
                int bj = j * K;
                double s0 = c[c0 + j], s1 = c[c1 + j], s2 = c[c2 + j], s3 = c[c3 + j];
                for (int k = 0; k < K; k++) {
                    double y = b[bj + k];
                    s0 += a[a0 + k] * y;
                    s1 += a[a1 + k] * y;
                    s2 += a[a2 + k] * y;
                    s3 += a[a3 + k] * y;
                }
                c[c0 + j] = s0; c[c1 + j] = s1; c[c2 + j] = s2; c[c3 + j] = s3;
            }
        }
        for (; i < M; i++) {
            int ai = i * K, ci = i * N;
            for (int j = 0; j < N; j++) {
                int bj = j * K;
                double s = c[ci + j];
                for (int k = 0; k < K; k++) s += a[ai + k] * b[bj + k];
                c[ci + j] = s;
            }
        }
    }
}
