package io.dendra.compiler.frontend.nir;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What Dendra runs of a NIR graph, node by node: runs it, or not yet (and why); whether a target
 * can run it is the lowering's to say ({@code dendra check --target}); and which recurrent edges it folds into a neuron's recurrent input. Read by the
 * converter before it builds anything and by {@code dendra check}.
 */
public final class NirSupport {
    private NirSupport() {}

    /** Each node's status: null when Dendra runs it, else why not (yet). Also names the recurrent edges. */
    public static Map<String, String> support(NirGraph nir) {
        Map<String, String> status = new LinkedHashMap<>();
        Map<String, String> folded = recurrences(nir);
        Set<NirGraph.Edge> back = nir.backEdges();
        for (NirGraph.Node n : nir.nodes()) {
            String why = switch (n.primitive()) {
                case INPUT, OUTPUT, AFFINE, LINEAR, SCALE, FLATTEN, CONV1D, CONV2D, SUM_POOL2D, AVG_POOL2D -> null;
                case IF -> NirParameters.uniform(n, "v_threshold") && NirParameters.isZero(n.param("v_reset")) ? null
                        : "per-neuron thresholds or a non-zero v_reset are not supported yet";
                case LI, CUBA_LI, I, THRESHOLD, DELAY -> null;
                case LIF -> NirParameters.uniform(n, "tau") && NirParameters.uniform(n, "v_threshold") && NirParameters.isZero(n.param("v_reset")) ? null
                        : "per-neuron tau or threshold, or a non-zero v_reset, are not supported yet";
                case CUBA_LIF -> NirParameters.uniform(n, "tau_syn") && NirParameters.uniform(n, "tau_mem") && NirParameters.uniform(n, "v_threshold") && NirParameters.isZero(n.param("v_reset")) ? null
                        : "per-neuron time constants or threshold, or a non-zero v_reset, are not supported yet";
                case GRAPH -> "a nested graph left unflattened";
            };
            for (NirGraph.Edge e : back) {
                boolean understood = e.from().equals(folded.get(e.to()));
                if (e.to().equals(n.name()) && why == null && !understood) why = "recurrent input from " + e.from() + " is not supported yet";
            }
            status.put(n.name(), why);
        }
        return status;
    }

    /**
     * The recurrences Dendra runs: a LIF or CubaLIF node N fed back by an Affine or Linear node
     * that reads only N and feeds only N. Maps N to that node, which folds into N's recurrent input.
     */
    static Map<String, String> recurrences(NirGraph nir) {
        Map<String, String> folded = new LinkedHashMap<>();
        Map<String, NirGraph.Node> byName = nir.byName();
        for (NirGraph.Edge e : nir.backEdges()) {
            NirGraph.Node to = byName.get(e.to());
            NirGraph.Node from = byName.get(e.from());
            if (to == null || from == null || !(to.primitive() == NirPrimitive.LIF || to.primitive() == NirPrimitive.CUBA_LIF)) continue;
            if (!(from.primitive() == NirPrimitive.AFFINE || from.primitive() == NirPrimitive.LINEAR)) continue;
            long successors = nir.edges().stream().filter(x -> x.from().equals(from.name())).count();
            if (nir.predecessors(from.name()).equals(java.util.List.of(to.name())) && successors == 1) folded.put(to.name(), from.name());
        }
        return folded;
    }
}
