package io.dendra.compiler.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import org.junit.jupiter.api.Test;

/** reference --threads: the outputs and spike rates of a batch are the same on any number of threads. */
class ReferenceThreadsTest {
    @Test
    void aBatchGivesTheSameResultOnAnyNumberOfThreads() {
        ModelGraph graph = Fixtures.model("""
                input x: real[2];
                s = lif(linear(x, weight=[[1.5, -0.5], [0.7, 0.9], [-0.3, 1.2]]), tau=0.8, threshold=1);
                y = linear(s, weight=[[1, -1, 0.5]]);
                output y;""");
        int samples = 7, steps = 30;
        double[] x = new double[samples * steps * 2];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) + 0.5;
        SequenceBatch batch = Fixtures.batch(graph, new int[] {samples, steps, 2}, x);
        ReferenceInterpreter reference = new ReferenceInterpreter(graph);
        ReferenceInterpreter.Result one = reference.run(batch, 1);
        for (int threads : new int[] {2, 3, 8}) {
            ReferenceInterpreter.Result many = reference.run(batch, threads);
            assertArrayEquals(one.output().toArray(), many.output().toArray(), "threads " + threads);
            assertEquals(one.spikeRates(), many.spikeRates(), "threads " + threads);
        }
        assertEquals(1, one.spikeRates().size());
    }
}
