package io.dendra.cli;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.compiler.verify.ReferenceComparison;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.DchipFormat;
import io.dendra.ir.OutputMap;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.RunReport;
import io.dendra.simulator.SampleResult;
import io.dendra.simulator.Simulation;
import io.dendra.simulator.report.HtmlReport;
import io.dendra.simulator.report.Report;
import io.dendra.simulator.report.ReportJson;
import io.dendra.simulator.report.ReportText;
import io.dendra.targets.Target;
import io.dendra.targets.TargetReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
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

/** {@code dendra run IMAGE|MODEL --input X.npy -o OUT/}: simulates a chip image and reports time, energy and sparsity. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Simulate a chip image (.dchip), or a model (.dnd, .nir or NetX .net) compiled in memory for --target, on input sequences.",
                "Writes OUT/output.npy, OUT/report.json, OUT/report.txt (also printed) and OUT/report.html.",
                "--labels reports accuracy (with --compare, the float reference's too); --samples A:B runs a slice of the input."})
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE|MODEL", description = "a chip image (.dchip), a model file (.dnd), a NIR graph (.nir) or a NetX network (.net)")
    Path source;

    @Option(names = "--input", paramLabel = "X.npy", description = "[T, C] or [B, T, C] input sequences")
    Path input;

    @Option(names = "--steps", paramLabel = "N", description = "no --input: one sample of N steps of zero input (a network fed by its biases, as a NetX"
            + " network with --input-bias)")
    Integer steps;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "folder for output.npy, report.json and report.txt")
    Path output;

    @Mixin
    TargetOption target;

    @Option(names = "--calibrate", paramLabel = "X.npy", description = "calibration input when compiling a model (default: as dendra compile)")
    Path calibrate;

    @Option(names = "--compare", paramLabel = "MODEL", description = "also run this model in float64 and report the agreement")
    Path compare;

    @Option(names = "--threads", paramLabel = "N", description = "threads (default: the machine's cores); results do not depend on it")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar")
    boolean quiet;

    @Option(names = "--no-html", description = "do not write report.html")
    boolean noHtml;

    @Option(names = "--profile", description = "also print where the simulator's own time went: each neuron program's kernel (ns per neuron or per complex state), host input, routing, synaptic fan-out (ns per op)")
    boolean profile;

    @Option(names = "--probe", paramLabel = "LAYER[:VARS]|all", split = ";",
            description = "write a layer's state words by name (u, v for a LIF) and what it sends (s) at every step of the --raster-sample, as"
                    + " probes/LAYER.VAR.npy [steps, neurons]; repeatable, 'all' for every layer")
    List<String> probes = new ArrayList<>();

    @Option(names = "--clip-input", description = "saturate input values the chip's input payload cannot carry (default: refuse them)")
    boolean clipInput;

    @Option(names = "--raster-sample", paramLabel = "K", defaultValue = "0", description = "the sample whose spikes the HTML report draws (default: ${DEFAULT-VALUE})")
    int rasterSample;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    SampleSelection selection;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the samples on Apache Spark (local[N], spark://…, yarn); ./dendra starts"
            + " the Spark build for it (docs/spark.md)")
    String spark;

    @Spec
    CommandSpec spec;

    private final SampleRunner runner;

    /** The run, as a user starts it: samples on this machine's threads. */
    public RunCommand() {
        this(new LocalSamples());
    }

    /** The run with its samples simulated by {@code runner} (the Spark edition's, for {@code --spark}). */
    public RunCommand(SampleRunner runner) {
        this.runner = runner;
    }

    private SampleRunner.Request request() {
        return new SampleRunner.Request(spark, compare != null, rasterSample, quiet, spec.commandLine().getOut());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        runner.check(request());
        OutputFiles.require(output, "--output");
        InputFiles.requireOne(input, steps);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) throw new DendraException(ErrorCode.USAGE, Place.named("--threads"), "--threads must be at least 1, got " + threadCount, null);
        ChipImage image;
        Target chip;
        ModelGraph model = null;
        if (source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dchip")) {
            refuseModelOptions();
            image = DchipFormat.read(source);
            chip = embeddedTarget(image);
            io.dendra.simulator.ImageLimits.check(image, chip, source);
        } else {
            model = modelOptions.load(source, spec.commandLine().getOut());
            chip = target.load();
            SequenceBatch calibration = CalibrationInput.of(calibrate, model);
            model = modelOptions.withAutoSigmaDelta(model, calibration, out);
            image = Compiler.compile(model, chip, calibration, null).image();
            out.printf(Locale.ROOT, "compiled %s for %s in memory: %d core(s), pipeline depth %d%n", model.name(), chip.name(), image.cores().size(),
                    image.pipelineDepth());
            if (calibrate == null) out.println(CalibrationInput.syntheticNote(model));
        }
        SequenceBatch all = input != null ? RunInputs.read(input, image) : InputFiles.zeros(steps, image.input().channels());
        SampleSelection.Selected selected = selection.apply(all, InputFiles.label(input, steps));
        SequenceBatch batch = selected.batch();
        if (selected.labels() != null && image.output().kind() == OutputMap.Kind.STREAM) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--labels"), "image " + image.modelName() + " outputs a sequence, not classes",
                    "--labels is for classifiers");
        }
        SampleSelection.checkClasses(selected, image.output().outputs(), selection.labels);
        Report.Inputs inputCheck = RunInputs.checkRange(image, batch, selected.first(), InputFiles.label(input, steps), clipInput, spec.commandLine().getErr());
        if (rasterSample < 0 || rasterSample >= batch.size()) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--raster-sample"), "--raster-sample " + rasterSample + " is not a sample of the input ("
                    + batch.size() + " sample(s))", "give 0 to " + (batch.size() - 1));
        }
        Map<String, List<String>> probed = Probes.parse(probes, image);
        if (compare != null) modelOptions.refuseAutoSigmaDelta("a run of a compiled image");
        ModelGraph reference = compare == null ? null : modelOptions.load(compare, spec.commandLine().getOut());
        try (OutputFiles.Staged staged = OutputFiles.Staged.folder(output, List.of("output.npy", "report.json", "report.txt", "report.html"))) {
            Probes.clearStale(output);
            writeRun(out, staged, image, chip, batch, selected, reference, threadCount, inputCheck, probed);
        }
        out.flush();
        return 0;
    }

    /** Simulates, compares, and stages output.npy and the reports; they move into place only when all are written. */
    private void writeRun(PrintWriter out, OutputFiles.Staged staged, ChipImage image, Target chip, SequenceBatch batch,
            SampleSelection.Selected selected, ModelGraph reference, int threadCount, Report.Inputs inputCheck, Map<String, List<String>> probed) {
        long started = System.nanoTime();
        ReferenceComparison comparison = reference == null ? null : new ReferenceComparison(reference, image, batch, compare);
        // one simulator: its tables serve the run and the report
        ChipSimulator sim = new ChipSimulator(image, chip);
        sim.profileEngine(profile);
        Simulation.Result result = runner.simulate(sim, batch, threadCount, comparison == null ? null : (b, run) -> comparison.accept(b, chipSample(run)),
                request());
        double seconds = (System.nanoTime() - started) / 1e9;
        ReferenceComparison.Result compared = comparison == null ? null : comparison.result();
        Report.Agreement agreement = compared == null ? null : agreement(compared);
        Report.Accuracy accuracy = selected.labels() == null ? null : accuracy(selected, result, compared == null ? null : compared.referenceClasses());
        Report model = RunReport.of(sim, result, agreement, rasterSample, accuracy, inputCheck);

        staged.npy(output.resolve("output.npy"), outputs(image, batch, result.outputs()));
        List<Path> probeFiles = probed.isEmpty() ? List.of() : Probes.write(sim, probed, batch.samples().get(rasterSample), batch.steps(), output, staged);
        staged.text(output.resolve("report.json"), ReportJson.write(model));
        if (!noHtml) staged.text(output.resolve("report.html"), HtmlReport.render(model));
        String text = ReportText.of(model, RunReport.stallsModelled(chip));
        staged.text(output.resolve("report.txt"), text);
        staged.commit();
        out.print(text);
        // what a user waits for, measured on this whole run: steps, and events = synaptic ops + neuron-program ops (an ssm's state updates included)
        long events = result.counters().synopsBinary() + result.counters().synopsGraded() + result.counters().neuronOps();
        out.printf(Locale.ROOT, "simulated in %.2f s %s%s: %,.0f steps per second, %.3g events per second (synaptic and neuron-program ops)%n",
                seconds, runner.where(request(), Simulation.threadsUsed(batch.size(), threadCount)), compare == null ? "" : ", the float reference beside it", result.counters().steps() / seconds, events / seconds);
        if (result.profile() != null) out.print(result.profile().text(sim, result.counters()));
        else if (profile) out.println("engine profile: not kept when the samples run on Spark");
        out.printf(Locale.ROOT, "wrote %s, %s, %s%s%n", output.resolve("output.npy"), output.resolve("report.json"), output.resolve("report.txt"),
                noHtml ? "" : ", " + output.resolve("report.html"));
        if (!probeFiles.isEmpty()) out.printf(Locale.ROOT, "wrote %d probe(s) of sample %d in %s%n", probeFiles.size(), rasterSample, output.resolve(Probes.FOLDER));
    }

    /** Options that shape a compile mean nothing for an image, which was compiled already: say so rather than ignore them. */
    private void refuseModelOptions() {
        var parsed = spec.commandLine().getParseResult();
        boolean nirModel = compare != null && compare.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nir");
        boolean netxModel = compare != null && compare.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".net");
        for (String option : List.of("--target", "--calibrate", "--dt", "--strict", "--lenient", "--reset-interval", "--reset-offset", "--input-bias", "--spike-exp", "--sigma-delta", "--sigma-delta-cumulative", "--sigma-delta-budget")) {
            if (!parsed.hasMatchedOption(option)) continue;
            if (nirModel && (option.equals("--dt") || option.equals("--strict") || option.equals("--lenient"))) continue;
            if (netxModel && (option.startsWith("--reset-") || option.equals("--input-bias") || option.equals("--spike-exp"))) continue;
            if (compare != null && option.startsWith("--sigma-delta")) continue; // the compared model is read with it
            throw new DendraException(ErrorCode.USAGE, Place.named(option), option + " does not apply to a chip image: " + source
                    + " was compiled already, with its target inside it", option.equals("--target") || option.equals("--calibrate")
                    ? "compile the model again with " + option + ", or run the model file with " + option + " to compile it in memory"
                    : option + " applies when a " + (option.startsWith("--reset-") || option.equals("--input-bias") || option.equals("--spike-exp") ? "NetX" : "NIR") + " model is read");
        }
    }

    private Target embeddedTarget(ChipImage image) {
        try {
            return TargetReader.parse(image.targetText(), Path.of(source + " (embedded target " + image.targetName() + ")"));
        } catch (DendraException e) {
            throw new DendraException(ErrorCode.IMAGE_TARGET, Place.file(source), "its embedded target does not parse: " + e.diagnostic().message(), null);
        }
    }

    /** Outputs shaped as dendra reference shapes them: [classes] or [T, C], with a batch axis for a batch. */
    private static Tensor outputs(ChipImage image, SequenceBatch batch, List<double[]> perSample) {
        int k = image.output().outputs();
        boolean stream = image.output().kind() == OutputMap.Kind.STREAM;
        int each = stream ? batch.steps() * k : k;
        int[] sampleShape = stream ? new int[] {batch.steps(), k} : new int[] {k};
        int[] shape = sampleShape;
        if (batch.batched()) {
            shape = new int[sampleShape.length + 1];
            shape[0] = perSample.size();
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        }
        double[] values = new double[each * perSample.size()];
        for (int b = 0; b < perSample.size(); b++) System.arraycopy(perSample.get(b), 0, values, b * each, each);
        return new Tensor("output", DType.F64, shape, values);
    }

    /** Chip accuracy against the labels and, when the reference ran, its accuracy and the samples where the two classes differ. */
    private static Report.Accuracy accuracy(SampleSelection.Selected selected, Simulation.Result result, int[] referenceClasses) {
        int[] labels = selected.labels();
        int chip = selected.correct(result.outputs());
        if (referenceClasses == null) return Report.Accuracy.of(labels.length, chip, null, null);
        int reference = 0;
        int disagree = 0;
        for (int b = 0; b < labels.length; b++) {
            if (referenceClasses[b] == labels[b]) reference++;
            if (referenceClasses[b] != SampleSelection.argmax(result.outputs().get(b))) disagree++;
        }
        return Report.Accuracy.of(labels.length, chip, reference, disagree);
    }

    /** What the comparison found, as the report shows it. */
    private static Report.Agreement agreement(ReferenceComparison.Result r) {
        Map<String, Report.Spikes> spikes = new LinkedHashMap<>();
        r.spikes().forEach((name, m) -> spikes.put(name, new Report.Spikes(m.agreement(), m.precision(), m.recall(), m.f1(), m.countRatio(),
                m.firstDivergentStep())));
        return new Report.Agreement(r.maxAbsError(), r.relError(), r.argmaxAgreement(), spikes);
    }

    /** A simulated sample as the comparison reads it. */
    private static ReferenceComparison.ChipSample chipSample(SampleResult run) {
        return new ReferenceComparison.ChipSample() {
            @Override
            public double[] output() {
                return run.output();
            }

            @Override
            public boolean spiked(int core, int step, int neuron) {
                return run.spiked(core, step, neuron);
            }
        };
    }
}
