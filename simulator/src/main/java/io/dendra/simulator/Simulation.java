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
    /** The outputs of every sample and the counts of the whole batch. */
    public record Result(List<double[]> outputs, Counters counters, List<ChipSimulator.Run> runs, int steps) {}

    private Simulation() {}

    /** Runs every sample; spike trains are recorded for all samples when {@code recordSpikes}, else only for {@code rasterSample}. */
    public static Result run(ChipImage image, Target target, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            IntConsumer progress) {
        return run(image, target, samples, steps, threads, recordSpikes, 0, progress);
    }

    public static Result run(ChipImage image, Target target, List<double[]> samples, int steps, int threads, boolean recordSpikes,
            int rasterSample, IntConsumer progress) {
        ChipSimulator simulator = new ChipSimulator(image, target);
        List<ChipSimulator.Run> runs = new ArrayList<>();
        if (threads <= 1) {
            for (int i = 0; i < samples.size(); i++) {
                runs.add(simulator.run(samples.get(i), steps, recordSpikes || i == rasterSample));
                if (progress != null) progress.accept(i + 1);
            }
        } else if (samples.size() < threads) {
            // Fewer samples than threads: run them one after another, each step's cores spread over the threads.
            ExecutorService pool = Executors.newFixedThreadPool(threads, Simulation::daemon);
            try {
                for (int i = 0; i < samples.size(); i++) {
                    runs.add(simulator.run(samples.get(i), steps, recordSpikes || i == rasterSample, pool, threads));
                    if (progress != null) progress.accept(i + 1);
                }
            } finally {
                pool.shutdownNow();
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, Simulation::daemon);
            try {
                List<Future<ChipSimulator.Run>> futures = new ArrayList<>();
                for (int i = 0; i < samples.size(); i++) {
                    double[] sample = samples.get(i);
                    boolean record = recordSpikes || i == rasterSample;
                    futures.add(pool.submit(() -> simulator.run(sample, steps, record)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    runs.add(futures.get(i).get());
                    if (progress != null) progress.accept(i + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw new IllegalStateException(e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        Counters total = new Counters(image.cores().size());
        // (outputs and counts are added in sample order whichever way the samples ran)
        List<double[]> outputs = new ArrayList<>();
        for (ChipSimulator.Run run : runs) {
            total.add(run.counters());
            outputs.add(run.output());
        }
        return new Result(outputs, total, runs, steps);
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "dendra-sim");
        t.setDaemon(true);
        return t;
    }
}
