package io.dendra.spark;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.DchipFormat;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.Counters;
import io.dendra.simulator.RasterRun;
import io.dendra.simulator.SampleResult;
import io.dendra.simulator.Simulation;
import io.dendra.targets.Target;
import io.dendra.targets.TargetPrinter;
import io.dendra.targets.TargetReader;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One chip image evaluated on a set of samples with Apache Spark: the samples are cut into
 * contiguous ranges, one per partition; each task builds the simulator once and runs its samples
 * one after another; the driver merges the partitions' results in sample order with the same
 * arithmetic as a threaded run (counts are sums of integers, so the merge is exact whatever order
 * partitions finish in, and whichever attempt of a retried task is kept).
 */
public final class SparkEvaluation {
    /** A Spark configuration key for tests: the first attempt of this partition fails, so that Spark retries it. */
    public static final String FAIL_ONCE = "spark.dendra.test.failOncePartition";
    /** A Spark configuration key for tests: this sample fails every attempt, so that the job fails. */
    public static final String FAIL_SAMPLE = "spark.dendra.test.failSample";

    /** A sample that could not be run, by index: what the driver's one line quotes. */
    static final class SampleFailure extends RuntimeException {
        SampleFailure(int sample, Throwable cause) {
            super("sample " + sample + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage().lines().findFirst().orElse("")));
        }
    }

    /** One partition's share of the samples: the index of its first one, and their values. */
    record Slice(int first, double[][] samples) implements Serializable {}

    /** What a partition sends back: its samples' outputs, their counts added, and the raster run if it holds that sample. */
    public record PartitionResult(int first, double[][] outputs, Counters counters, RasterRun.Snapshot raster) implements Serializable {}

    /** How many first attempts {@link #FAIL_ONCE} has failed in this process (local mode: the executors are this JVM). */
    static final java.util.concurrent.atomic.AtomicInteger FORCED_FAILURES = new java.util.concurrent.atomic.AtomicInteger();

    private static JavaSparkContext shared;

    private SparkEvaluation() {}

    /** The Spark context for {@code master}: one per process, shared by every evaluation (and every test). */
    static synchronized JavaSparkContext context(String master) {
        if (shared == null || shared.sc().isStopped()) {
            SparkConf conf = new SparkConf().setAppName("dendra run").setMaster(master).set("spark.ui.enabled", "false")
                    .set("spark.ui.showConsoleProgress", "false");
            shared = new JavaSparkContext(org.apache.spark.SparkContext.getOrCreate(conf));
            // Inside this process Spark's own log would add lines to dendra's one-line errors; on a cluster it is the place to look.
            shared.setLogLevel(master.startsWith("local") ? "OFF" : "WARN");
        } else if (!shared.master().equals(master)) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--spark"), "this process already runs Spark on " + shared.master() + ", not "
                    + master, "run one master per process");
        }
        return shared;
    }

    /** Stops the shared context, if any. */
    public static synchronized void stop() {
        if (shared != null) shared.stop();
        shared = null;
    }

    /**
     * Runs every sample on Spark and merges the results: the outputs in sample order, the counts
     * summed, the raster of {@code rasterSample}. {@code progress} (when not null) hears the
     * partitions as they finish.
     */
    public static Simulation.Result run(String master, ChipImage image, Target target, List<double[]> samples, int steps, int rasterSample,
            PrintWriter progress) {
        JavaSparkContext sc = context(master);
        int partitions = Math.max(1, Math.min(samples.size(), 2 * sc.defaultParallelism()));
        List<Slice> slices = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) samples.size() * p / partitions);
            int to = (int) ((long) samples.size() * (p + 1) / partitions);
            slices.add(new Slice(from, samples.subList(from, to).toArray(new double[0][])));
        }
        Broadcast<byte[]> imageBytes = sc.broadcast(DchipFormat.encode(image));
        Broadcast<String> targetText = sc.broadcast(TargetPrinter.text(target));
        int failOnce = sc.getConf().getInt(FAIL_ONCE, -1);
        int failSample = sc.getConf().getInt(FAIL_SAMPLE, -1);
        sc.setJobDescription("dendra run " + image.modelName() + " on " + samples.size() + " sample(s)");
        Progress watcher = progress == null ? null : Progress.start(sc, partitions, progress);
        List<PartitionResult> parts;
        try {
            parts = sc.parallelize(slices, partitions)
                    .mapPartitions(it -> evaluate(it, imageBytes.value(), targetText.value(), steps, rasterSample, failOnce, failSample))
                    .collect();
        } catch (Exception e) { // SparkException is checked, but Scala throws it from collect() undeclared
            if (e instanceof DendraException d) throw d;
            throw new DendraException(ErrorCode.SPARK_JOB, Place.named("--spark " + master), firstLine(e), null);
        } finally {
            if (watcher != null) watcher.stop();
        }
        return merge(parts, image.cores().size(), steps);
    }

    /** On an executor: one simulator for the partition, its samples one after another. */
    static Iterator<PartitionResult> evaluate(Iterator<Slice> slices, byte[] imageBytes, String targetText, int steps, int rasterSample,
            int failOnce, int failSample) {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == failOnce && task.attemptNumber() == 0) {
            FORCED_FAILURES.incrementAndGet();
            throw new IllegalStateException("partition " + failOnce + " fails its first attempt (" + FAIL_ONCE + ")");
        }
        ChipImage image = DchipFormat.decode(imageBytes, Path.of("image.dchip"));
        Target target = TargetReader.parse(targetText, Path.of(image.targetName() + ".target"));
        ChipSimulator sim = new ChipSimulator(image, target);
        List<PartitionResult> results = new ArrayList<>();
        try {
            runSlices(sim, slices, steps, rasterSample, failSample, results);
        } finally {
            // an executor's thread runs many partitions: do not keep this one's workspace
            sim.releaseWorkspace();
        }
        return results.iterator();
    }

    private static void runSlices(ChipSimulator sim, Iterator<Slice> slices, int steps, int rasterSample, int failSample, List<PartitionResult> results) {
        int cores = sim.image().cores().size();
        while (slices.hasNext()) {
            Slice slice = slices.next();
            Counters counters = Counters.empty(cores);
            double[][] outputs = new double[slice.samples().length][];
            RasterRun.Snapshot raster = null;
            for (int i = 0; i < outputs.length; i++) {
                int sample = slice.first() + i;
                boolean drawn = sample == rasterSample;
                SampleResult run;
                try {
                    if (sample == failSample) throw new IllegalStateException("fails every attempt (" + FAIL_SAMPLE + ")");
                    run = sim.run(slice.samples()[i], steps, drawn);
                } catch (RuntimeException e) {
                    throw new SampleFailure(sample, e);
                }
                outputs[i] = run.output();
                counters.add(run.counters());
                if (drawn) raster = run.raster();
            }
            results.add(new PartitionResult(slice.first(), outputs, counters, raster));
        }
    }

    /** The partitions' results as one run's: outputs in sample order, counts added, the raster of the partition that drew it. */
    public static Simulation.Result merge(List<PartitionResult> parts, int cores, int steps) {
        List<PartitionResult> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(PartitionResult::first));
        List<double[]> outputs = new ArrayList<>();
        Counters total = Counters.empty(cores);
        RasterRun raster = null;
        for (PartitionResult p : ordered) {
            if (p.first() != outputs.size()) throw new IllegalStateException("partition results do not cover the samples: " + p.first() + " after " + outputs.size());
            outputs.addAll(Arrays.asList(p.outputs()));
            total.add(p.counters());
            if (p.raster() != null) raster = p.raster();
        }
        return new Simulation.Result(outputs, total, raster, steps);
    }

    /** The first line of what failed: a sample's failure by its index when there is one, else the deepest cause. */
    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof SampleFailure)) root = root.getCause();
        if (!(root instanceof SampleFailure)) {
            // Spark may carry the executor's exception as text only: find the sample in it
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("SampleFailure: (sample \\d+: [^\\n]*)").matcher(String.valueOf(e.getMessage()));
            if (m.find()) return m.group(1);
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Prints "k of n partitions done" on the driver as Spark's status tracker reports tasks finishing. */
    private static final class Progress {
        private final Thread thread;

        private Progress(Thread thread) {
            this.thread = thread;
        }

        static Progress start(JavaSparkContext sc, int partitions, PrintWriter out) {
            Thread t = new Thread(() -> {
                int last = -1;
                while (!Thread.currentThread().isInterrupted()) {
                    int done = 0;
                    for (int stage : sc.statusTracker().getActiveStageIds()) {
                        var info = sc.statusTracker().getStageInfo(stage);
                        if (info != null) done += info.numCompletedTasks();
                    }
                    if (done != last && done > 0) {
                        out.printf(Locale.ROOT, "spark: %d of %d partition(s) done%n", done, partitions);
                        out.flush();
                        last = done;
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "dendra-spark-progress");
            t.setDaemon(true);
            t.start();
            return new Progress(t);
        }

        void stop() {
            thread.interrupt();
        }
    }
}
