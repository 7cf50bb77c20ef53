package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.passes.SigmaDeltaEncoding;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.ir.ChipImage;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.RunReport;
import io.dendra.simulator.Simulation;
import io.dendra.simulator.report.Report;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The report's sigma-delta accounting, against two runs: a GLU that sends changes sends, per core,
 * exactly the messages the same GLU sends without sigma-delta less those it reports as avoided (its
 * values do not depend on its own encoding: everything before it is the same in both runs).
 */
class SigmaDeltaReportTest {
    private static final String MODEL = """
            input x: real[3];
            g = glu(x, weight=[[1, -0.5, 0.25], [0.5, 1, -1], [-1, 0.5, 0.75], [1, 1, 1], [0.5, -1, 0.2], [-0.3, 0.6, 1]],
                    bias=[0.1, -0.2, 0.05, 0.3, 0, -0.1]);
            r = x + g;
            y = linear(r, weight=[[1, 1, 1]]);
            output y;""";

    @Test
    void messagesAvoidedAreWhatTheSameLayerSendsWithoutSigmaDelta() {
        ModelGraph plain = Fixtures.model(MODEL);
        ModelGraph encoded = SigmaDeltaEncoding.apply(plain, 0, Map.of("g", 0.2));
        Target target = Fixtures.target("loihi2");
        SplittableRandom random = new SplittableRandom(5);
        int steps = 60;
        List<double[]> samples = new ArrayList<>();
        double[] all = new double[2 * steps * 3];
        for (int i = 0; i < all.length; i++) all[i] = Math.sin(i / 7.0) + 0.1 * random.nextDouble(); // slow: most steps change little
        for (int s = 0; s < 2; s++) samples.add(java.util.Arrays.copyOfRange(all, s * steps * 3, (s + 1) * steps * 3));
        SequenceBatch batch = SequenceBatch.of(Tensor.of("x", new int[] {2, steps, 3}, all), plain.input(), java.nio.file.Path.of("x.npy"));
        Report without = report(Compiler.compile(plain, target, batch, null).image(), target, samples, steps);
        Report with = report(Compiler.compile(encoded, target, batch, null).image(), target, samples, steps);
        Report.Layer gluWithout = layer(without, "g");
        Report.Layer gluWith = layer(with, "g");
        assertNull(gluWithout.sigmaDelta());
        assertNotNull(gluWith.sigmaDelta());
        assertNull(layer(with, "r").sigmaDelta(), "only g was encoded");
        long sentWithout = messagesOut(without, "g");
        long sentWith = messagesOut(with, "g");
        assertTrue(sentWith < sentWithout / 2, "sigma-delta sends fewer: " + sentWith + " of " + sentWithout);
        assertEquals(sentWithout, sentWith + gluWith.sigmaDelta().messagesAvoided());
        // the value rate with sigma-delta is the rate of sends without it
        assertEquals(gluWithout.spikeRate(), gluWith.sigmaDelta().valueRate(), 1e-12);
        assertTrue(gluWith.sigmaDelta().energySavedPj() > 0);
    }

    private static Report report(ChipImage image, Target target, List<double[]> samples, int steps) {
        ChipSimulator sim = new ChipSimulator(image, target);
        Simulation.Result result = Simulation.run(sim, samples, steps, 1, false, 0, null, null, null);
        return RunReport.of(sim, result, null, 0, null, null);
    }

    private static Report.Layer layer(Report r, String name) {
        return r.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    private static long messagesOut(Report r, String layer) {
        return r.cores().stream().filter(c -> c.layer().equals(layer)).mapToLong(Report.Core::messagesOut).sum();
    }
}
