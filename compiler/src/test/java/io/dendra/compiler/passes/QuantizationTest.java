package io.dendra.compiler.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.DiscreteSsms;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.lowering.Lowering;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.network.QuantizedBlock;
import io.dendra.compiler.network.QuantizedNetwork;
import io.dendra.compiler.network.QuantizedSynapses;
import io.dendra.compiler.programs.FixedPointChoices;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import org.junit.jupiter.api.Test;

/** The quantize pass on its own: formats by their closed form, weights as mantissa · 2^exponent as the target's accumulation asks. */
class QuantizationTest {
    private static final String LIF = """
            input x: real[3];
            s = lif(linear(x, weight=[[0.9, -0.05, 0.3], [0.02, 0.6, -0.7], [0.5, 0.25, 0.125], [-0.01, 0.03, 0.9]]), tau=0.5, threshold=1);
            output s;""";

    /** HEADROOM × max must fit in a signed b-bit integer: f = ⌊log2((2^(b−1) − 1) / (2·max))⌋, clamped to −24 .. 48. */
    @Test
    void formatsHoldTwiceTheCalibratedMagnitude() {
        assertEquals(21, FixedPointChoices.fit(1.0, 24)); // 8,388,607 / 2 = 4,194,303.5 ≥ 2^21
        assertEquals(23, FixedPointChoices.fit(0.3, 24)); // 8,388,607 / 0.6 = 13,981,011 ≥ 2^23
        assertEquals(-8, FixedPointChoices.fit(1e9, 24)); // 0.0042 ≥ 2^-8
        assertEquals(22, FixedPointChoices.fit(0, 24)); // nothing calibrated: all but the sign and one headroom bit
        assertEquals(48, FixedPointChoices.fit(1e-30, 24));
        assertEquals(-24, FixedPointChoices.fit(1e30, 24));
    }

    /**
     * round_half_up (loihi2): each input channel's weights get the exponent that puts that
     * channel's largest at the top of the 8-bit mantissa (64 ≤ |m| ≤ 127), and every weight is
     * its mantissa · 2^e within half a step. floor_per_group (loihi1): one exponent for the group.
     */
    @Test
    void weightsAreMantissasOfTheExponentTheirAccumulationAsks() {
        for (String name : new String[] {"loihi2", "loihi1"}) {
            Target target = Targets.builtIn(name);
            QuantizedNetwork q = quantize(LIF, target);
            QuantizedBlock lif = q.blocks().get(0);
            QuantizedSynapses group = lif.synapses().get(0);
            Connection c = group.connections().get(0);
            double convert = Math.scalb(1.0, lif.inputFraction(0) - q.outputFraction(q.input()));
            for (int k = 0; k < 3; k++) {
                int e = group.exponent(k);
                int largest = 0;
                for (int entry = c.start(k); entry < c.end(k); entry++) {
                    int m = group.mantissa(0, entry);
                    largest = Math.max(largest, Math.abs(m));
                    assertEquals(c.weightAt(entry) * convert, Math.scalb((double) m, e), Math.scalb(0.5, e), name + " channel " + k);
                }
                if (name.equals("loihi2")) assertTrue(largest >= 64 && largest <= 127, name + " channel " + k + ": largest mantissa " + largest);
                else assertEquals(group.exponent(0), e, "loihi1: one exponent per synapse group");
            }
        }
    }

    private static QuantizedNetwork quantize(String model, Target target) {
        ModelGraph graph = NormFolding.apply(Fixtures.model(model));
        double[] spikes = new double[2 * 30 * 3];
        for (int i = 0; i < spikes.length; i++) spikes[i] = (i * 7 % 5) < 2 ? 1 : 0;
        SequenceBatch batch = Fixtures.batch(graph, new int[] {2, 30, 3}, spikes);
        LogicalNetwork network = Lowering.lower(graph, target, true).orThrow();
        return Quantization.apply(network, target, Calibration.measure(graph, DiscreteSsms.of(graph), network, batch));
    }
}
