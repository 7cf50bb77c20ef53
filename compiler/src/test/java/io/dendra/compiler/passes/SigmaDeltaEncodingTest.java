package io.dendra.compiler.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.DeltaNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.diagnostics.DendraException;
import io.dendra.targets.Targets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --sigma-delta: where the encoding goes, what the reference holds, by hand, and which targets carry it. */
class SigmaDeltaEncodingTest {
    private static final String MODEL = """
            input x: real[2];
            g = glu(x, weight=[[1, 0], [0, 1], [0, 0], [0, 0]], bias=[0, 0, 10, 10]);
            r = x + g;
            y = linear(r, weight=[[1, 1]]);
            output y;""";

    @Test
    void everyGluAndSumButTheOutputHoldsItsValueUntilItChangesByTheThreshold() {
        ModelGraph graph = SigmaDeltaEncoding.apply(Fixtures.model(MODEL), 0.5);
        long deltas = graph.nodes().stream().filter(n -> n instanceof DeltaNode).count();
        assertEquals(2, deltas);
        // glu with g = x·sigmoid(10). Channel 0 of x: 0.2, 0.4, ..., 1.2 (a ramp of 0.2, threshold 0.5): the held g
        // changes when the ramp has moved 0.6 — at the third step and the sixth: 0, 0, 0.6, 0.6, 0.6, 1.2 (times sigmoid(10))
        double[] x = {0.2, 0, 0.4, 0, 0.6, 0, 0.8, 0, 1.0, 0, 1.2, 0};
        Map<Node, double[]> values = new ReferenceInterpreter(graph).evaluate(x, 6);
        DeltaNode gluHeld = (DeltaNode) graph.nodes().stream().filter(n -> n.name().equals("g.delta")).findFirst().orElseThrow();
        double[] held = values.get(gluHeld);
        double s = 1 / (1 + Math.exp(-10));
        double[] expected = {0, 0, 0, 0, 0.6 * s, 0, 0.6 * s, 0, 0.6 * s, 0, 1.2 * s, 0};
        assertArrayEquals(expected, held, 1e-12);
        // the output linear is not encoded: its reader is the host
        assertSame(graph.output(), graph.nodes().get(graph.nodes().size() - 1));
        assertTrue(!(graph.output() instanceof DeltaNode));
    }

    /** auto: the thresholds it picks keep the output within the budget (checked here with their own run), and a larger budget allows at least as much. */
    @Test
    void autoKeepsTheOutputWithinTheBudget() {
        ModelGraph graph = Fixtures.model(MODEL);
        int steps = 40;
        double[] x = new double[3 * steps * 2];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(i / 5.0);
        var calibration = Fixtures.batch(graph, new int[] {3, steps, 2}, x);
        SigmaDeltaEncoding.Choice tight = SigmaDeltaEncoding.auto(graph, calibration, 0.01);
        SigmaDeltaEncoding.Choice loose = SigmaDeltaEncoding.auto(graph, calibration, 0.2);
        for (SigmaDeltaEncoding.Choice choice : java.util.List.of(tight, loose)) {
            ModelGraph encoded = SigmaDeltaEncoding.apply(graph, 0, choice.thresholds());
            double diff = 0, norm = 0;
            for (double[] sample : calibration.samples()) {
                double[] y = new ReferenceInterpreter(encoded).runSample(sample, steps);
                double[] y0 = new ReferenceInterpreter(graph).runSample(sample, steps);
                for (int k = 0; k < y.length; k++) {
                    diff += (y[k] - y0[k]) * (y[k] - y0[k]);
                    norm += y0[k] * y0[k];
                }
            }
            double budget = choice == tight ? 0.01 : 0.2;
            assertTrue(Math.sqrt(diff / norm) <= budget, "error " + Math.sqrt(diff / norm) + " within " + budget);
        }
        double tightSum = tight.thresholds().values().stream().mapToDouble(Double::doubleValue).sum();
        double looseSum = loose.thresholds().values().stream().mapToDouble(Double::doubleValue).sum();
        assertTrue(looseSum > tightSum && tightSum > 0, tight + " against " + loose);
    }

    /** The reference's cumulative error, by hand: a lasting difference of 0.3 below a threshold of 0.5 is sent once it adds up to 0.6. */
    @Test
    void cumulativeErrorSendsALastingSmallDifference() {
        DeltaNode plain = new DeltaNode("d", null, Fixtures.model(MODEL).input(), 0.5, false);
        DeltaNode cumulative = new DeltaNode("d", null, Fixtures.model(MODEL).input(), 0.5, true);
        double[] x = {0.3, 0, 0.3, 0, 0.3, 0};
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, plain.held(x, 3));
        assertArrayEquals(new double[] {0, 0, 0.3, 0, 0.3, 0}, cumulative.held(x, 3), 1e-15);
    }

    @Test
    void aTargetWithoutSigmaDeltaRefusesIt() {
        ModelGraph graph = SigmaDeltaEncoding.apply(Fixtures.model(MODEL), 0.5);
        assertTrue(io.dendra.compiler.Compiler.legality(graph, Targets.load("loihi2")).legal());
        var problems = io.dendra.compiler.Compiler.legality(graph, Fixtures.target("loihi2", "    sigma_delta = yes", "    sigma_delta = no")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.exception().getMessage().contains("sigma-delta messages need a target")), problems.toString());
    }
}
