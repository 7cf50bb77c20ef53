package io.dendra.cli;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.frontend.netx.NetxConverter;
import io.dendra.compiler.frontend.nir.NirGraph;
import io.dendra.compiler.frontend.nir.NirReader;
import io.dendra.compiler.frontend.nir.NirSupport;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.lowering.Legality;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.Place;
import io.dendra.targets.Target;
import io.dendra.targets.Targets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dendra check MODEL [--target T]}: validates a model and prints its layers, shapes and
 * parameter count; with a target, also every layer that cannot map to it and why, all at once.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a model; print its layers, shapes and parameter count; "
        + "with --target, list every layer that cannot map to that chip.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file (.dnd), NIR graph (.nir) or NetX network (.net)")
    Path model;

    @Option(names = "--target", paramLabel = "NAME|FILE", description = "also check that every layer maps to this target "
            + "(a built-in target: loihi1, loihi1_sanafe, loihi2, or a .target file)")
    String target;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Target chip = target == null ? null : Targets.load(target);
        if (model.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".nir")) printNir(out);
        if (model.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".net")) refuseUnsupportedNetx(out);
        modelOptions.refuseAutoSigmaDelta("check");
        ModelGraph graph = modelOptions.load(model, spec.commandLine().getOut());
        Legality.Result legality = chip == null ? null : Compiler.legality(graph, chip);
        // "ok" only when nothing below will refuse the model
        out.printf(Locale.ROOT, "model %s (%s): %s%n", graph.name(), model, legality == null || legality.legal() ? "ok"
                : legality.problems().size() + " layer(s) cannot map to " + chip.name() + " (listed below)");
        out.printf(Locale.ROOT, "  %-28s %-10s %-14s %12s%n", "layer", "kind", "shape", "parameters");
        for (Node node : graph.nodes()) {
            out.printf(Locale.ROOT, "  %-28s %-10s %-14s %,12d%s%n", node.name(), node.kind(), shape(node), node.parameterCount(), detail(node));
        }
        out.printf(Locale.ROOT, "output: %s %s%n", graph.output().name(), shape(graph.output()));
        out.printf(Locale.ROOT, "parameters: %,d%n", graph.parameterCount());
        if (chip != null) checkTarget(out, graph, chip, legality);
        out.flush();
        return 0;
    }

    /** Lists every layer that cannot map to the target; refuses the model (exit 1) when there is one. */
    private void checkTarget(PrintWriter out, ModelGraph graph, Target chip, Legality.Result legality) {
        if (legality.legal()) {
            out.printf(Locale.ROOT, "target %s: every layer maps%n", chip.name());
            return;
        }
        List<Legality.Problem> problems = legality.problems();
        out.printf(Locale.ROOT, "target %s: %d layer(s) cannot map%n", chip.name(), problems.size());
        for (Legality.Problem p : problems) out.printf(Locale.ROOT, "  %s%n", p.exception().getMessage());
        out.flush();
        Legality.Problem first = problems.get(0);
        throw new DendraException(first.code(), Place.file(model), problems.size() + " layer(s) of " + graph.name() + " cannot map to " + chip.name()
                + " (listed above)", "change those layers, or choose a target that runs them ('dendra targets' lists them)");
    }

    /** Every layer of a NetX network that uses what Dendra does not run yet, one line each, then refuses it (exit 1). */
    private void refuseUnsupportedNetx(PrintWriter out) {
        List<DendraException> problems = NetxConverter.unsupported(model);
        if (problems.isEmpty()) return;
        out.printf(Locale.ROOT, "NetX network %s: %d layer(s) use what Dendra does not run yet%n", model, problems.size());
        for (DendraException p : problems) out.printf(Locale.ROOT, "  %s%n", p.getMessage());
        out.flush();
        throw new DendraException(problems.get(0).diagnostic().code(), Place.file(model), problems.size() + " layer(s) use what Dendra does not run yet (listed above)",
                "docs/netx.md lists what Dendra runs");
    }

    /** Every node of a NIR graph, its parameters' shapes and whether Dendra runs it; printed before converting. */
    private void printNir(PrintWriter out) {
        NirGraph nir = NirReader.read(model, modelOptions.options().lenient());
        Map<String, String> status = NirSupport.support(nir);
        out.printf(Locale.ROOT, "NIR graph %s (version %s): %d node(s), %d edge(s)%n", model, nir.version(), nir.nodes().size(), nir.edges().size());
        out.printf(Locale.ROOT, "  %-18s %-10s %-28s %s%n", "node", "type", "parameters", "status");
        for (NirGraph.Node n : nir.nodes()) {
            StringBuilder params = new StringBuilder();
            n.params().forEach((k, t) -> params.append(params.isEmpty() ? "" : " ").append(k).append(t.rank() == 0 ? "" : t.shapeString()));
            String why = status.get(n.name());
            out.printf(Locale.ROOT, "  %-18s %-10s %-28s %s%n", n.name(), n.type(), params.length() > 28 ? params.substring(0, 25) + "..." : params,
                    why != null ? "not yet: " + why : "ok");
        }
        for (NirGraph.Edge e : nir.backEdges()) out.printf(Locale.ROOT, "  recurrent edge %s -> %s (reads the previous step)%n", e.from(), e.to());
        out.flush();
    }

    static String shape(Node node) {
        return node.timing() == Node.Timing.SEQUENCE ? "[T, " + node.width() + "]" : "[" + node.width() + "]";
    }

    private static String detail(Node node) {
        if (node instanceof S4dNode s) {
            return "  N=" + 2 * s.states() + (s.bidirectional() ? ", bidirectional" : "") + (s.kernel() == S4dNode.Kernel.TRAINABLE_B ? ", trainable B" : "");
        }
        if (node instanceof io.dendra.compiler.graph.LifNode l) {
            return "  tau=" + l.tau() + ", threshold=" + l.threshold() + ", reset " + l.reset().name().toLowerCase(Locale.ROOT);
        }
        if (node instanceof io.dendra.compiler.graph.InputNode in && in.tokens()) return "  vocabulary " + in.vocabulary();
        return "";
    }
}
