package io.dendra.cli;

import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendra check MODEL}: validates a model and prints its layers, shapes and parameter count. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Validate a model; print its layers, shapes and parameter count.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file (.dnd)")
    Path model;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelGraph graph = ModelLoader.load(model);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("model %s (%s): ok%n", graph.name(), model);
        out.printf("  %-28s %-10s %-14s %12s%n", "layer", "kind", "shape", "parameters");
        for (Node node : graph.nodes()) {
            out.printf("  %-28s %-10s %-14s %,12d%s%n", node.name(), node.kind(), shape(node), node.parameterCount(), detail(node));
        }
        out.printf("output: %s %s%n", graph.output().name(), shape(graph.output()));
        out.printf("parameters: %,d%n", graph.parameterCount());
        out.flush();
        return 0;
    }

    static String shape(Node node) {
        return node.timing() == Node.Timing.SEQUENCE ? "[T, " + node.width() + "]" : "[" + node.width() + "]";
    }

    private static String detail(Node node) {
        if (node instanceof S4dNode s) {
            return "  N=" + 2 * s.states() + (s.bidirectional() ? ", bidirectional" : "") + (s.kernel() == S4dNode.Kernel.TRAINABLE_B ? ", trainable B" : "");
        }
        if (node instanceof io.dendra.compiler.graph.LifNode l) {
            return "  tau=" + l.tau() + ", threshold=" + l.threshold() + ", reset " + l.reset().name().toLowerCase();
        }
        if (node instanceof io.dendra.compiler.graph.InputNode in && in.tokens()) return "  vocabulary " + in.vocabulary();
        return "";
    }
}
