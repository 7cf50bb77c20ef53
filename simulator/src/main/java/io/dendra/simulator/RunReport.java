package io.dendra.simulator;

import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.LayerMapping;
import io.dendra.simulator.report.Report;
import io.dendra.targets.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run cost and did, computed once from the counters as a {@link Report}: time, energy and
 * its breakdown, counts, per-layer sparse-versus-dense figures, per-core load, one sample over time
 * and its raster, accuracy and agreement with the reference. Its JSON, text and HTML are views of
 * that value ({@code simulator/report}).
 */
public final class RunReport {

    private final ChipSimulator sim;
    private final Simulation.Result result;
    private final int samples;
    private final EnergyModel energy;
    private final EnergyModel.Breakdown total;
    private final List<Report.Layer> layers = new ArrayList<>();
    private final Report.Agreement agreement;
    private final Report.Accuracy accuracy;
    private final Report.Inputs inputCheck;

    /** At most this many neurons per layer go into the raster. */
    static final int RASTER_NEURONS = 64;

    private final int rasterSample;

    /**
     * The report of a run: {@code agreement} and {@code accuracy} are null without a reference or
     * labels; {@code rasterSample} is the sample whose spikes and timeline it keeps.
     */
    public static Report of(ChipSimulator sim, Simulation.Result result, Report.Agreement agreement, int rasterSample, Report.Accuracy accuracy,
            Report.Inputs inputCheck) {
        return new RunReport(sim, result, agreement, rasterSample, accuracy, inputCheck).report();
    }

    /** Whether a target's buffers are finite, so that a run counts receive and link stall cycles worth printing. */
    public static boolean stallsModelled(Target target) {
        return target.core().receiveBuffer() > 0 || target.mesh().linkBuffer() > 0;
    }

    private RunReport(ChipSimulator sim, Simulation.Result result, Report.Agreement agreement, int rasterSample, Report.Accuracy accuracy,
            Report.Inputs inputCheck) {
        this.accuracy = accuracy;
        this.inputCheck = inputCheck;
        this.rasterSample = rasterSample;
        this.sim = sim;
        this.result = result;
        this.samples = result.outputs().size();
        this.energy = new EnergyModel(sim);
        this.total = energy.total(result.counters());
        this.agreement = agreement;
        Counters c = result.counters();
        ChipImage image = sim.image();
        for (LayerMapping l : image.layers()) {
            long synapses = 0, binary = 0, gradedOps = 0, sends = 0, neuronOps = 0, values = 0, messagesAvoided = 0, synopsAvoided = 0;
            double pj = 0, saved = 0;
            boolean deltas = false;
            for (int core : l.cores()) {
                if (sim.deltaSends(core)) {
                    deltas = true;
                    values += c.values[core];
                    messagesAvoided += c.messagesAvoided[core];
                    synopsAvoided += c.synopsAvoided[core];
                    saved += energy.sigmaDeltaSaved(c, core);
                }
                synapses += image.cores().get(core).synapses().synapses();
                binary += c.synopsBinary[core];
                gradedOps += c.synopsGraded[core];
                sends += c.spikes[core];
                neuronOps += c.neuronOps[core];
                pj += energy.core(c, core).total();
            }
            long dense = l.denseOpsPerStep() * result.steps() * samples;
            double rate = sends / ((double) samples * result.steps() * l.neurons());
            layers.add(new Report.Layer(l.name(), l.program().id(), l.cores(), l.neurons(), synapses, rate, dense, binary + gradedOps + neuronOps, pj,
                    energy.dense(dense, gradedOps > binary), dense * EnergyModel.PAPER_MAC_PJ,
                    binary * EnergyModel.PAPER_AC_PJ + (gradedOps + neuronOps) * EnergyModel.PAPER_MAC_PJ,
                    deltas ? new Report.SigmaDelta(values / ((double) samples * result.steps() * l.neurons()), messagesAvoided, synopsAvoided, saved) : null));
        }
    }

    private double totalNs() { return result.counters().stepFsTotal / 1e6; }
    private long cycles() { return result.counters().stepFsTotal / sim.cycleFs(); }
    private double nsPerStep() { return totalNs() / result.counters().steps(); }
    private double nsPerSample() { return totalNs() / samples; }

    /** The report as one typed value, which report.json, report.txt and report.html show. */
    private Report report() {
        Counters c = result.counters();
        ChipImage image = sim.image();
        double cycleFs = sim.cycleFs();
        Report.Time time = new Report.Time(cycles(), sim.target().clockMhz(), nsPerStep(), nsPerSample(), 1e9 / nsPerSample(),
                new Report.CyclesPerStep(c.stepFsMin / cycleFs, c.stepFsTotal / cycleFs / c.steps(), c.stepFsMax / cycleFs), sim.tilesInUse(),
                sim.target().barrier().timeNs(sim.tilesInUse()));
        Report.Energy spent = new Report.Energy(total.total(), total.total() / samples, total.total() / c.steps(), new Report.Breakdown(total.synaptic(),
                total.neuron(), total.messages(), total.hops(), total.chipLinks(), total.barrier(), total.staticPower()));
        Report.Counts counts = new Report.Counts(c.synopsBinary(), c.synopsGraded(), c.updatesActive(), c.updatesInactive(), c.messages(),
                c.hostMessages(), c.hopsEastWest(), c.hopsNorthSouth(), c.localDeliveries(), c.chipCrossings(), c.linkWaitCycles(), c.fired(),
                c.messagesIn(), c.receiveStallCycles(), c.linkStallCycles());
        List<Report.Core> cores = new ArrayList<>();
        for (CoreImage core : image.cores()) {
            int id = core.id();
            cores.add(new Report.Core(id, core.chip(), new int[] {core.tileX(), core.tileY()}, core.neurons().layer(), c.synopsBinary[id] + c.synopsGraded[id],
                    c.messagesOut[id], c.busyFs[id] / sim.cycleFs(), energy.core(c, id).total()));
        }
        Report.Mesh mesh = new Report.Mesh(sim.target().mesh().columns(), sim.target().mesh().rows(), sim.target().mesh().coresPerTile());
        return new Report(Report.SCHEMA, image.modelName(), image.targetName(), image.chips(), image.cores().size(), samples, result.steps(), image.pipelineDepth(),
                c.steps() / samples, inputCheck, time, spent, counts, List.copyOf(layers), cores, mesh, timeline(), raster(), accuracy, agreement);
    }

    /** Per-step series longer than this are averaged over buckets of steps, so that a report stays small for any sequence length. */
    static final int TIMELINE_POINTS = 2000;
    /** The raster shows at most this many input steps (the first ones) and this many spikes per layer. */
    static final int RASTER_STEPS = 2000;
    static final int RASTER_SPIKES = 10_000;

    /**
     * For the chosen sample: cycles of every step and sends per step of every layer, averaged over
     * {@code steps_per_point} steps when the run is longer than {@value #TIMELINE_POINTS} steps.
     */
    private Report.Timeline timeline() {
        RasterRun run = result.rasterRun();
        long[] stepFs = run.stepFs();
        int stride = stride();
        List<Number> cycles = new ArrayList<>();
        for (int start = 0; start < stepFs.length; start += stride) {
            int end = Math.min(stepFs.length, start + stride);
            double sum = 0;
            for (int t = start; t < end; t++) sum += stepFs[t] / (double) sim.cycleFs();
            if (stride == 1) cycles.add(stepFs[start] / sim.cycleFs());
            else cycles.add(sum / (end - start));
        }
        Map<String, List<Number>> sends = new LinkedHashMap<>();
        for (LayerMapping l : sim.image().layers()) {
            List<Number> perStep = new ArrayList<>();
            for (int start = 0; start < result.steps(); start += stride) {
                int end = Math.min(result.steps(), start + stride);
                long n = 0;
                for (int t = start; t < end; t++) for (int core : l.cores()) n += run.sends(core, t);
                if (stride == 1) perStep.add(n);
                else perStep.add((double) n / (end - start));
            }
            sends.put(l.name(), perStep);
        }
        return new Report.Timeline(rasterSample, stride, cycles, sends);
    }

    private int stride() {
        return Math.max(1, (Math.max(result.rasterRun().stepFs().length, result.steps()) + TIMELINE_POINTS - 1) / TIMELINE_POINTS);
    }

    /**
     * The spikes of up to {@value #RASTER_NEURONS} evenly spaced neurons of each spiking layer of
     * the chosen sample in its first {@value #RASTER_STEPS} steps, as [step, neuron] pairs, at most
     * {@value #RASTER_SPIKES} per layer.
     */
    private Report.Raster raster() {
        RasterRun run = result.rasterRun();
        ChipImage image = sim.image();
        int rasterSteps = Math.min(result.steps(), RASTER_STEPS);
        List<Report.RasterLayer> layers = new ArrayList<>();
        for (LayerMapping l : image.layers()) {
            if (!run.recordedSpikes() || sim.graded(l.cores().get(0)) || l.program() == io.dendra.ir.NeuronProgram.READOUT) continue;
            int shown = Math.min(RASTER_NEURONS, l.neurons());
            int[] ids = new int[shown];
            int[] owner = new int[shown];
            int[] local = new int[shown];
            for (int k = 0; k < shown; k++) {
                int neuron = (int) ((long) k * l.neurons() / shown);
                ids[k] = neuron;
                owner[k] = -1;
                for (int core : l.cores()) {
                    CoreImage c = image.cores().get(core);
                    if (neuron >= c.neurons().firstNeuron() && neuron < c.neurons().firstNeuron() + c.neurons().count()) {
                        owner[k] = core;
                        local[k] = neuron - c.neurons().firstNeuron();
                    }
                }
            }
            // step by step, so that a capped raster is the first steps of every neuron shown
            List<int[]> spikes = new ArrayList<>();
            int lastStep = rasterSteps;
            for (int t = 0; t < rasterSteps; t++) {
                int inStep = 0;
                for (int k = 0; k < shown; k++) if (owner[k] >= 0 && run.spiked(owner[k], t, local[k])) inStep++;
                if (spikes.size() + inStep > RASTER_SPIKES) {
                    lastStep = t;
                    break;
                }
                for (int k = 0; k < shown; k++) if (owner[k] >= 0 && run.spiked(owner[k], t, local[k])) spikes.add(new int[] {t, k});
            }
            layers.add(new Report.RasterLayer(l.name(), l.neurons(), ids, spikes, lastStep));
        }
        return new Report.Raster(rasterSample, rasterSteps, layers);
    }
}
