package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.passes.SigmaDeltaEncoding;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.ir.ChipImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.simulator.Simulation;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Results do not depend on how layers are split into cores, on the number of threads, or on the
 * engine: random SpikingSSM layers (ssm, glu, sum, readout; one with sigma-delta messages) and LIF chains, compiled for loihi2
 * whole and with cores of 5 neurons, give the same outputs bit for bit in the functional executor
 * and the cycle-level simulator on 1 and 2 threads.
 */
class PartitioningInvarianceTest {

    @Test
    void outputsAreTheSameForAnyPartitioningThreadCountAndEngine() {
        SplittableRandom random = new SplittableRandom(23);
        Target whole = Fixtures.target("loihi2");
        Target split = Fixtures.target("loihi2", "neurons = 8192", "neurons = 5");
        for (int trial = 0; trial < 8; trial++) {
            String model = trial % 2 == 0 ? ssmModel(random) : lifModel(random);
            ModelGraph graph = Fixtures.model(model);
            // trial 6: the SpikingSSM layer with its GLU and sum sending sigma-delta changes, the receivers integrating
            if (trial == 6) graph = SigmaDeltaEncoding.apply(graph, 0.05);
            if (trial == 4) graph = SigmaDeltaEncoding.apply(graph, 0.05, java.util.Map.of(), true); // with cumulative error
            int channels = graph.input().width();
            int steps = 40;
            List<double[]> samples = new ArrayList<>();
            double[] all = new double[3 * steps * channels];
            for (int i = 0; i < all.length; i++) all[i] = trial % 2 == 0 ? random.nextDouble(-1, 1) : random.nextInt(3) == 0 ? 1 : 0;
            for (int s = 0; s < 3; s++) {
                double[] x = new double[steps * channels];
                System.arraycopy(all, s * x.length, x, 0, x.length);
                samples.add(x);
            }
            SequenceBatch batch = SequenceBatch.of(Tensor.of("x", new int[] {3, steps, channels}, all), graph.input(), java.nio.file.Path.of("random.npy"));
            ChipImage one = Compiler.compile(graph, whole, batch, null).image();
            ChipImage many = Compiler.compile(graph, split, batch, null).image();
            assertTrue(many.cores().size() > one.cores().size(), "trial " + trial + ": the small cores split the layers");
            double activity = 0;
            for (int s = 0; s < samples.size(); s++) {
                double[] expected = new ImageExecutor(one).run(samples.get(s), steps, null);
                for (double v : expected) activity += Math.abs(v);
                assertArrayEquals(expected, new ImageExecutor(many).run(samples.get(s), steps, null), "trial " + trial + " sample " + s + ": split executor");
            }
            assertTrue(activity > 0, "trial " + trial + ": the outputs are not all zero");
            for (int threads = 1; threads <= 2; threads++) {
                List<double[]> a = Simulation.run(one, whole, samples, steps, threads, false, null).outputs();
                List<double[]> b = Simulation.run(many, split, samples, steps, threads, false, null).outputs();
                assertEquals(samples.size(), a.size());
                for (int s = 0; s < samples.size(); s++) {
                    double[] expected = new ImageExecutor(one).run(samples.get(s), steps, null);
                    assertArrayEquals(expected, a.get(s), "trial " + trial + " sample " + s + " threads " + threads + ": simulator, whole");
                    assertArrayEquals(expected, b.get(s), "trial " + trial + " sample " + s + " threads " + threads + ": simulator, split");
                }
            }
        }
    }

    /** One SpikingSSM layer of H channels and 2 complex states each, a residual, a mean and a decoder, with random weights. */
    private static String ssmModel(SplittableRandom r) {
        int h = 6 + r.nextInt(6);
        return String.format(Locale.ROOT, """
                input x: real[2];
                h = linear(x, weight=%s, bias=%s);
                y = s4d(h, log_dt=%s, log_A_real=%s, A_imag=%s, C=%s, D=%s);
                s = lif(y, tau=0.125, threshold=1);
                g = glu(s, weight=%s, bias=%s);
                r = h + g;
                p = mean_time(r);
                logits = linear(p, weight=%s, bias=%s);
                output logits;""", matrix(r, h, 2, 2), vector(r, h, 0.5), vector(r, h, -2.5, -1.5), matrix(r, h, 2, -0.9, -0.3), matrix(r, h, 2, 0.5, 3),
                complexC(r, h), "[" + vector(r, h, 1) + "]",
                matrix(r, 2 * h, h, 1), vector(r, 2 * h, 0.3), matrix(r, 3, h, 1), vector(r, 3, 0.2));
    }

    /** Two LIF layers of random width and weights. */
    private static String lifModel(SplittableRandom r) {
        int a = 4 + r.nextInt(10);
        int b = 3 + r.nextInt(8);
        return String.format(Locale.ROOT, """
                input x: real[3];
                s = lif(linear(x, weight=%s), tau=0.5, threshold=1);
                t = lif(linear(s, weight=%s), tau=0.75, threshold=1);
                output t;""", matrix(r, a, 3, 1.5), matrix(r, b, a, 0.8));
    }

    /** C of shape (1, H, 2, 2): per channel, two complex states as [re, im]. */
    private static String complexC(SplittableRandom r, int h) {
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < h; c++) channels.add("[" + pair(r) + ", " + pair(r) + "]");
        return "[[" + String.join(", ", channels) + "]]";
    }

    private static String pair(SplittableRandom r) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", r.nextDouble(-0.6, 0.6), r.nextDouble(-0.6, 0.6));
    }

    private static String matrix(SplittableRandom r, int rows, int cols, double scale) {
        return matrix(r, rows, cols, -scale, scale);
    }

    private static String matrix(SplittableRandom r, int rows, int cols, double low, double high) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) lines.add(vector(r, cols, low, high));
        return "[" + String.join(", ", lines) + "]";
    }

    private static String vector(SplittableRandom r, int n, double scale) {
        return vector(r, n, -scale, scale);
    }

    private static String vector(SplittableRandom r, int n, double low, double high) {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < n; i++) v.add(String.format(Locale.ROOT, "%.4f", r.nextDouble(low, high)));
        return "[" + String.join(", ", v) + "]";
    }
}
