package io.dendra.compiler.passes;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.BatchNormNode;
import io.dendra.compiler.graph.EmbeddingNode;
import io.dendra.compiler.graph.GluNode;
import io.dendra.compiler.graph.InputNode;
import io.dendra.compiler.graph.LayerNormNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.MeanTimeNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.graph.SparseLinearNode;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legality stage before lowering: every layer that cannot map to the target, and why, all at
 * once. It walks the graph as lowering will — each value is carried by something the chip sends
 * (the host input or a block of neurons) through affine maps, an S4D waits for its LIF soma, a mean
 * over time for its decoder — and checks each rule lowering relies on: the layer kinds a chip runs,
 * the programs the target has, graded spikes where payloads travel, resets, the delays that balance
 * a residual sum. A refused layer is reported once, with its first reason, and the walk goes on as
 * if it had mapped, so that the layers after it are checked on their own. {@link Lowering} runs
 * only on a graph this stage passed.
 */
public final class Legality {

    /** One layer that cannot map, with the error it gets. */
    public record Problem(ErrorCode code, Node node, String message, String hint) {
        public DendraException exception() {
            return new DendraException(code, node.place(), message, hint);
        }
    }

    /** Every problem of a graph on a target, in graph order. */
    public record Result(String target, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean legal() {
            return problems.isEmpty();
        }

        /** Throws the first problem's error, saying how many more there are and where to list them. */
        public void orThrow() {
            if (problems.isEmpty()) return;
            Problem first = problems.get(0);
            if (problems.size() == 1) throw first.exception();
            String more = " (and " + (problems.size() - 1) + " more layer(s) that cannot map: 'dendra check MODEL --target " + target + "' lists them)";
            throw new DendraException(first.code(), first.node().place(), first.message() + more, first.hint());
        }
    }

    /** What the chip carries for a graph value. */
    private sealed interface Carried permits Value, WaitingSsm, Mean {}

    /** An affine map of what a source sends: graded or spikes, sent at {@code step}; {@code direct}: the source's values themselves. */
    private record Value(boolean graded, int step, boolean direct, boolean input) implements Carried {}

    /** An S4D waiting for the LIF soma it fuses with, its input's source as given. */
    private record WaitingSsm(S4dNode s4d, Value input) implements Carried {}

    /** A mean over time of a value, waiting for the readout. */
    private record Mean() implements Carried {}

    private final Target target;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<Node, Carried> carried = new IdentityHashMap<>();
    private final Map<Node, Integer> consumers = new IdentityHashMap<>();

    private Legality(Target target) {
        this.target = target;
    }

    /**
     * Whether the input is spikes does not change the answer: only a target without graded spikes
     * refuses payloads, and on such a target the host sends spikes either way.
     */
    public static Result check(ModelGraph graph, Target target) {
        Legality l = new Legality(target);
        for (Node node : graph.nodes()) for (Node in : node.inputs()) l.consumers.merge(in, 1, Integer::sum);
        for (Node node : graph.nodes()) l.carried.put(node, l.visit(node));
        l.output(graph.output());
        return new Result(target.name(), l.problems);
    }

    private Carried visit(Node node) {
        if (node instanceof InputNode in) {
            if (in.tokens()) {
                refuse(ErrorCode.NOT_LOWERABLE, node, "token input '" + in.name() + "' needs an embedding lookup, which runs on the host and is not lowered",
                        "feed the embedded vectors as a real input");
            }
            return new Value(target.formats().gradedSpikes(), 0, true, true);
        }
        if (node instanceof LinearNode || node instanceof SparseLinearNode || node instanceof BatchNormNode) {
            Node input = node.inputs().get(0);
            Carried in = carried.get(input);
            if (in instanceof Mean) return in;
            Value v = value(input, in);
            return new Value(v.graded(), v.step(), false, v.input());
        }
        if (node instanceof LayerNormNode n) {
            refuse(ErrorCode.LAYERNORM_ON_CHIP, n, "layer " + n.name() + ": LayerNorm needs the mean and variance of all " + n.width()
                    + " channels at every step, which no neuron sees", null);
            Value v = value(n.input(), carried.get(n.input()));
            return new Value(v.graded(), v.step(), false, v.input());
        }
        if (node instanceof EmbeddingNode n) {
            refuse(ErrorCode.NOT_LOWERABLE, n, "embedding '" + n.name() + "' runs on the host", null);
            return new Value(target.formats().gradedSpikes(), 0, false, true);
        }
        if (node instanceof S4dNode n) {
            if (n.bidirectional()) refuse(ErrorCode.BIDIRECTIONAL_ON_CHIP, n, "layer " + n.name() + ": its backward half needs inputs that arrive later", null);
            if (consumers.getOrDefault(n, 0) != 1) {
                refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": an s4d output must go into exactly one lif soma", null);
            }
            return new WaitingSsm(n, value(n.input(), carried.get(n.input())));
        }
        if (node instanceof LifNode n) {
            Carried in = carried.get(n.input());
            if (in instanceof WaitingSsm ssm) return ssm(ssm, n);
            Value v = value(n.input(), in);
            if (program(NeuronProgram.LIF, n, "LIF neurons")) {
                if (n.reset() != LifNode.Reset.ZERO) {
                    refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": the Loihi lif resets to zero; reset=\"subtract\" has no lowering", null);
                } else if (v.graded()) {
                    graded(n, false);
                }
            }
            return new Value(false, v.step() + 1, true, false);
        }
        if (node instanceof GluNode n) {
            Value v = value(n.input(), carried.get(n.input()));
            program(NeuronProgram.GLU, n, "GLU neurons");
            return new Value(true, v.step() + 1, true, false);
        }
        if (node instanceof AddNode n) {
            if (carried.get(n.left()) instanceof Mean || carried.get(n.right()) instanceof Mean) {
                refuse(ErrorCode.NOT_LOWERABLE, n, "layer " + n.name() + ": additions after mean_time are not lowered", null);
                return new Mean();
            }
            return sum(n.name(), n, List.of(value(n.left(), carried.get(n.left())), value(n.right(), carried.get(n.right()))));
        }
        if (node instanceof MeanTimeNode n) {
            value(n.input(), carried.get(n.input()));
            return new Mean();
        }
        refuse(ErrorCode.NOT_LOWERABLE, node, "layer kind " + node.kind() + " is not lowered", null);
        int step = 0;
        for (Node in : node.inputs()) if (carried.get(in) instanceof Value v) step = Math.max(step, v.step());
        return new Value(true, step + 1, true, false);
    }

    private void output(Node output) {
        Carried out = carried.get(output);
        if (out instanceof Mean) {
            program(NeuronProgram.READOUT, output, "readout neurons");
            return;
        }
        if (out instanceof WaitingSsm) {
            refuse(ErrorCode.NOT_LOWERABLE, output, "an s4d output must go into a lif soma", null);
            return;
        }
        Value v = (Value) out;
        if (!v.direct() || v.input()) sum(output.name() + ".out", output, List.of(v));
    }

    /** The S4D and its soma as one ssm neuron per channel. */
    private Carried ssm(WaitingSsm ssm, LifNode lif) {
        S4dNode s4d = ssm.s4d();
        Value after = new Value(false, ssm.input().step() + 1, true, false);
        if (ssm.input().graded() && !graded(s4d, false)) return after;
        if (!graded(s4d, true) || !program(NeuronProgram.SSM, s4d, "an SSM channel with its LIF soma")) return after;
        if (lif.reset() != LifNode.Reset.ZERO) refuse(ErrorCode.NOT_LOWERABLE, lif, "layer " + lif.name() + ": the ssm soma resets to zero", null);
        return after;
    }

    /** A sum neuron per row; sources that send earlier are delayed to arrive with the latest. */
    private Carried sum(String name, Node node, List<Value> terms) {
        int latest = 0;
        for (Value t : terms) latest = Math.max(latest, t.step());
        Value after = new Value(true, latest + 1, true, false);
        if (!program(NeuronProgram.SUM, node, "a residual sum")) return after;
        for (Value t : terms) if (t.graded() && !graded(node, false)) return after;
        for (Value t : terms) {
            int delay = latest - t.step();
            if (!target.core().delay().contains(delay)) {
                refuse(ErrorCode.DELAY_OUT_OF_RANGE, node, "layer " + name + ": balancing its inputs needs a delay of " + delay + " steps; "
                        + target.name() + " allows " + target.core().delay(), null);
                return after;
            }
        }
        return after;
    }

    /**
     * What a layer reads as an affine map of a chip value. When it is not one (an S4D not read by
     * its soma, a mean over time read by anything but a decoder) the layer it reads is reported and
     * the walk goes on with what that layer would have sent.
     */
    private Value value(Node from, Carried c) {
        if (c instanceof Value v) return v;
        if (c instanceof WaitingSsm ssm) {
            refuse(ErrorCode.NOT_LOWERABLE, from, "layer " + from.name() + ": an s4d output must go into a lif soma", null);
            return new Value(true, ssm.input().step() + 1, true, false);
        }
        refuse(ErrorCode.NOT_LOWERABLE, from, "layer " + from.name() + ": only a linear decoder may follow mean_time on a chip", null);
        return new Value(true, 0, true, false);
    }

    private boolean program(NeuronProgram program, Node where, String what) {
        if (target.supports(program)) return true;
        String programs = String.join(", ", target.programs().stream().map(NeuronProgram::id).sorted().toList());
        refuse(ErrorCode.UNSUPPORTED_ON_TARGET, where, "layer " + where.name() + ": " + what + " need" + (what.endsWith("s") ? "" : "s") + " the "
                + program.id() + " program; target " + target.name() + " runs only " + programs, null);
        return false;
    }

    /** Whether the target carries graded spikes; {@code ssm}: the ssm program's own need. */
    private boolean graded(Node where, boolean ssm) {
        if (target.formats().gradedSpikes()) return true;
        refuse(ErrorCode.UNSUPPORTED_ON_TARGET, where, "layer " + where.name() + ": " + (ssm ? "ssm neurons need" : "needs") + " graded spikes; target "
                + target.name() + " has none", null);
        return false;
    }

    /** Reports a layer, once: its first reason. */
    private void refuse(ErrorCode code, Node node, String message, String hint) {
        for (Problem p : problems) if (p.node() == node) return;
        problems.add(new Problem(code, node, message, hint));
    }
}
