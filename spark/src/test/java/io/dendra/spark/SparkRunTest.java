package io.dendra.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.cli.Dendra;
import io.dendra.ir.ChipImage;
import io.dendra.ir.DchipFormat;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.Counters;
import io.dendra.simulator.Simulation;
import io.dendra.targets.Target;
import io.dendra.targets.TargetReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dendra run --spark local[2]} against the threaded run on the bundled lif example: the same
 * files, byte for byte; a partition that fails once is retried and changes nothing; and the merge on
 * hand-made partition results. One Spark context serves every test.
 */
class SparkRunTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String MODEL = ROOT.resolve("examples/lif-chain/model.dnd").toString();
    static final String SAMPLES = ROOT.resolve("examples/lif-chain/samples.npy").toString();
    static final String MASTER = "local[2,3]"; // 2 threads, a task may fail up to 3 times

    @TempDir
    static Path dir;
    static Path image;

    @BeforeAll
    static void compile() {
        image = dir.resolve("lif.dchip");
        assertEquals(0, run(new String[] {"compile", MODEL, "--target", "loihi1", "--calibrate", SAMPLES, "-o", image.toString()}, false));
    }

    @AfterAll
    static void stopSpark() {
        SparkEvaluation.stop();
    }

    @Test
    void sparkWritesWhatTheThreadedRunWrites() throws Exception {
        Path threaded = dir.resolve("threaded");
        Path spark = dir.resolve("spark");
        assertEquals(0, run(new String[] {"run", image.toString(), "--input", SAMPLES, "-o", threaded.toString(), "--threads", "2", "-q"}, false));
        assertEquals(0, run(new String[] {"run", image.toString(), "--input", SAMPLES, "-o", spark.toString(), "--spark", MASTER, "-q"}, true));
        for (String file : List.of("output.npy", "report.json", "report.txt", "report.html")) {
            assertArrayEquals(Files.readAllBytes(threaded.resolve(file)), Files.readAllBytes(spark.resolve(file)), file);
        }
    }

    @Test
    void aPartitionThatFailsOnceIsRetriedAndTheResultIsExact() throws Exception {
        ChipImage chip = DchipFormat.read(image);
        Target target = TargetReader.parse(chip.targetText(), Path.of("t.target"));
        List<double[]> samples = io.dendra.compiler.reference.SequenceBatch.of(io.dendra.compiler.tensor.NpyFile.read(Path.of(SAMPLES)),
                io.dendra.compiler.frontend.ModelLoader.load(Path.of(MODEL)).input(), Path.of(SAMPLES)).samples();
        int steps = 200;
        Simulation.Result threaded = Simulation.run(chip, target, samples, steps, 2, false, 0, null, null);
        var sc = SparkEvaluation.context(MASTER);
        sc.sc().conf().set(SparkEvaluation.FAIL_ONCE, "1"); // on the live configuration (getConf() returns a copy)
        int failedBefore = SparkEvaluation.FORCED_FAILURES.get();
        try {
            Simulation.Result spark = SparkEvaluation.run(MASTER, chip, target, samples, steps, 0, null);
            assertEquals(failedBefore + 1, SparkEvaluation.FORCED_FAILURES.get(), "partition 1 failed its first attempt");
            assertEquals(threaded.outputs().size(), spark.outputs().size());
            for (int i = 0; i < samples.size(); i++) assertArrayEquals(threaded.outputs().get(i), spark.outputs().get(i), "sample " + i);
            assertEquals(threaded.counters().synopsBinary(), spark.counters().synopsBinary());
            assertEquals(threaded.counters().messages(), spark.counters().messages());
            assertArrayEquals(threaded.rasterRun().stepFs(), spark.rasterRun().stepFs());
        } finally {
            sc.sc().conf().remove(SparkEvaluation.FAIL_ONCE);
        }
    }

    /** Input and output as file-system URIs (file:/// here; hdfs:// and s3a:// go the same way): the same files as a local run. */
    @Test
    void urisAreReadAndWrittenThroughTheFileSystem() throws Exception {
        Path local = dir.resolve("local-paths");
        assertEquals(0, run(new String[] {"run", image.toString(), "--input", SAMPLES, "-o", local.toString(), "--spark", MASTER, "-q", "--no-html"}, true));
        Path remote = dir.resolve("uri-paths");
        StringWriter err = new StringWriter();
        int status = DendraSpark.execute(new String[] {"run", image.toString(), "--input", Path.of(SAMPLES).toUri().toString(), "-o", remote.toUri().toString(),
            "--spark", MASTER, "-q", "--no-html"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, status, err.toString());
        for (String file : List.of("output.npy", "report.json", "report.txt")) {
            assertArrayEquals(Files.readAllBytes(local.resolve(file)), Files.readAllBytes(remote.resolve(file)), file);
        }
        long copiesBefore = temporaryCopies();
        StringWriter again = new StringWriter();
        assertEquals(1, DendraSpark.execute(new String[] {"run", image.toString(), "--input", Path.of(SAMPLES).toUri().toString(), "-o", remote.toUri().toString(),
            "--spark", MASTER, "-q"}, new PrintWriter(new StringWriter()), new PrintWriter(again)));
        assertTrue(again.toString().contains("exists already"), again.toString());
        assertEquals(copiesBefore, temporaryCopies(), "a refused output leaves no temporary copy of the input");
    }

    /** A sample that fails every attempt: the job fails with one line naming the sample, and writes nothing. */
    @Test
    void aSampleThatAlwaysFailsIsNamedAndNothingIsWritten() {
        Path out = dir.resolve("failed");
        var sc = SparkEvaluation.context(MASTER);
        sc.sc().conf().set(SparkEvaluation.FAIL_SAMPLE, "2");
        try {
            StringWriter err = new StringWriter();
            int status = Dendra.execute(new DendraSpark(), new String[] {"run", image.toString(), "--input", SAMPLES, "-o", out.toString(), "--spark", MASTER,
                "-q"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertEquals(1, status);
            String line = err.toString().strip();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains("error[E0007]") && line.contains("sample 2: fails every attempt"), line);
            assertTrue(!Files.exists(out), "nothing written");
        } finally {
            sc.sc().conf().remove(SparkEvaluation.FAIL_SAMPLE);
        }
    }

    /** A sweep over two images (the lif example priced by loihi1 and by loihi1_sanafe): one run folder each, equal to a run alone, and the table. */
    @Test
    void aSweepWritesOneRunPerImageAndTheComparison() throws Exception {
        Path sanafe = dir.resolve("lif_sanafe.dchip");
        assertEquals(0, run(new String[] {"compile", MODEL, "--target", "loihi1_sanafe", "--calibrate", SAMPLES, "-o", sanafe.toString()}, false));
        Path alone = dir.resolve("alone");
        assertEquals(0, run(new String[] {"run", sanafe.toString(), "--input", SAMPLES, "-o", alone.toString(), "--threads", "2", "-q", "--no-html"}, false));
        Path out = dir.resolve("sweep");
        assertEquals(0, run(new String[] {"sweep", image.toString(), sanafe.toString(), "--input", SAMPLES, "-o", out.toString(), "--spark", MASTER,
            "--no-html"}, true));
        assertArrayEquals(Files.readAllBytes(alone.resolve("report.json")), Files.readAllBytes(out.resolve("lif_sanafe/report.json")));
        assertTrue(Files.exists(out.resolve("lif/output.npy")));
        List<String> table = Files.readAllLines(out.resolve("comparison.md"));
        assertEquals(4, table.size(), table.toString());
        assertTrue(table.get(2).startsWith("| lif | loihi1 |") && table.get(3).startsWith("| lif_sanafe | loihi1_sanafe |"), table.toString());
        // a sweep into an existing folder is refused, and a failing image leaves no folder
        StringWriter err = new StringWriter();
        assertEquals(2, Dendra.execute(new DendraSpark(), new String[] {"sweep", image.toString(), "--input", SAMPLES, "-o", out.toString(), "--spark", MASTER},
                new PrintWriter(new StringWriter()), new PrintWriter(err)));
        assertTrue(err.toString().contains("error[E0001]"), err.toString());
        Path failed = dir.resolve("failed-sweep");
        assertEquals(1, Dendra.execute(new DendraSpark(), new String[] {"sweep", image.toString(), dir.resolve("missing.dchip").toString(), "--input", SAMPLES,
            "-o", failed.toString(), "--spark", MASTER}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        assertTrue(!Files.exists(failed), "nothing written");
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".sweep-")), "no staging folder left");
        }
    }

    /** What the Spark edition refuses: one line each, with its code and a hint, and nothing written. */
    @Test
    void refusalsAreOneLineWithAHint() {
        Path out = dir.resolve("refused");
        String[][] cases = {
            {"E0001", "--compare does not run on Spark yet", "run", image.toString(), "--input", SAMPLES, "-o", out.toString(), "--spark", MASTER,
                "--compare", MODEL},
            {"E0001", "the Spark edition of dendra run needs --spark MASTER", "run", image.toString(), "--input", SAMPLES, "-o", out.toString()},
            {"E0001", "a sweep compares chip images (.dchip)", "sweep", MODEL, "--input", SAMPLES, "-o", out.toString(), "--spark", MASTER},
            {"E0101", "does not exist", "run", image.toString(), "--input", dir.resolve("absent.npy").toUri().toString(), "-o", out.toString(),
                "--spark", MASTER},
        };
        for (String[] c : cases) {
            StringWriter err = new StringWriter();
            int status = DendraSpark.execute(java.util.Arrays.copyOfRange(c, 2, c.length), new PrintWriter(new StringWriter()), new PrintWriter(err));
            String line = err.toString().strip();
            assertEquals(c[0].equals("E0001") ? 2 : 1, status, line); // 2 for a usage mistake
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains("error[" + c[0] + "]") && line.contains(c[1]) && line.contains("; hint: "), line);
            assertTrue(!Files.exists(out), "nothing written");
        }
    }

    /** Two hand-made partitions, given out of order: outputs in sample order, counts added, the raster from the one that drew it. */
    @Test
    void mergeOrdersTheSamplesAndAddsTheCounts() throws Exception {
        ChipImage chip = DchipFormat.read(image);
        Target target = TargetReader.parse(chip.targetText(), Path.of("t.target"));
        ChipSimulator sim = new ChipSimulator(chip, target);
        double[] a = new double[200 * 16];
        double[] b = new double[200 * 16];
        for (int i = 0; i < a.length; i += 7) a[i] = 1;
        for (int i = 0; i < b.length; i += 5) b[i] = 1;
        io.dendra.simulator.SampleResult ra = sim.run(a, 200, true);
        io.dendra.simulator.SampleResult rb = sim.run(b, 200, false);
        var first = new SparkEvaluation.PartitionResult(0, new double[][] {ra.output()}, ra.counters(), ra.raster());
        var second = new SparkEvaluation.PartitionResult(1, new double[][] {rb.output()}, rb.counters(), null);
        Simulation.Result merged = SparkEvaluation.merge(List.of(second, first), chip.cores().size(), 200);
        assertArrayEquals(ra.output(), merged.outputs().get(0));
        assertArrayEquals(rb.output(), merged.outputs().get(1));
        assertEquals(ra.counters().synopsBinary() + rb.counters().synopsBinary(), merged.counters().synopsBinary());
        assertEquals(ra.counters().steps() + rb.counters().steps(), merged.counters().steps());
        assertArrayEquals(ra.stepFs(), merged.rasterRun().stepFs());
        for (int t = 0; t < 200; t++) assertEquals(ra.sends(0, t), merged.rasterRun().sends(0, t));
    }

    private static long temporaryCopies() throws java.io.IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("dendra-spark-")).count();
        }
    }

    private static int run(String[] args, boolean spark) {
        StringWriter err = new StringWriter();
        int status = spark ? Dendra.execute(new DendraSpark(), args, new PrintWriter(new StringWriter()), new PrintWriter(err))
                : Dendra.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertTrue(status == 0, String.join(" ", args) + ": " + err);
        return status;
    }
}
