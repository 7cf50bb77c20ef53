package io.dendra.compiler.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.ImageExecutor;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.SynapseTable;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.targets.Targets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A two-neuron LIF layer on loihi1, lowered and quantized by hand. */
class GoldenLoweringTest {
    static final String LIF_LAYER = """
            input x: real[2];
            h = linear(x, weight=[[0.5, -0.25], [1, 0]]);
            s = lif(h, tau=0.5, threshold=1);
            output s;""";

    /**
     * By hand: the input is binary (loihi1 has no graded spikes). Calibrated on all-ones input the
     * layer's input peaks at 1, so v may reach 1 / (1 − 0.5) = 2: 20 fraction bits would hold twice
     * that in 24 bits, but the largest weight (1) must stay an 8-bit mantissa times 2^7, which
     * allows a_in 13 fraction bits, v 13 + 6 = 19. In a_in units the weights are 0.5·2^13 = 4096,
     * −0.25·2^13 = −2048 and 1·2^13 = 8192. Both axons come from the input, one synapse group (one
     * Lava Dense), which on loihi1 shares one exponent, set by the group's largest weight:
     * ⌈log2(8192/127)⌉ = 7. Axon 0 (channel 0) feeds neuron 0 (4096) and neuron 1 (8192): mantissas
     * 32 and 64. Axon 1 feeds neuron 0 (−2048): mantissa −16. The zero weight makes no synapse.
     * dv = 4096·(1 − 0.5) = 2048, du = 4095, vth = ⌊(2^19 − 1)/64⌋ = 8191.
     */
    @Test
    void lifLayerOnLoihi1() {
        ModelGraph graph = Fixtures.model(LIF_LAYER);
        Compiler.Result result = Fixtures.compile(graph, Targets.builtIn("loihi1"), Fixtures.batch(graph, new int[] {2, 2}, 1, 1, 1, 1));
        ChipImage image = result.image();
        assertEquals(1, image.cores().size());
        CoreImage core = image.cores().get(0);
        assertEquals(NeuronProgram.LIF, core.neurons().program());
        assertEquals(1, core.neurons().startStep());
        SynapseTable s = core.synapses();
        assertEquals(2, s.axons());
        assertEquals(7, s.exponent(0));
        assertEquals(7, s.exponent(1));
        assertEquals(0, s.group(0));
        assertEquals(0, s.group(1));
        assertArrayEquals(new int[] {0, 1}, new int[] {s.target(0), s.target(1)});
        assertArrayEquals(new int[] {32, 64}, new int[] {s.weight(0), s.weight(1)});
        assertEquals(0, s.target(2));
        assertEquals(-16, s.weight(2));
        assertEquals(3, s.synapses());
        for (int n = 0; n < 2; n++) {
            int p = n * Lif.PARAMS;
            assertEquals(4095, core.neurons().param(p + Lif.DU));
            assertEquals(2048, core.neurons().param(p + Lif.DV));
            assertEquals(8191, core.neurons().param(p + Lif.VTH));
            assertEquals(0, core.neurons().param(p + Lif.BIAS_MANT));
        }
        assertEquals(1, image.input().end(0) - image.input().start(0)); // channel 0 reaches one axon
        assertEquals(1, image.output().firstStep());
        assertEquals(1.0, image.output().scale(0));
    }

    /** With weights exact in binary the chip's spikes equal the reference's, step by step. */
    @Test
    void lifLayerSpikesExactlyAsTheReference() {
        ModelGraph graph = Fixtures.model(LIF_LAYER);
        Compiler.Result result = Fixtures.compile(graph, Targets.builtIn("loihi1"), Fixtures.batch(graph, new int[] {2, 2}, 1, 1, 1, 1));
        SplittableRandom random = new SplittableRandom(5);
        int steps = 300;
        double[] input = new double[steps * 2];
        for (int i = 0; i < input.length; i++) input[i] = random.nextDouble() < 0.4 ? 1 : 0;
        double[] chip = new ImageExecutor(result.image()).run(input, steps, null);
        double[] reference = new ReferenceInterpreter(graph).runSample(input, steps);
        assertArrayEquals(reference, chip);
    }

    /**
     * A second lif layer, with a bias, behind the first: its input arrives at step 2, but on the
     * chip it updates from step 1, and the bias would act one step early. The compiler gives it the
     * initial state that the warm-up step carries to zero, so the spikes still equal the reference.
     */
    @Test
    void aBiasedSecondLayerIsCompensatedForItsWarmUp() {
        ModelGraph graph = Fixtures.model("""
                input x: real[2];
                h = linear(x, weight=[[0.5, -0.25], [1, 0]]);
                s = lif(h, tau=0.5, threshold=1);
                g = linear(s, weight=[[0.5, 0.5], [1, -0.5]], bias=[0.25, 0.375]);
                o = lif(g, tau=0.75, threshold=1);
                output o;""");
        Compiler.Result result = Fixtures.compile(graph, Targets.builtIn("loihi1"), Fixtures.batch(graph, new int[] {2, 2}, 1, 1, 1, 1));
        io.dendra.ir.NeuronBlock second = result.image().cores().stream().map(c -> c.neurons()).filter(b -> b.startStep() == 2).findFirst().orElseThrow();
        int[] initial = second.initialState();
        assertEquals(4, initial.length);
        for (int n = 0; n < 2; n++) {
            // one warm-up step with no input: v0·(4096 − dv)/4096 + bias = 0 needs a negative start
            int p = n * Lif.PARAMS;
            long bias = (long) second.param(p + Lif.BIAS_MANT) << second.param(p + Lif.BIAS_EXP);
            assertTrue(bias > 0);
            assertEquals(0, initial[2 * n]);
            assertEquals(0, (long) initial[2 * n + 1] * (4096 - second.param(p + Lif.DV)) / 4096 + bias, "neuron " + n);
        }
        assertTrue(result.report().notes().isEmpty(), result.report().notes().toString());
        SplittableRandom random = new SplittableRandom(7);
        int steps = 300;
        double[] input = new double[steps * 2];
        for (int i = 0; i < input.length; i++) input[i] = random.nextDouble() < 0.4 ? 1 : 0;
        assertArrayEquals(new ReferenceInterpreter(graph).runSample(input, steps), new ImageExecutor(result.image()).run(input, steps, null));
    }

    /**
     * On loihi2 the same layer takes graded input. The host's payload precision is capped so that
     * every weight keeps a full mantissa at the smallest exponent (a finer payload would turn the
     * weights into zeros), and the spikes still equal the reference.
     */
    @Test
    void gradedInputKeepsEveryWeightOnLoihi2() {
        ModelGraph graph = Fixtures.model(LIF_LAYER);
        Compiler.Result result = Fixtures.compile(graph, Targets.builtIn("loihi2"), Fixtures.batch(graph, new int[] {2, 2}, 1, 1, 1, 1));
        SynapseTable s = result.image().cores().get(0).synapses();
        assertEquals(3, s.synapses());
        for (int i = 0; i < s.synapses(); i++) assertTrue(Math.abs(s.weight(i)) >= 32, "synapse " + i + " keeps at least six significant bits");
        SplittableRandom random = new SplittableRandom(6);
        int steps = 300;
        double[] input = new double[steps * 2];
        for (int i = 0; i < input.length; i++) input[i] = random.nextDouble() < 0.4 ? 1 : 0;
        assertArrayEquals(new ReferenceInterpreter(graph).runSample(input, steps), new ImageExecutor(result.image()).run(input, steps, null));
    }
}
