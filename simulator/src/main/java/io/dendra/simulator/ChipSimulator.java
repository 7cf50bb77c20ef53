package io.dendra.simulator;

import io.dendra.ir.programs.Kernel;
import io.dendra.ir.ChipImage;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.OutputMap;
import io.dendra.targets.Target;
import java.util.function.LongConsumer;

/**
 * Runs a chip image step by step, computing exactly what {@link io.dendra.ir.ImageExecutor}
 * defines (the same kernels, io.dendra.ir.programs), and models each step in time:
 * <ol>
 *   <li>every core updates all its neurons, from the first step on, one after another: each neuron
 *       costs its state access and its update (the program's op count times the target's per-op
 *       time, plus the base); a neuron that fires costs its spike's generation, then its output
 *       stage sends one message per route — each message leaves as its neuron fires, while the
 *       rest of the pass goes on ({@link NeuronPhase});
 *   <li>the host's messages enter at their destination core's router at the start of the step and
 *       go to its input stage first ({@link HostInput});
 *   <li>the cores' messages cross the mesh in dimension order (east-west, then north-south; chips
 *       lie side by side east-west), each hop taking the target's per-direction time, each directed
 *       link carrying one flit per cycle: a message that finds its link taken by an earlier-sent
 *       message waits (links are granted in order of send time, ties by source core)
 *       ({@link MessageQueue}, {@link MeshRouter});
 *   <li>each receiving core's input stage takes its messages in that order, each no earlier than it
 *       arrives: the message's receive cost, then one synaptic op per synapse of its axon. With a
 *       finite receive buffer (the target's {@code core.receive_buffer}), a message that finds it
 *       full waits until the oldest waiting message starts, and its sender's later messages leave
 *       that much later (back-pressure) ({@link MeshRouter}); the synapses add into the
 *       accumulators ({@link SynapticFanOut});
 *   <li>the step ends when the last core is done, plus the barrier over the tiles in use.
 * </ol>
 * Time is kept in integer femtoseconds ({@link TimingModel}). The tables are built once
 * ({@link ChipTables}) and shared by every thread; each thread runs its samples one after another in
 * its own {@link Workspace}, reset between them; a sample leaves a compact {@link SampleResult}.
 */
public final class ChipSimulator {
    /** How often a run reports its progress, in steps. */
    public static final int PROGRESS_STEPS = 1024;

    private final ChipTables tables;
    private final ThreadLocal<Workspace> workspaces;
    private volatile boolean profiled;

    public ChipSimulator(ChipImage image, Target target) {
        tables = new ChipTables(image, target);
        workspaces = ThreadLocal.withInitial(() -> new Workspace(tables));
    }

    /** Drops the calling thread's workspace (a long-lived thread that runs many images calls it when done with this one). */
    public void releaseWorkspace() { workspaces.remove(); }

    /** Whether later runs keep an {@link EngineProfile} (where the host's time goes); off by default. */
    public void profileEngine(boolean on) { profiled = on; }

    public ChipImage image() { return tables.image; }
    public Target target() { return tables.target; }
    public NeuronProgram program(int core) { return tables.program[core]; }
    public int states(int core) { return tables.states[core]; }
    public int neurons(int core) { return tables.count[core]; }
    public boolean graded(int core) { return tables.graded[core]; }
    /** Whether a core's neurons send sigma-delta changes. */
    public boolean deltaSends(int core) { return tables.deltaThreshold[core] > 0; }
    public int tilesInUse() { return tables.tilesInUse; }
    long cycleFs() { return tables.timing.cycleFs; }

    /** Steps a run of {@code inputSteps} input steps takes. */
    public int totalSteps(int inputSteps) {
        return tables.totalSteps(inputSteps);
    }

    /** Runs one sequence of {@code steps × channels} inputs from a reset chip, on the calling thread. */
    public SampleResult run(double[] input, int steps, boolean recordSpikes) {
        return run(input, steps, recordSpikes, null);
    }

    /** As above; {@code stepsDone} (when not null) hears how many steps were simulated, every {@value #PROGRESS_STEPS} steps and at the end. */
    public SampleResult run(double[] input, int steps, boolean recordSpikes, LongConsumer stepsDone) {
        return run(input, steps, recordSpikes, stepsDone, null);
    }

    /** Runs one sequence, recording the probed layers' state after every neuron pass into {@code probe}. */
    public SampleResult run(double[] input, int steps, StateProbe probe) {
        return run(input, steps, false, null, probe);
    }

    private SampleResult run(double[] input, int steps, boolean recordSpikes, LongConsumer stepsDone, StateProbe probe) {
        Workspace w = workspaces.get();
        w.reset(input, steps, recordSpikes, profiled);
        EngineProfile profile = w.profile;
        long started = profile == null ? 0 : System.nanoTime();
        OutputMap outputs = tables.image.output();
        int k = outputs.outputs();
        double[] streamed = outputs.kind() == OutputMap.Kind.STREAM ? new double[steps * k] : null;
        Counters counters = w.counters;
        int last = tables.totalSteps(steps);
        for (int step = 0; step <= last; step++) {
            if (stepsDone != null && step > 0 && step % PROGRESS_STEPS == 0) stepsDone.accept(PROGRESS_STEPS);
            w.startStep(step);
            long t0 = profile == null ? 0 : System.nanoTime();
            if (step >= 1 || tables.inputNeurons) w.neuronPhase.run(step);
            if (probe != null) probe.record(step, w.state, w.out);
            long t1 = profile == null ? 0 : System.nanoTime();
            if (streamed != null && step >= 1 && step >= outputs.firstStep()) {
                int t = step - outputs.firstStep();
                for (int o = 0; o < k; o++) {
                    long p = w.out[outputs.core(o)][outputs.neuron(o)];
                    streamed[t * k + o] = (p == Kernel.NO_MESSAGE ? 0 : p) * outputs.scale(o) + outputs.bias(o);
                }
            }
            long t2 = profile == null ? 0 : System.nanoTime();
            w.host.send(step);
            long t3 = profile == null ? 0 : System.nanoTime();
            w.router.route(w.queue, counters, w.synapseEnd);
            long t4 = profile == null ? 0 : System.nanoTime();
            w.fanOut.queued(step);
            if (profile != null) {
                long t5 = System.nanoTime();
                profile.neuronPhaseNs += t1 - t0;
                profile.hostNs += t3 - t2;
                profile.routeNs += t4 - t3;
                profile.fanOutNs += t5 - t4;
            }
            if (step >= 1) {
                long end = 0;
                for (int c = 0; c < tables.cores; c++) end = Math.max(end, Math.max(w.coreEnd[c], w.synapseEnd[c]));
                long total = end + tables.timing.barrierFs;
                w.recorder.step(step, total);
                counters.steps++;
                counters.barriers++;
                counters.stepFsTotal += total;
                counters.stepFsMin = Math.min(counters.stepFsMin, total);
                counters.stepFsMax = Math.max(counters.stepFsMax, total);
            }
        }
        if (stepsDone != null) stepsDone.accept((last + 1) % PROGRESS_STEPS == 0 ? PROGRESS_STEPS : (last + 1) % PROGRESS_STEPS);
        double[] output = streamed;
        if (output == null) {
            output = new double[k];
            int accumulated = last - outputs.firstStep() + 1;
            // a readout neuron's one state word is its sum (the kernel's order keeps one-word states neuron after neuron)
            for (int o = 0; o < k; o++) output[o] = w.state[outputs.core(o)][outputs.neuron(o)] * outputs.scale(o) / accumulated + outputs.bias(o);
        }
        if (profile != null) profile.totalNs += System.nanoTime() - started;
        SampleResult result = new SampleResult(output, counters, w.recorder.finish(), profile);
        w.counters = null;
        w.recorder = null;
        w.input = null;
        w.profile = null;
        return result;
    }
}
