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
 * Runs a batch of sequences on a chip image, one reset chip per sequence, spread over threads:
 * whole samples when there are at least as many as threads, else the cores of each step (see
 * {@link ChipSimulator#run(double[], int, boolean, ExecutorService, int)}). Counters are added in
 * sample order, so outputs and counts are the same for any number of threads.
 */
public final class Simulation {
    /**
     * The outputs of every sample, the counts of the whole batch, and the one run the report draws
     * (its spike raster and timeline). Other samples' runs are handed to a {@link SampleSink} as
     * they finish and not kept, so memory does not grow with the number of samples.
     */
    public record Result(List<double[]> outputs, Counters counters, RasterRun rasterRun, int steps) {}

    /** Sees each sample's whole run, in sample order, as soon as it and every earlier one have finished. */
    public interface SampleSink {
        void accept(int sample, ChipSimulator.Run run);
    }

    /**
     * Below this many synapses an image's steps are too small to share between threads: spreading a
     * step's cores made one sequence slower on 2 threads than on 1 for every image measured (the lif
     * example 7.4x, the bundled SpikingSSM 1.2x, the 800,000-synapse peer layer 1.3x; docs/PERFORMANCE.md).
     */
    static final long CORES_IN_PARALLEL_FROM_SYNAPSES = 1L << 24;

    private Simulation() {}

    /** How many threads a run of {@code samples} samples on {@code threads} threads uses. */
    public static int threadsUsed(ChipImage image, int samples, int threads) {
        if (threads <= 1 || samples == 0) return 1;
        if (samples >= threads) return threads;
        return image.synapses() < CORES_IN_PARALLEL_FROM_SYNAPSES ? 1 : threads;
    }

    /** Runs every sample; spike trains are recorded for all samples when {@code recordSpikes}, else only for sample 0. */
    public static Result run(ChipImage image, Target target, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            IntConsumer progress) {
        return run(image, target, samples, steps, threads, recordSpikes, 0, progress, null);
    }

    public static Result run(ChipImage image, Target target, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            int rasterSample, IntConsumer progress, SampleSink sink) {
        return run(image, target, samples, steps, threads, recordSpikes, rasterSample, progress, sink, null);
    }

    /**
     * As above; {@code stepsDone} (when not null) hears the simulated steps of samples run one at a
     * time (one sample, or fewer samples than threads): the progress of a long sequence.
     */
    public static Result run(ChipImage image, Target target, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            int rasterSample, IntConsumer progress, SampleSink sink, java.util.function.LongConsumer stepsDone) {
        return run(new ChipSimulator(image, target), samples, steps, threads, recordSpikes, rasterSample, progress, sink, stepsDone);
    }

    /** As above, on a simulator the caller built (and may describe the run with: its tables are built once). */
    public static Result run(ChipSimulator simulator, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            int rasterSample, IntConsumer progress, SampleSink sink, java.util.function.LongConsumer stepsDone) {
        ChipImage image = simulator.image();
        Collector collector = new Collector(image.cores().size(), rasterSample, progress, sink);
        if (threads <= 1) {
            for (int i = 0; i < samples.size(); i++) {
                collector.add(i, simulator.run(samples.get(i), steps, recordSpikes || i == rasterSample, null, 1, stepsDone));
            }
        } else if (samples.size() < threads && simulator.image().synapses() < CORES_IN_PARALLEL_FROM_SYNAPSES) {
            // Fewer samples than threads, and steps too small to share: handing a step's cores to threads costs more than it saves.
            for (int i = 0; i < samples.size(); i++) {
                collector.add(i, simulator.run(samples.get(i), steps, recordSpikes || i == rasterSample, null, 1, stepsDone));
            }
        } else if (samples.size() < threads) {
            // Fewer samples than threads on a large image: run them one after another, each step's cores spread over the threads.
            ExecutorService pool = Executors.newFixedThreadPool(threads, Simulation::daemon);
            try {
                for (int i = 0; i < samples.size(); i++) {
                    collector.add(i, simulator.run(samples.get(i), steps, recordSpikes || i == rasterSample, pool, threads, stepsDone));
                }
            } finally {
                pool.shutdownNow();
            }
        } else {
            // Whole samples on the threads, a bounded window of them in flight, collected in sample order.
            ExecutorService pool = Executors.newFixedThreadPool(threads, Simulation::daemon);
            int window = 4 * threads;
            @SuppressWarnings("unchecked")
            Future<ChipSimulator.Run>[] futures = new Future[samples.size()];
            int submitted = 0;
            try {
                for (int i = 0; i < samples.size(); i++) {
                    while (submitted < samples.size() && submitted - i < window) {
                        double[] sample = samples.get(submitted);
                        boolean record = recordSpikes || submitted == rasterSample;
                        futures[submitted++] = pool.submit(() -> simulator.run(sample, steps, record));
                    }
                    ChipSimulator.Run run = futures[i].get();
                    futures[i] = null;
                    collector.add(i, run);
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
        }
        return new Result(collector.outputs, collector.total, collector.rasterRun, steps);
    }

    /** Adds each run's counts and output in sample order, keeps the raster sample's run, and passes each run on. */
    private static final class Collector {
        final Counters total;
        final List<double[]> outputs = new ArrayList<>();
        final int rasterSample;
        final IntConsumer progress;
        final SampleSink sink;
        RasterRun rasterRun;

        Collector(int cores, int rasterSample, IntConsumer progress, SampleSink sink) {
            this.total = new Counters(cores);
            this.rasterSample = rasterSample;
            this.progress = progress;
            this.sink = sink;
        }

        void add(int sample, ChipSimulator.Run run) {
            total.add(run.counters());
            outputs.add(run.output());
            // a copy of what the report draws, so that the run's working arrays are not kept
            if (sample == rasterSample) rasterRun = run.snapshot();
            if (sink != null) sink.accept(sample, run);
            if (progress != null) progress.accept(sample + 1);
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "dendra-sim");
        t.setDaemon(true);
        return t;
    }
}
