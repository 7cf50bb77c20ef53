package io.dendra.compiler.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.compiler.frontend.dnd.DndFrontEnd;
import io.dendra.compiler.graph.ModelGraph;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each layer's reference semantics against values worked out by hand from DESIGN §5. */
class ReferenceInterpreterTest {

    static double[] run(String body, double... input) {
        ModelGraph g = DndFrontEnd.parse("model t {\n" + body + "\n}", Path.of("t.dnd"));
        return new ReferenceInterpreter(g).runSample(input, input.length / g.input().width());
    }

    @Test
    void linearIsWeightTimesInputPlusBias() {
        // [1 2; 3 4] [1, -1] + [0.5, 0] = [-0.5, -1]
        assertArrayEquals(new double[] {-0.5, -1}, run("input x: real[2]; y = linear(x, weight=[[1, 2], [3, 4]], bias=[0.5, 0]); output y;", 1, -1));
    }

    @Test
    void lifDecaysIntegratesAndResetsToZero() {
        // tau 0.5, threshold 1, input 0.6 per step: v = 0.6, 0.9, 1.05 (spike, reset to 0), 0.6.
        assertArrayEquals(new double[] {0, 0, 1, 0}, run("input x: real[1]; s = lif(x, tau=0.5, threshold=1); output s;", 0.6, 0.6, 0.6, 0.6));
    }

    @Test
    void lifResetBySubtractionKeepsTheRemainder() {
        // Input 1.5, 0, 0.875 (exact in binary). Zero reset: v = 1.5 (spike) -> 0, 0, 0.875: one spike.
        // Subtract: v = 1.5 (spike) -> 0.5, 0.25, 0.125 + 0.875 = 1 (spike).
        String zero = "input x: real[1]; s = lif(x, tau=0.5, threshold=1, reset=\"zero\"); output s;";
        String subtract = "input x: real[1]; s = lif(x, tau=0.5, threshold=1, reset=\"subtract\"); output s;";
        assertArrayEquals(new double[] {1, 0, 0}, run(zero, 1.5, 0, 0.875));
        assertArrayEquals(new double[] {1, 0, 1}, run(subtract, 1.5, 0, 0.875));
    }

    @Test
    void lifScalesItsInputByExpOfMinusLnVth() {
        // ln_vth = ln 4 scales the input by 1/4: 3 -> 0.75 (no spike), then 0.09375 + 1 >= 1 spikes.
        String body = "input x: real[1]; s = lif(x, tau=0.125, threshold=1, ln_vth=[" + Math.log(4) + "]); output s;";
        assertArrayEquals(new double[] {0, 1}, run(body, 3, 4));
    }

    @Test
    void binaryS4dSomaSpikesOnNonNegativeInput() {
        // Stan & Rhodes: tau 0, threshold 0, so spike = (y >= 0).
        assertArrayEquals(new double[] {0, 1, 1, 0}, run("input x: real[1]; s = lif(x, tau=0, threshold=0); output s;", -1, 0, 2, -0.5));
    }

    @Test
    void gluGatesTheFirstHalfByTheSigmoidOfTheSecond() {
        // W = [2; -1], b = [0.5, 0]. Spike 1: a = 2.5, g = -1, out = 2.5 sigma(-1). Spike 0: a = 0.5, g = 0, out = 0.25.
        double sigmaMinusOne = 1 / (1 + Math.E);
        double[] out = run("input x: real[1]; g = glu(x, weight=[[[2]], [[-1]]], bias=[0.5, 0]); output g;", 1, 0);
        assertEquals(2.5 * sigmaMinusOne, out[0], 1e-15);
        assertEquals(0.25, out[1], 1e-15);
    }

    @Test
    void layerNormUsesTheBiasedVarianceOfEachStep() {
        // x = [1, 2, 3, 6]: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5, eps 0.5 -> divide by 2.
        double[] out = run("input x: real[4]; n = layernorm(x, weight=[1, 1, 2, 2], bias=[0, 1, 0, 0], eps=0.5); output n;", 1, 2, 3, 6);
        assertArrayEquals(new double[] {-1, 0.5, 0, 3}, out, 1e-15);
    }

    @Test
    void batchNormUsesTheRunningStatistics() {
        // (3 - 1) / sqrt(3 + 1) * 2 + 0.5 = 2.5
        double[] out = run("input x: real[1]; n = batchnorm(x, weight=[2], bias=[0.5], running_mean=[1], running_var=[3], eps=1); output n;", 3);
        assertArrayEquals(new double[] {2.5}, out, 1e-15);
    }

    @Test
    void meanOverTimeThenADecoder() {
        // mean of [1, 2] and [3, 4] is [2, 3]; decoder [1, -1] gives -1.
        double[] out = run("input x: real[2]; p = mean_time(x); y = linear(p, weight=[[1, -1]]); output y;", 1, 2, 3, 4);
        assertArrayEquals(new double[] {-1}, out, 1e-15);
    }

    @Test
    void embeddingLooksUpRowsByTokenId() {
        double[] out = run("input ids: tokens[3]; e = embedding(ids, weight=[[0, 1], [2, 3], [4, 5]]); output e;", 2, 0);
        assertArrayEquals(new double[] {4, 5, 0, 1}, out);
    }

    @Test
    void residualAddSumsElementwise() {
        assertArrayEquals(new double[] {3, 5}, run("input x: real[1]; s = lif(x, tau=0, threshold=1); y = x + s; output y;", 2, 4), 0);
    }

    @Test
    void realModeImpulseResponseIsTheClosedForm() {
        // One channel, one mode, A = -0.5 (A_imag 0), dt = 0.1, C = 1, D = 0.25.
        // Impulse input: y[0] = 2 C Bbar + D, y[t] = 2 C Bbar Abar^t, with Abar = e^{-0.05}, Bbar = (Abar - 1) / A.
        String body = "input x: real[1]; y = s4d(x, log_dt=[" + Math.log(0.1) + "], log_A_real=[[" + Math.log(0.5)
                + "]], A_imag=[[0]], C=[[[1, 0]]], D=[[0.25]]); output y;";
        double[] y = run(body, 1, 0, 0, 0, 0);
        double abar = Math.exp(-0.05);
        double bbar = (abar - 1) / -0.5;
        assertEquals(2 * bbar + 0.25, y[0], 1e-14);
        for (int t = 1; t < 5; t++) assertEquals(2 * bbar * Math.pow(abar, t), y[t], 1e-14);
    }

    @Test
    void trainableBKernelNegatesTheStoredImaginaryPart() {
        // SSMKernelDiag with B = 1 equals the minimal kernel with A_imag negated (A = -exp(A_real) - i A_imag).
        String minimal = "input x: real[1]; y = s4d(x, log_dt=[-1], log_A_real=[[-0.7]], A_imag=[[2.5]], C=[[[0.3, -0.4]]], D=[[0]]); output y;";
        String trainable = "input x: real[1]; y = s4d(x, inv_dt=[[-1]], A_real=[[-0.7]], A_imag=[[-2.5]], B=[[[[1, 0]]]], C=[[[0.3, -0.4]]], D=[[0]]); output y;";
        double[] input = {1, -2, 0.5, 3, 0, 0, 1};
        assertArrayEquals(run(minimal, input), run(trainable, input), 1e-15);
    }
}
