package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.compiler.frontend.ModelLoader;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every NIR file of ../shared/data/nir through the commands a user types: check, compile for loihi2, run against the reference. */
class NirCommandsTest {
    static final Path DATA = CompileCommandTest.ROOT.resolve("../shared/data/nir").normalize();

    @Test
    void everySharedNirFileChecksCompilesForLoihi2AndRuns(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(DATA), "../shared/data/nir is absent");
        List<Path> files;
        try (var walk = Files.walk(DATA)) {
            files = walk.filter(f -> f.toString().endsWith(".nir")).sorted().toList();
        }
        assertEquals(8, files.size());
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".nir", "");
            CommandLineRun check = CommandLineRun.of("check", file.toString(), "--lenient");
            assertEquals(0, check.status(), name + ": " + check.err());
            // spikes at 10% on every input channel, 2 samples of 30 steps
            int width = ModelLoader.load(file, new ModelLoader.Options(1e-4, true)).input().width();
            double[] x = new double[2 * 30 * width];
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < x.length; i++) x[i] = random.nextDouble() < 0.1 ? 1 : 0;
            Path input = dir.resolve(name + ".npy");
            NpyFile.write(input, Tensor.of("x", new int[] {2, 30, width}, x));
            Path image = dir.resolve(name + ".dchip");
            CommandLineRun compile = CommandLineRun.of("compile", file.toString(), "--lenient", "--target", "loihi2", "--calibrate", input.toString(),
                    "-o", image.toString());
            assertEquals(0, compile.status(), name + ": " + compile.err());
            Path out = dir.resolve(name);
            CommandLineRun run = CommandLineRun.of("run", image.toString(), "--input", input.toString(), "--compare", file.toString(), "--lenient",
                    "--no-html", "-q", "-o", out.toString());
            assertEquals(0, run.status(), name + ": " + run.err());
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertEquals(2, report.at("/samples").asInt(), name);
            assertTrue(report.at("/counts/synops_binary").asLong() + report.at("/counts/synops_graded").asLong() > 0, name);
            assertTrue(Files.size(out.resolve("output.npy")) > 0, name);
            JsonNode agreement = report.at("/agreement/spike_agreement");
            assertTrue(agreement.size() > 0, name + ": " + report.at("/agreement"));
            // Single neurons and chains quantize exactly; the braille networks (recurrent, thresholds a
            // fraction of an LSB from their potentials) and the CNN (8-bit weights over 5 x 5 kernels)
            // measured 0.91 .. 0.9991 of (step, neuron) pairs equal.
            double least = name.contains("lif") ? 1.0 : 0.9;
            agreement.fields().forEachRemaining(e -> assertTrue(e.getValue().asDouble() >= least, name + " " + e.getKey() + " " + e.getValue()));
        }
    }
}
