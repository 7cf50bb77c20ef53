package io.dendra.benchmarks;

import io.dendra.ir.programs.ssm.Ssm;
import io.dendra.ir.programs.lif.Lif;
import io.dendra.ir.ChipImage;
import io.dendra.simulator.ChipSimulator;
import io.dendra.targets.Targets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The simulator's engine, each benchmark normalised to one event so that results read as cost
 * per event and are comparable across sizes (constant cost per event across {@code @Param}s is
 * the check that cost is linear in the work):
 * <ul>
 *   <li>{@code fanOut}: synaptic ops, for fan-outs 16, 256, 4096 and input spike rates 1%, 10%, 50%;
 *       every invocation is exactly 2^20 synaptic ops with full cycle and energy accounting;
 *   <li>{@code routing}: messages crossing a loihi2 mesh with contention, per message;
 *   <li>{@code lifUpdate} and {@code ssmStateUpdate}: neuron kernels, per neuron / per complex state.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class SimulatorBenchmarks {
    static final int SYNOPS = 1 << 20;
    static final int CHANNELS = 1024;

    @State(Scope.Benchmark)
    public static class FanOut {
        @Param({"16", "256", "4096"})
        int fanOut;

        @Param({"0.01", "0.1", "0.5"})
        double rate;

        ChipSimulator simulator;
        double[] input;
        int steps;

        @Setup
        public void build() {
            int spikes = SYNOPS / fanOut;
            steps = Math.max(1, (int) Math.ceil(spikes / (CHANNELS * rate)));
            ChipImage image = BenchImages.fanOut(CHANNELS, fanOut);
            simulator = new ChipSimulator(image, Targets.builtIn("loihi1"));
            input = BenchImages.spikes(steps, CHANNELS, spikes, 42);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SYNOPS)
    public void fanOut(FanOut s, Blackhole bh) {
        io.dendra.simulator.SampleResult run = s.simulator.run(s.input, s.steps, false);
        bh.consume(run.counters().synopsBinary());
        bh.consume(run.output());
    }

    static final int ROUTES = 16;
    static final int ROUTING_STEPS = 64;
    static final int MESSAGES = 64 * ROUTES * (ROUTING_STEPS);

    @State(Scope.Benchmark)
    public static class Mesh {
        ChipSimulator simulator;
        double[] input = new double[ROUTING_STEPS];

        @Setup
        public void build() {
            simulator = new ChipSimulator(BenchImages.mesh(ROUTES), Targets.builtIn("loihi2"));
        }
    }

    /** 64 sources × 16 routes per step, over 64 steps (the source fires every step from step 1). */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void routing(Mesh s, Blackhole bh) {
        io.dendra.simulator.SampleResult run = s.simulator.run(s.input, ROUTING_STEPS, false);
        bh.consume(run.counters().linkWaitCycles());
        bh.consume(run.counters().messages());
    }

    static final int LIF_NEURONS = 4096;

    @State(Scope.Benchmark)
    public static class LifBlock {
        int[] params = new int[LIF_NEURONS * Lif.PARAMS];
        int[] kernelParams;
        long[] state = new long[LIF_NEURONS * 2];
        long[] input = new long[LIF_NEURONS];
        long[] out = new long[LIF_NEURONS];

        @Setup
        public void build() {
            SplittableRandom random = new SplittableRandom(1);
            for (int i = 0; i < LIF_NEURONS; i++) {
                params[i * Lif.PARAMS + Lif.DU] = 1000;
                params[i * Lif.PARAMS + Lif.DV] = 300;
                params[i * Lif.PARAMS + Lif.VTH] = 150;
                input[i] = random.nextInt(-200, 400);
            }
            kernelParams = io.dendra.ir.NeuronProgram.LIF.kernelParams(params, LIF_NEURONS, 0);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LIF_NEURONS)
    public void lifUpdate(LifBlock s, Blackhole bh) {
        bh.consume(io.dendra.ir.NeuronProgram.LIF.update(LIF_NEURONS, 0, s.kernelParams, s.state, s.input, s.out, 24, 0, null));
    }

    static final int SSM_NEURONS = 256;
    static final int SSM_STATES = 32;

    @State(Scope.Benchmark)
    public static class SsmBlock {
        int[] params;
        int[] kernelParams;
        long[] state = new long[SSM_NEURONS * (1 + 2 * SSM_STATES)];
        long[] input = new long[SSM_NEURONS];
        long[] out = new long[SSM_NEURONS];

        @Setup
        public void build() {
            int per = io.dendra.ir.NeuronProgram.SSM.paramsPerNeuron(SSM_STATES);
            params = new int[SSM_NEURONS * per];
            SplittableRandom random = new SplittableRandom(2);
            for (int i = 0; i < SSM_NEURONS; i++) {
                int p = i * per;
                params[p + Ssm.STATES] = SSM_STATES;
                params[p + Ssm.SHIFT_A] = 23;
                params[p + Ssm.SHIFT_B] = 20;
                params[p + Ssm.SHIFT_C] = 22;
                params[p + Ssm.THETA] = 1 << 20;
                for (int n = 0; n < SSM_STATES; n++) {
                    int c = p + Ssm.HEADER + Ssm.PER_STATE * n;
                    params[c] = 8_000_000 - random.nextInt(100_000);
                    params[c + 1] = random.nextInt(-200_000, 200_000);
                    for (int k = 2; k < 6; k++) params[c + k] = random.nextInt(-1_000_000, 1_000_000);
                }
                input[i] = random.nextInt(-100_000, 100_000);
            }
            kernelParams = io.dendra.ir.NeuronProgram.SSM.kernelParams(params, SSM_NEURONS, SSM_STATES);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SSM_NEURONS * SSM_STATES)
    public void ssmStateUpdate(SsmBlock s, Blackhole bh) {
        bh.consume(io.dendra.ir.NeuronProgram.SSM.update(SSM_NEURONS, SSM_STATES, s.kernelParams, s.state, s.input, s.out, 24, 24, null));
    }
}
