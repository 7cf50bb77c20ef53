package io.dendra.cli;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
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

/** {@code dendra reference MODEL --input X.npy -o Y.npy}: runs the float64 reference interpreter. */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = {"Run a model (.dnd, .nir or NetX .net) in its reference semantics (float64; a NetX network in its own integers) on input sequences.",
                "--labels reports a classifier's accuracy; --samples A:B runs a slice of the input."})
final class ReferenceCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "model file (.dnd), NIR graph (.nir) or NetX network (.net)")
    Path model;

    @Option(names = "--input", paramLabel = "X.npy",
            description = "[T, C] or [B, T, C] reals; [T] or [B, T] token ids for an embedding input")
    Path input;

    @Option(names = "--steps", paramLabel = "N", description = "no --input: one sample of N steps of zero input (a network fed by its biases, as a NetX"
            + " network with --input-bias)")
    Integer steps;

    @Option(names = "--threads", paramLabel = "N", description = "threads (default: the machine's cores); results do not depend on it")
    Integer threads;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "Y.npy",
            description = "where to write the outputs: [classes] or [B, classes] for a classifier")
    Path output;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    SampleSelection selection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFiles.require(output, "--output");
        InputFiles.requireOne(input, steps);
        modelOptions.refuseAutoSigmaDelta("reference");
        ModelGraph graph = modelOptions.load(model, spec.commandLine().getOut());
        SequenceBatch all = input != null ? InputFiles.read(input, graph) : InputFiles.zeros(steps, graph.input().width());
        SampleSelection.Selected selected = selection.apply(all, InputFiles.label(input, steps));
        if (selected.labels() != null && graph.sequenceOutput()) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--labels"), "model " + graph.name() + " outputs a sequence, not classes",
                    "--labels is for classifiers");
        }
        SampleSelection.checkClasses(selected, graph.output().width(), selection.labels);
        SequenceBatch batch = selected.batch();
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) throw new DendraException(ErrorCode.USAGE, Place.named("--threads"), "--threads must be at least 1, got " + threadCount, null);
        ReferenceInterpreter.Result run = new ReferenceInterpreter(graph).run(batch, threadCount);
        Tensor result = run.output();
        OutputFiles.writeNpy(output, result);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "reference run of %s: %d sample(s) of %d step(s) -> %s %s%n", graph.name(), batch.size(), batch.steps(), output,
                result.shapeString());
        if (!run.spikeRates().isEmpty()) {
            StringBuilder rates = new StringBuilder("spike rate per step and neuron:");
            run.spikeRates().forEach((layer, rate) -> rates.append(String.format(Locale.ROOT, " %s %.1f%%", layer, 100 * rate)));
            out.println(rates);
        }
        if (!graph.sequenceOutput()) Summaries.printClassifierOutputs(out, result, batch.batched(), selected.first());
        if (selected.labels() != null) {
            int correct = selected.correct(Summaries.rows(result));
            out.printf(Locale.ROOT, "accuracy: %.2f%% (%d of %d sample(s))%n", 100.0 * correct / batch.size(), correct, batch.size());
        }
        out.flush();
        return 0;
    }
}
