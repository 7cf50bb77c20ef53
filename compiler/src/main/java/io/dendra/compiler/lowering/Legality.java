package io.dendra.compiler.lowering;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.targets.Target;
import java.util.List;

/**
 * Every layer that cannot map to a target, and why, all at once: what the lowering patterns
 * reported while lowering the graph ({@link Lowering}), each layer once with its first reason.
 */
public final class Legality {
    private Legality() {}

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

    /**
     * The layers of a graph (norms folded) that cannot map to {@code target}. Whether the input is
     * spikes does not change the answer: only a target without graded spikes refuses payloads, and
     * on such a target the host sends spikes either way.
     */
    public static Result check(ModelGraph graph, Target target) {
        return Lowering.lower(graph, target, false).legality();
    }
}
