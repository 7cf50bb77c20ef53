package io.dendra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dendra.compiler.Compiler;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.ir.DchipFormat;
import io.dendra.targets.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dendra compile MODEL --target T -o OUT.dchip}: compiles a model into a chip image and prints its resources. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a model into a chip image (.dchip) for a target; print cores, memory, placement and quantization error.")
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file (.dnd), NIR graph (.nir) or NetX network (.net)")
    Path model;

    @Mixin
    TargetOption target;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.dchip", description = "the chip image to write")
    Path output;

    @Option(names = "--calibrate", paramLabel = "X.npy", description = "input sequences to calibrate fixed-point scales on "
            + "(default: " + CalibrationInput.DEFAULT_SEQUENCES + " sequences of " + CalibrationInput.DEFAULT_STEPS + " steps uniform in [0, 1))")
    Path calibrate;

    @Option(names = "--report", paramLabel = "FILE.json", description = "also write the resource report as JSON")
    Path report;

    @Option(names = {"-v", "--verbose"}, description = "print each compiler pass with its time")
    boolean verbose;

    @Mixin
    ModelOptions modelOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OutputFiles.require(output, "--output");
        if (report != null) OutputFiles.require(report, "--report");
        Target t = target.load();
        ModelGraph graph = modelOptions.load(model, spec.commandLine().getOut());
        SequenceBatch calibration = CalibrationInput.of(calibrate, graph);
        graph = modelOptions.withAutoSigmaDelta(graph, calibration, out);
        Compiler.Result result = Compiler.compile(graph, t, calibration, verbose ? out::println : null);
        try (OutputFiles.Staged staged = OutputFiles.Staged.files()) {
            staged.bytes(output, DchipFormat.encode(result.image()));
            if (report != null) {
                staged.text(report, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.report()) + "\n");
            }
            staged.commit();
        }
        out.printf(Locale.ROOT, "compiled %s for %s -> %s%n", graph.name(), t.name(), output);
        Summaries.printCompileReport(out, result.report());
        Summaries.printExpandedConvolutions(out, graph, result.report(), t.core().sharedKernels());
        if (calibrate == null) out.println(CalibrationInput.syntheticNote(graph));
        out.flush();
        return 0;
    }

}
