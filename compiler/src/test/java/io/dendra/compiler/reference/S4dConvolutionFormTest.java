package io.dendra.compiler.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.diagnostics.Place;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The S4D recurrence of the reference equals the S4 repository's convolution form on random
 * parameters: y = K * z + D z with K[l] = 2 Re Σ_n C_n B̄_n Ā_n^l, and for a second direction
 * yb[t] = Σ_{s>t} K₁[s−t−1] z[s]. Powers Ā^l are taken in polar form, not by repeated products.
 */
class S4dConvolutionFormTest {

    @ParameterizedTest
    @CsvSource({"1, false, 11", "1, true, 12", "2, false, 13", "2, true, 14"})
    void recurrenceEqualsConvolution(int directions, boolean trainableB, long seed) {
        int h = 3;
        int m = 4;
        int steps = 60;
        SplittableRandom random = new SplittableRandom(seed);
        InputNode input = new InputNode("x", Place.named("test"), h, 0);
        double[] dt = new double[h];
        for (int c = 0; c < h; c++) dt[c] = Math.exp(Math.log(0.001) + random.nextDouble() * Math.log(100));
        double[] aRe = fill(random, h * m, -1.5, -0.05);
        double[] aIm = fill(random, h * m, -10, 10);
        double[] bRe = trainableB ? fill(random, h * m, -1, 1) : filled(h * m, 1);
        double[] bIm = trainableB ? fill(random, h * m, -1, 1) : new double[h * m];
        double[] cRe = fill(random, directions * h * m, -1, 1);
        double[] cIm = fill(random, directions * h * m, -1, 1);
        double[] d = fill(random, h, -1, 1);
        S4dNode node = new S4dNode("s4d", Place.named("test"), input, m, trainableB ? S4dNode.Kernel.TRAINABLE_B : S4dNode.Kernel.MINIMAL,
                dt, aRe, aIm, bRe, bIm, directions, cRe, cIm, d);
        double[] z = fill(random, steps * h, -1, 1);

        double[] recurrence = ReferenceInterpreter.s4d(node, z, steps);

        for (int c = 0; c < h; c++) {
            double[][] kernel = new double[directions][steps];
            for (int dir = 0; dir < directions; dir++) {
                for (int n = 0; n < m; n++) {
                    int k = c * m + n;
                    // B̄ = B (Ā − 1) / A with Ā = exp(dt A), in complex arithmetic written out.
                    double abarRe = Math.exp(dt[c] * aRe[k]) * Math.cos(dt[c] * aIm[k]);
                    double abarIm = Math.exp(dt[c] * aRe[k]) * Math.sin(dt[c] * aIm[k]);
                    double[] q = divide(abarRe - 1, abarIm, aRe[k], aIm[k]);
                    double[] bbar = multiply(bRe[k], bIm[k], q[0], q[1]);
                    int ci = (dir * h + c) * m + n;
                    double[] cb = multiply(cRe[ci], cIm[ci], bbar[0], bbar[1]);
                    for (int l = 0; l < steps; l++) {
                        double magnitude = Math.exp(l * dt[c] * aRe[k]);
                        double phase = l * dt[c] * aIm[k];
                        kernel[dir][l] += 2 * (cb[0] * magnitude * Math.cos(phase) - cb[1] * magnitude * Math.sin(phase));
                    }
                }
            }
            for (int t = 0; t < steps; t++) {
                double expected = d[c] * z[t * h + c];
                for (int l = 0; l <= t; l++) expected += kernel[0][l] * z[(t - l) * h + c];
                if (directions == 2) {
                    for (int s = t + 1; s < steps; s++) expected += kernel[1][s - t - 1] * z[s * h + c];
                }
                assertEquals(expected, recurrence[t * h + c], 1e-12 * (1 + Math.abs(expected)), "channel " + c + " step " + t);
            }
        }
    }

    private static double[] multiply(double aRe, double aIm, double bRe, double bIm) {
        return new double[] {aRe * bRe - aIm * bIm, aRe * bIm + aIm * bRe};
    }

    private static double[] divide(double aRe, double aIm, double bRe, double bIm) {
        double den = bRe * bRe + bIm * bIm;
        return new double[] {(aRe * bRe + aIm * bIm) / den, (aIm * bRe - aRe * bIm) / den};
    }

    private static double[] fill(SplittableRandom random, int n, double low, double high) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = low + random.nextDouble() * (high - low);
        return v;
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
