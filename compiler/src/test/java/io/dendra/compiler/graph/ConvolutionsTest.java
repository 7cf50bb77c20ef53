package io.dendra.compiler.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sparse matrices of convolutions and pooling against the textbook loops over a zero-padded input. */
class ConvolutionsTest {
    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
        return v;
    }

    /** y[co][oy][ox] = Σ_{ci in co's group, ky, kx} w[co][ci'][ky][kx] · padded[ci][oy·s + ky·d][ox·s + kx·d]. */
    private static double[] directConv(double[] x, double[] w, int cOut, int cIn, int groups, int h, int wd, int k, int s, int p, int d) {
        int ph = h + 2 * p;
        int pw = wd + 2 * p;
        double[] padded = new double[cIn * ph * pw];
        for (int c = 0; c < cIn; c++) for (int y = 0; y < h; y++) for (int xx = 0; xx < wd; xx++) padded[(c * ph + y + p) * pw + xx + p] = x[(c * h + y) * wd + xx];
        int oh = (ph - d * (k - 1) - 1) / s + 1;
        int ow = (pw - d * (k - 1) - 1) / s + 1;
        int inPerGroup = cIn / groups;
        double[] y = new double[cOut * oh * ow];
        for (int co = 0; co < cOut; co++) {
            int g = co / (cOut / groups);
            for (int oy = 0; oy < oh; oy++) for (int ox = 0; ox < ow; ox++) {
                double sum = 0;
                for (int c = 0; c < inPerGroup; c++) for (int ky = 0; ky < k; ky++) for (int kx = 0; kx < k; kx++) {
                    sum += w[((co * inPerGroup + c) * k + ky) * k + kx] * padded[((g * inPerGroup + c) * ph + oy * s + ky * d) * pw + ox * s + kx * d];
                }
                y[(co * oh + oy) * ow + ox] = sum;
            }
        }
        return y;
    }

    @Test
    void aConvolutionIsTheTextbookLoop() {
        int cOut = 6, cIn = 4, groups = 2, h = 11, wd = 9, k = 3;
        for (int[] spd : new int[][] {{1, 0, 1}, {2, 1, 1}, {2, 2, 2}, {3, 1, 1}}) {
            double[] w = random(cOut * (cIn / groups) * k * k, 1);
            double[] x = random(cIn * h * wd, 2);
            SparseMatrix m = Convolutions.conv(w, cOut, cIn, groups, h, wd, k, k, new int[] {spd[0], spd[0]}, new int[] {spd[1], spd[1]},
                    new int[] {spd[2], spd[2]});
            double[] expected = directConv(x, w, cOut, cIn, groups, h, wd, k, spd[0], spd[1], spd[2]);
            assertEquals(expected.length, m.rows());
            assertArrayEquals(expected, m.times(x), 1e-12);
        }
    }

    @Test
    void theSinabsFirstLayersSizesFollowTheFormula() {
        // 34x34, kernel 5, stride 2, padding 1: ⌊(34 + 2 − 4 − 1) / 2⌋ + 1 = 16
        assertEquals(16, Convolutions.outputSize(34, 5, 2, 1, 1));
        assertEquals(16, Convolutions.outputSize(16, 3, 1, 1, 1));
        assertEquals(8, Convolutions.outputSize(16, 2, 2, 0, 1));
    }

    @Test
    void poolingSumsOrAveragesEachWindow() {
        double[] x = new double[2 * 4 * 4];
        for (int i = 0; i < x.length; i++) x[i] = i;
        SparseMatrix sum = Convolutions.pool(2, 4, 4, 2, 2, new int[] {2, 2}, new int[] {0, 0}, 1);
        // channel 0, window rows 0-1 and columns 0-1: 0 + 1 + 4 + 5
        assertArrayEquals(new double[] {10, 18, 42, 50, 74, 82, 106, 114}, sum.times(x), 0);
        SparseMatrix avg = Convolutions.pool(2, 4, 4, 2, 2, new int[] {2, 2}, new int[] {0, 0}, 0.25);
        assertEquals(2.5, avg.times(x)[0], 0);
    }

    @Test
    void sparseProductsMatchDenseOnes() {
        double[] a = random(5 * 7, 3);
        double[] b = random(7 * 4, 4);
        a[3] = 0;
        b[9] = 0;
        SparseMatrix product = SparseMatrix.dense(a, 5, 7).times(SparseMatrix.dense(b, 7, 4));
        for (int i = 0; i < 5; i++) for (int j = 0; j < 4; j++) {
            double sum = 0;
            for (int k = 0; k < 7; k++) sum += a[i * 7 + k] * b[k * 4 + j];
            assertEquals(sum, product.get(i, j), 1e-12);
        }
    }
}
