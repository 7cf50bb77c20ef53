package io.dendra.compiler.lowering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.Fixtures;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.network.Connection;
import io.dendra.compiler.network.HostSource;
import io.dendra.compiler.network.LogicalBlock;
import io.dendra.compiler.network.LogicalNetwork;
import io.dendra.compiler.passes.NormFolding;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoweringTest {
    /** A one-layer SpikingSSM with H = 2 and one complex state per channel, BatchNorm after the residual. */
    static final String SSM_LAYER = """
            input x: real[1];
            h = linear(x, weight=[[2], [-1]], bias=[0.5, 0]);
            y = s4d(h, log_dt=[-2, -3], log_A_real=[[-0.7], [-0.7]], A_imag=[[1], [2]], C=[[[[0.5, 0.1]], [[0.3, -0.2]]]], D=[[1, 0.5]]);
            s = lif(y, tau=0.125, threshold=1);
            g = glu(s, weight=[[1, 0], [0, 1], [0.5, 0.5], [-1, 1]], bias=[0, 0, 0, 0]);
            r = h + g;
            n = batchnorm(r, weight=[2, 2], bias=[1, 1], running_mean=[0, 0], running_var=[0.75, 0.75], eps=0.25);
            p = mean_time(n);
            logits = linear(p, weight=[[1, 1]], bias=[0.25]);
            output logits;""";

    @Test
    void spikingSsmLayerBecomesSsmGluSumAndReadoutWithABalancedSkip() {
        LogicalNetwork net = Lowering.lower(NormFolding.apply(Fixtures.model(SSM_LAYER)), Targets.builtIn("loihi2"), false).orThrow();
        assertEquals(4, net.blocks().size());
        LogicalBlock ssm = net.blocks().get(0);
        LogicalBlock glu = net.blocks().get(1);
        LogicalBlock sum = net.blocks().get(2);
        LogicalBlock readout = net.blocks().get(3);
        assertEquals(NeuronProgram.SSM, ssm.program());
        assertEquals(NeuronProgram.GLU, glu.program());
        assertEquals(NeuronProgram.SUM, sum.program());
        assertEquals(NeuronProgram.READOUT, readout.program());
        // One step per hop: the ssm reads the input at 1, the glu its spikes at 2, the sum at 3, the readout at 4.
        assertEquals(1, ssm.startStep());
        assertEquals(2, glu.startStep());
        assertEquals(3, sum.startStep());
        assertEquals(4, readout.startStep());
        // The encoder folds into the ssm's synapses and bias.
        Connection encoder = ssm.inputs().get(0);
        assertTrue(encoder.source() instanceof HostSource);
        assertEquals(2.0, encoder.weight(0, 0));
        assertEquals(0.5, ssm.bias(0, 0));
        // The sum adds the glu output (no delay) and the encoder's skip from the host, delayed by 2 to arrive with it.
        Connection fromGlu = sum.inputs().stream().filter(c -> c.source() == glu).findFirst().orElseThrow();
        Connection skip = sum.inputs().stream().filter(c -> c.source() instanceof HostSource).findFirst().orElseThrow();
        assertEquals(0, fromGlu.delay());
        assertEquals(2, skip.delay());
        assertEquals(-1.0, skip.weight(1, 0));
        assertEquals(0.5, sum.bias(0, 0));
        // The BatchNorm (scale 2, shift 1) and the decoder fold into the readout; its bias goes to the host.
        Connection toReadout = readout.inputs().get(0);
        assertEquals(sum, toReadout.source());
        assertEquals(2.0, toReadout.weight(0, 0));
        assertEquals(OutputMap.Kind.READOUT, net.outputKind());
        assertEquals(0.25 + 1 + 1, net.outputBias()[0], 1e-15);
        // The glu's compartments: a takes rows 0..H-1 of the mix, g rows H..2H-1.
        Connection a = glu.inputs().get(0);
        Connection g = glu.inputs().get(1);
        assertEquals(0, a.compartment());
        assertEquals(1, g.compartment());
        assertEquals(-1.0, g.weight(1, 0));
    }

    private static DendraException refused(String body, Target target) {
        ModelGraph graph = Fixtures.model(body);
        return assertThrows(DendraException.class, () -> Compiler.legality(graph, target).orThrow());
    }

    @Test
    void ssmOnLoihi1IsRefusedForLackOfGradedSpikes() {
        DendraException e = refused(SSM_LAYER, Targets.builtIn("loihi1"));
        assertEquals(ErrorCode.UNSUPPORTED_ON_TARGET, e.code());
        assertTrue(e.getMessage().contains("ssm neurons need graded spikes; target loihi1 has none"), e.getMessage());
        assertTrue(e.getMessage().contains("--target loihi2"), e.getMessage());
    }

    @Test
    void layerNormIsRefused() {
        assertEquals(ErrorCode.LAYERNORM_ON_CHIP, refused("""
                input x: real[2];
                n = layernorm(x, weight=[1, 1], bias=[0, 0]);
                s = lif(n);
                output s;""", Targets.builtIn("loihi2")).code());
    }

    @Test
    void bidirectionalS4dIsRefused() {
        assertEquals(ErrorCode.BIDIRECTIONAL_ON_CHIP, refused("""
                input x: real[1];
                y = s4d(x, log_dt=[-2], log_A_real=[[0]], A_imag=[[1]], C=[[[[1, 0]]], [[[1, 0]]]], D=[[0]]);
                s = lif(y);
                output s;""", Targets.builtIn("loihi2")).code());
    }

    @Test
    void s4dWithoutASomaIsRefused() {
        DendraException e = refused("""
                input x: real[1];
                y = s4d(x, log_dt=[-2], log_A_real=[[0]], A_imag=[[1]], C=[[[1, 0]]], D=[[0]]);
                output y;""", Targets.builtIn("loihi2"));
        assertEquals(ErrorCode.NOT_LOWERABLE, e.code());
        assertTrue(e.getMessage().startsWith("m.dnd:3:"), e.getMessage());
    }

    @Test
    void subtractResetAndTokenInputsAreRefused() {
        assertEquals(ErrorCode.NOT_LOWERABLE, refused("input x: real[1];\ns = lif(x, reset=\"subtract\");\noutput s;", Targets.builtIn("loihi1")).code());
        assertEquals(ErrorCode.NOT_LOWERABLE, refused("input t: tokens[4];\ne = embedding(t, weight=[[1], [2], [3], [4]]);\ns = lif(e);\noutput s;",
                Targets.builtIn("loihi2")).code());
    }

    @Test
    void skipLongerThanTheTargetsDelaysIsRefused() {
        DendraException e = refused(SSM_LAYER, Fixtures.target("loihi2", "delay = 0 .. 62", "delay = 0 .. 1"));
        assertEquals(ErrorCode.DELAY_OUT_OF_RANGE, e.code());
        assertTrue(e.getMessage().contains("needs a delay of 2 steps"), e.getMessage());
    }

    @Test
    void programTheTargetLacksIsRefused() {
        DendraException e = refused(SSM_LAYER, Fixtures.target("loihi2", "programs = lif, ssm, glu, sum, readout",
                "programs = lif, ssm, sum, readout"));
        assertEquals(ErrorCode.UNSUPPORTED_ON_TARGET, e.code());
        assertTrue(e.getMessage().contains("the glu program"), e.getMessage());
    }

    /**
     * Three layers that cannot map, each for its own reason, are all listed, in graph order, and
     * the layers between them are checked on their own: a LayerNorm, a lif that resets by
     * subtraction, and (on a target without the glu program) a GLU after both.
     */
    @Test
    void legalityListsEveryLayerThatCannotMapAtOnce() {
        ModelGraph graph = Fixtures.model("""
                input x: real[2];
                n = layernorm(x, weight=[1, 1], bias=[0, 0]);
                h = linear(n, weight=[[1, 0], [0, 1]]);
                s = lif(h, tau=0.5, threshold=1, reset="subtract");
                t = lif(linear(s, weight=[[1, 1], [1, -1]]), tau=0.5, threshold=1);
                g = glu(t, weight=[[1, 0], [0, 1], [0.5, 0.5], [-1, 1]], bias=[0, 0, 0, 0]);
                output g;""");
        Target noGlu = Fixtures.target("loihi2", "programs = lif, ssm, glu, sum, readout", "programs = lif, ssm, sum, readout");
        Legality.Result result = Compiler.legality(graph, noGlu);
        assertEquals(List.of("n", "s", "g"), result.problems().stream().map(p -> p.node().name()).toList());
        assertEquals(List.of(ErrorCode.LAYERNORM_ON_CHIP, ErrorCode.NOT_LOWERABLE, ErrorCode.UNSUPPORTED_ON_TARGET),
                result.problems().stream().map(Legality.Problem::code).toList());
        DendraException e = assertThrows(DendraException.class, result::orThrow);
        assertEquals(ErrorCode.LAYERNORM_ON_CHIP, e.code());
        assertTrue(e.getMessage().contains("and 2 more layer(s) that cannot map: 'dendra check MODEL --target"), e.getMessage());
        assertTrue(Compiler.legality(Fixtures.model(SSM_LAYER), Targets.builtIn("loihi2")).legal());
    }
}
