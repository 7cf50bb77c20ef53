package io.dendra.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dendra.cli.Dendra;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dendra sweep IMAGE… --input X.npy -o OUT/ --spark MASTER}: the same evaluation of several
 * chip images (targets, quantization settings) in one Spark application — each image's samples on
 * the cluster as {@code dendra run --spark} runs them — with one report folder per image and a
 * comparison table of them all. The folder appears whole at the end, or not at all.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Evaluate several chip images on the same input on Apache Spark: OUT/NAME/ holds each image's dendra run files,",
                "OUT/comparison.md and OUT/comparison.json compare them (accuracy with --labels, time, energy, work)."})
public final class SweepCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    io.dendra.cli.SweepOptions options;

    @Spec
    CommandSpec spec;

    /** One row of the comparison. */
    record Row(String name, JsonNode report) {}

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        options.requireAll();
        List<Path> images = options.images;
        Path input = options.input, labels = options.labels, output = options.output;
        String samples = options.samples, spark = options.spark;
        boolean noHtml = options.noHtml;
        if (output == null || output.toString().isBlank()) throw new DendraException(ErrorCode.USAGE, Place.named("-o"), "-o is empty", "give a folder name");
        if (Files.exists(output)) {
            throw new DendraException(ErrorCode.USAGE, Place.file(output), "the sweep's output folder exists already", "give a new folder: a sweep writes all of it");
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path image : images) {
            String name = image.getFileName().toString().replaceAll("(?i)\\.dchip$", "");
            if (!image.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".dchip")) {
                throw new DendraException(ErrorCode.USAGE, Place.file(image), "a sweep compares chip images (.dchip)", "compile each model first: dendra compile");
            }
            if (!seen.add(name)) throw new DendraException(ErrorCode.USAGE, Place.file(image), "two images are named " + name, "give each image its own file name");
            names.add(name);
        }
        Path parent = output.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path staging = Files.createTempDirectory(parent, "." + output.getFileName() + ".sweep-");
        boolean done = false;
        try {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                Path folder = staging.resolve(names.get(i));
                List<String> args = new ArrayList<>(List.of("run", images.get(i).toString(), "--input", input.toString(), "-o", folder.toString(),
                        "--spark", spark, "-q"));
                if (labels != null) args.addAll(List.of("--labels", labels.toString()));
                if (samples != null) args.addAll(List.of("--samples", samples));
                if (noHtml) args.add("--no-html");
                out.printf(Locale.ROOT, "sweep: %s (%d of %d)%n", names.get(i), i + 1, images.size());
                out.flush();
                // the image's own run: its error, if any, is the one line the user sees
                int status = Dendra.execute(new DendraSpark(), args.toArray(new String[0]), new PrintWriter(new StringWriter()), spec.commandLine().getErr());
                if (status != 0) return status;
                rows.add(new Row(names.get(i), new ObjectMapper().readTree(folder.resolve("report.json").toFile())));
            }
            String table = table(rows);
            Files.writeString(staging.resolve("comparison.md"), table);
            Files.writeString(staging.resolve("comparison.json"), json(rows));
            Files.move(staging, output, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            out.print(table);
            out.printf(Locale.ROOT, "wrote %s (one folder per image, comparison.md, comparison.json)%n", output);
            return 0;
        } finally {
            if (!done) delete(staging);
        }
    }

    /** The comparison as a Markdown table: per image, its target, cores, accuracy, time and energy per sample, and work. */
    static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        s.append("| image | target | cores | accuracy | µs per sample | µJ per sample | nJ per step | synaptic ops per sample |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            JsonNode j = r.report();
            double samples = j.at("/samples").asDouble();
            JsonNode accuracy = j.at("/accuracy/chip");
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.1f | %.2f | %.1f | %,.0f |%n", r.name(), j.at("/target").asText(),
                    j.at("/cores_used").asInt(), accuracy.isMissingNode() || accuracy.isNull() ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * accuracy.asDouble()),
                    j.at("/time/ns_per_sample").asDouble() / 1e3, j.at("/energy/per_sample_pJ").asDouble() / 1e6, j.at("/energy/per_step_pJ").asDouble() / 1e3,
                    (j.at("/counts/synops_binary").asDouble() + j.at("/counts/synops_graded").asDouble()) / samples));
        }
        return s.toString();
    }

    static String json(List<Row> rows) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (Row r : rows) {
            ObjectNode o = array.addObject();
            o.put("image", r.name());
            o.put("folder", r.name());
            for (String field : List.of("target", "cores_used", "samples")) o.set(field, r.report().get(field));
            o.set("accuracy", r.report().get("accuracy"));
            o.set("time", r.report().get("time"));
            o.set("energy", r.report().get("energy"));
            o.set("counts", r.report().get("counts"));
        }
        return mapper.writeValueAsString(array) + "\n";
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) return;
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary folder named .OUT.sweep-* may stay
        }
    }
}
