package io.dendra.simulator;

import io.dendra.ir.ChipImage;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs a batch of sequences on a chip image, one reset chip per sequence: whole samples spread over
 * the threads (each thread reusing its own {@link Workspace}), a bounded window of them in flight,
 * collected in sample order. Counters are added in sample order, so outputs and counts are the same
 * for any number of threads. One sequence runs on one thread.
 */
public final class Simulation {
    /**
     * The outputs of every sample, the counts of the whole batch, and the one run the report draws
     * (its spike raster and timeline). Each sample's result is handed to a {@link SampleSink} as it
     * finishes and not kept, so memory does not grow with the number of samples (beyond one output each).
     * {@code profile} is where the host's time went, when the simulator was asked to keep it (else null).
     */
    public record Result(List<double[]> outputs, Counters counters, RasterRun rasterRun, int steps, EngineProfile profile) {
        public Result(List<double[]> outputs, Counters counters, RasterRun rasterRun, int steps) {
            this(outputs, counters, rasterRun, steps, null);
        }
    }

    /** Sees each sample's result, in sample order, as soon as it and every earlier one have finished. */
    public interface SampleSink {
        void accept(int sample, SampleResult result);
    }

    private Simulation() {}

    /** How many threads a run of {@code samples} samples on {@code threads} threads uses: one per sample at most. */
    public static int threadsUsed(int samples, int threads) {
        return Math.max(1, Math.min(threads, samples));
    }

    /** Runs every sample; spike trains are recorded for all samples when {@code recordSpikes}, else only for sample 0. */
    public static Result run(ChipImage image, Target target, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            IntConsumer progress) {
        return run(new ChipSimulator(image, target), samples, steps, threads, recordSpikes, 0, progress, null, null);
    }

    /** As below, on a new simulator of the image. */
    public static Result run(ChipImage image, Target target, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            int rasterSample, IntConsumer progress, SampleSink sink) {
        return run(new ChipSimulator(image, target), samples, steps, threads, recordSpikes, rasterSample, progress, sink, null);
    }

    /**
     * Runs every sample on a simulator the caller built (and may describe the run with: its tables
     * are built once); {@code stepsDone} (when not null) hears the simulated steps of a batch run on
     * one thread: the progress of a long sequence.
     */
    public static Result run(ChipSimulator simulator, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            int rasterSample, IntConsumer progress, SampleSink sink, java.util.function.LongConsumer stepsDone) {
        ChipImage image = simulator.image();
        Collector collector = new Collector(image.cores().size(), rasterSample, progress, sink);
        int used = threadsUsed(samples.size(), threads);
        if (used == 1) {
            for (int i = 0; i < samples.size(); i++) {
                collector.add(i, simulator.run(samples.get(i), steps, recordSpikes || i == rasterSample, stepsDone));
            }
            return collector.result(steps);
        }
        ExecutorService pool = Executors.newFixedThreadPool(used, Simulation::daemon);
        int window = 4 * used;
        @SuppressWarnings("unchecked")
        Future<SampleResult>[] futures = new Future[samples.size()];
        int submitted = 0;
        try {
            for (int i = 0; i < samples.size(); i++) {
                while (submitted < samples.size() && submitted - i < window) {
                    double[] sample = samples.get(submitted);
                    boolean record = recordSpikes || submitted == rasterSample;
                    futures[submitted++] = pool.submit(() -> simulator.run(sample, steps, record));
                }
                SampleResult result = futures[i].get();
                futures[i] = null;
                collector.add(i, result);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return collector.result(steps);
    }

    /** Adds each sample's counts and output in sample order, keeps the raster sample's raster, and passes each result on. */
    private static final class Collector {
        final Counters total;
        final List<double[]> outputs = new ArrayList<>();
        final int rasterSample;
        final IntConsumer progress;
        final SampleSink sink;
        RasterRun rasterRun;
        EngineProfile profile;

        Collector(int cores, int rasterSample, IntConsumer progress, SampleSink sink) {
            this.total = new Counters(cores);
            this.rasterSample = rasterSample;
            this.progress = progress;
            this.sink = sink;
        }

        void add(int sample, SampleResult result) {
            total.add(result.counters());
            outputs.add(result.outputArray());
            if (result.profile() != null) {
                if (profile == null) profile = new EngineProfile(total.cores);
                profile.add(result.profile());
            }
            if (sample == rasterSample) rasterRun = result.raster();
            if (sink != null) sink.accept(sample, result);
            if (progress != null) progress.accept(sample + 1);
        }

        Result result(int steps) {
            return new Result(outputs, total, rasterRun, steps, profile);
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "dendra-sim");
        t.setDaemon(true);
        return t;
    }
}
