package io.dendra.compiler.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.ir.ChipImage;
import io.dendra.targets.Targets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chip against the reference, on chips made by hand: one that computes exactly the reference, and a silent one. */
class ReferenceComparisonTest {
    private static final String MODEL = """
            input x: real[2];
            s = lif(linear(x, weight=[[1.5, 0], [0, 1.5], [1, 1]]), tau=0.5, threshold=1);
            output s;""";

    @Test
    void aChipThatIsTheReferenceMatchesAndASilentOneHasNoRecall() {
        ModelGraph graph = Fixtures.model(MODEL);
        double[] x = new double[2 * 20 * 2];
        for (int i = 0; i < x.length; i++) x[i] = i % 3 == 0 ? 1 : 0;
        SequenceBatch batch = Fixtures.batch(graph, new int[] {2, 20, 2}, x);
        ChipImage image = Compiler.compile(graph, Targets.builtIn("loihi2"), batch, null).image();
        ReferenceInterpreter reference = new ReferenceInterpreter(graph);
        Node s = graph.output();
        ReferenceComparison exact = new ReferenceComparison(graph, image, batch, Path.of("m.dnd"));
        ReferenceComparison silent = new ReferenceComparison(graph, image, batch, Path.of("m.dnd"));
        long spikes = 0;
        for (int b = 0; b < 2; b++) {
            Map<Node, double[]> values = reference.evaluate(batch.samples().get(b), 20);
            double[] ref = values.get(s);
            for (double v : ref) spikes += v != 0 ? 1 : 0;
            exact.accept(b, sample(ref, ref));
            silent.accept(b, sample(new double[ref.length], new double[ref.length]));
        }
        assertTrue(spikes > 0, "the reference spikes");
        // the one layer, 3 neurons, one core from neuron 0: spike (t, i) is ref[t · 3 + i]
        SpikeMatch same = exact.result().spikes().get("s");
        assertEquals(2 * 20 * 3, same.decisions());
        assertEquals(spikes, same.bothSpiked());
        assertEquals(1.0, same.precision());
        assertEquals(1.0, same.recall());
        assertEquals(-1, same.firstDivergentStep());
        assertEquals(0.0, exact.result().maxAbsError());
        assertNull(exact.result().argmaxAgreement(), "a spike stream is a sequence output");
        SpikeMatch none = silent.result().spikes().get("s");
        assertEquals(0.0, none.recall());
        assertEquals(1.0, silent.result().maxAbsError(), "a missing spike is an output error of 1");
    }

    private static ReferenceComparison.ChipSample sample(double[] output, double[] spikes) {
        return new ReferenceComparison.ChipSample() {
            @Override
            public double[] output() {
                return output;
            }

            @Override
            public boolean spiked(int core, int step, int neuron) {
                return spikes[step * 3 + neuron] != 0;
            }
        };
    }
}
