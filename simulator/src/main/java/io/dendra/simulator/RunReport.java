package io.dendra.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.LayerMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run cost and did, computed once from the counters and written as {@code report.json}
 * (schema in docs/report.md) and as the text summary: time, energy and its breakdown, counts,
 * per-layer sparse-versus-dense figures, per-core load, and agreement with the reference.
 */
public final class RunReport {

    /** How the chip's outputs compare with the float reference; {@code argmax} is null for sequence outputs. */
    public record Agreement(double maxAbsError, double relError, Double argmaxAgreement, Map<String, Spikes> spikes) {}

    /**
     * One spiking layer's spikes against the reference's over every sample, step and neuron:
     * agreement of decisions, precision, recall and F1 of the chip's spikes, chip spikes per
     * reference spike (null when only the chip spikes), the first step where they differ (−1: never).
     */
    public record Spikes(double agreement, double precision, double recall, double f1, Double countRatio, int firstDivergentStep) {}

    /**
     * Accuracy against the user's labels on {@code samples} samples: the chip's correct count and,
     * when the float reference ran too, its correct count and the samples whose classes differ.
     */
    public record Accuracy(int samples, int chipCorrect, Integer referenceCorrect, Integer disagreements) {
        public double chip() {
            return (double) chipCorrect / samples;
        }

        public Double reference() {
            return referenceCorrect == null ? null : (double) referenceCorrect / samples;
        }
    }

    /** How the run's inputs sat against the image's input: samples outside the calibration range, values saturated by --clip-input. */
    public record InputCheck(int samplesOutsideCalibration, long clippedValues) {}

    /**
     * One layer's figures. {@code eventOps} is what the chip executed: synaptic ops plus the ops
     * of every neuron update; {@code denseOps} what a dense implementation runs (every input times
     * every weight every step, and the state update). The paper's figures price dense ops as MACs
     * and executed ops as ACs when a binary spike triggered them, MACs otherwise.
     */
    public record Layer(String name, String program, List<Integer> cores, int neurons, long synapses, double spikeRate, long denseOps, long eventOps,
            double energyPj, double denseEnergyPj, double paperDensePj, double paperEventPj) {}

    private final ChipSimulator sim;
    private final Simulation.Result result;
    private final int samples;
    private final EnergyModel energy;
    private final EnergyModel.Breakdown total;
    private final List<Layer> layers = new ArrayList<>();
    private final Agreement agreement;
    private final Accuracy accuracy;
    private final InputCheck inputCheck;

    /** At most this many neurons per layer go into the raster. */
    static final int RASTER_NEURONS = 64;

    private final int rasterSample;

    public RunReport(ChipSimulator sim, Simulation.Result result, Agreement agreement) {
        this(sim, result, agreement, 0, null, new InputCheck(0, 0));
    }

    public RunReport(ChipSimulator sim, Simulation.Result result, Agreement agreement, int rasterSample, Accuracy accuracy, InputCheck inputCheck) {
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
            long synapses = 0, binary = 0, gradedOps = 0, sends = 0, neuronOps = 0;
            double pj = 0;
            for (int core : l.cores()) {
                synapses += image.cores().get(core).synapses().synapses();
                binary += c.synopsBinary[core];
                gradedOps += c.synopsGraded[core];
                sends += c.spikes[core];
                neuronOps += c.neuronOps[core];
                pj += energy.core(c, core).total();
            }
            long dense = l.denseOpsPerStep() * result.steps() * samples;
            double rate = sends / ((double) samples * result.steps() * l.neurons());
            layers.add(new Layer(l.name(), l.program().id(), l.cores(), l.neurons(), synapses, rate, dense, binary + gradedOps + neuronOps, pj,
                    energy.dense(dense, gradedOps > binary), dense * EnergyModel.PAPER_MAC_PJ,
                    binary * EnergyModel.PAPER_AC_PJ + (gradedOps + neuronOps) * EnergyModel.PAPER_MAC_PJ));
        }
    }

    public List<Layer> layers() { return List.copyOf(layers); }
    public EnergyModel.Breakdown energy() { return total; }
    public double totalNs() { return result.counters().stepFsTotal / 1e6; }
    public long cycles() { return result.counters().stepFsTotal / sim.cycleFs(); }
    public double nsPerStep() { return totalNs() / result.counters().steps(); }
    public double nsPerSample() { return totalNs() / samples; }

    public String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        Counters c = result.counters();
        ChipImage image = sim.image();
        root.put("model", image.modelName());
        root.put("target", image.targetName());
        root.put("chips", image.chips());
        root.put("cores_used", image.cores().size());
        root.put("samples", samples);
        root.put("steps", result.steps());
        root.put("pipeline_depth", image.pipelineDepth());
        root.put("simulated_steps_per_sample", c.steps() / samples);
        ObjectNode inputs = root.putObject("inputs");
        inputs.put("samples_outside_calibration", inputCheck.samplesOutsideCalibration());
        inputs.put("clipped_values", inputCheck.clippedValues());
        ObjectNode time = root.putObject("time");
        time.put("cycles", cycles());
        time.put("clock_MHz", sim.target().clockMhz());
        time.put("ns_per_step", nsPerStep());
        time.put("ns_per_sample", nsPerSample());
        time.put("samples_per_second", 1e9 / nsPerSample());
        ObjectNode perStep = time.putObject("cycles_per_step");
        perStep.put("min", c.stepFsMin / (double) sim.cycleFs());
        perStep.put("mean", c.stepFsTotal / (double) sim.cycleFs() / c.steps());
        perStep.put("max", c.stepFsMax / (double) sim.cycleFs());
        time.put("tiles_in_use", sim.tilesInUse());
        time.put("barrier_ns_per_step", sim.target().barrier().timeNs(sim.tilesInUse()));
        ObjectNode e = root.putObject("energy");
        e.put("total_pJ", total.total());
        e.put("per_sample_pJ", total.total() / samples);
        e.put("per_step_pJ", total.total() / c.steps());
        ObjectNode breakdown = e.putObject("breakdown_pJ");
        breakdown.put("synaptic", total.synaptic());
        breakdown.put("neuron", total.neuron());
        breakdown.put("messages", total.messages());
        breakdown.put("hops", total.hops());
        breakdown.put("chip_links", total.chipLinks());
        breakdown.put("barrier", total.barrier());
        breakdown.put("static", total.staticPower());
        ObjectNode counts = root.putObject("counts");
        counts.put("synops_binary", c.synopsBinary());
        counts.put("synops_graded", c.synopsGraded());
        counts.put("neuron_updates_active", c.updatesActive());
        counts.put("neuron_updates_inactive", c.updatesInactive());
        counts.put("messages", c.messages());
        counts.put("host_messages", c.hostMessages());
        counts.put("hops_ew", c.hopsEastWest());
        counts.put("hops_ns", c.hopsNorthSouth());
        counts.put("local_deliveries", c.localDeliveries());
        counts.put("chip_crossings", c.chipCrossings());
        counts.put("link_wait_cycles", c.linkWaitCycles());
        counts.put("spikes_generated", c.fired());
        counts.put("messages_received", c.messagesIn());
        counts.put("receive_stall_cycles", c.receiveStallCycles());
        counts.put("link_stall_cycles", c.linkStallCycles());
        ArrayNode layerArray = root.putArray("layers");
        for (Layer l : layers) {
            ObjectNode n = layerArray.addObject();
            n.put("name", l.name());
            n.put("program", l.program());
            ArrayNode lc = n.putArray("cores");
            l.cores().forEach(lc::add);
            n.put("neurons", l.neurons());
            n.put("synapses", l.synapses());
            n.put("spike_rate", l.spikeRate());
            n.put("dense_ops", l.denseOps());
            n.put("event_ops", l.eventOps());
            n.put("energy_pJ", l.energyPj());
            n.put("dense_energy_pJ", l.denseEnergyPj());
            n.put("paper_dense_pJ", l.paperDensePj());
            n.put("paper_event_pJ", l.paperEventPj());
        }
        ArrayNode coreArray = root.putArray("cores");
        for (CoreImage core : image.cores()) {
            int id = core.id();
            ObjectNode n = coreArray.addObject();
            n.put("id", id);
            n.put("chip", core.chip());
            ArrayNode tile = n.putArray("tile");
            tile.add(core.tileX()).add(core.tileY());
            n.put("layer", core.neurons().layer());
            n.put("synops", c.synopsBinary[id] + c.synopsGraded[id]);
            n.put("messages_out", c.messagesOut[id]);
            n.put("busy_cycles", c.busyFs[id] / sim.cycleFs());
            n.put("energy_pJ", energy.core(c, id).total());
        }
        ObjectNode mesh = root.putObject("mesh");
        mesh.put("columns", sim.target().mesh().columns());
        mesh.put("rows", sim.target().mesh().rows());
        mesh.put("cores_per_tile", sim.target().mesh().coresPerTile());
        timelineAndRaster(root);
        if (accuracy != null) {
            ObjectNode a = root.putObject("accuracy");
            a.put("samples", accuracy.samples());
            a.put("chip", accuracy.chip());
            a.put("chip_correct", accuracy.chipCorrect());
            if (accuracy.referenceCorrect() != null) {
                a.put("reference", accuracy.reference());
                a.put("reference_correct", accuracy.referenceCorrect());
                a.put("disagreements", accuracy.disagreements());
            }
        }
        if (agreement != null) {
            ObjectNode a = root.putObject("agreement");
            a.put("max_abs_error", agreement.maxAbsError());
            a.put("rel_error", agreement.relError());
            if (agreement.argmaxAgreement() != null) a.put("argmax_agreement", agreement.argmaxAgreement());
            ObjectNode decisions = a.putObject("spike_agreement");
            agreement.spikes().forEach((layer, m) -> decisions.put(layer, m.agreement()));
            ObjectNode spikes = a.putObject("spikes");
            agreement.spikes().forEach((layer, m) -> {
                ObjectNode n = spikes.putObject(layer);
                n.put("agreement", m.agreement());
                n.put("precision", m.precision());
                n.put("recall", m.recall());
                n.put("f1", m.f1());
                if (m.countRatio() == null) n.putNull("count_ratio");
                else n.put("count_ratio", m.countRatio());
                n.put("first_divergent_step", m.firstDivergentStep());
            });
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Per-step series longer than this are averaged over buckets of steps, so that a report stays small for any sequence length. */
    static final int TIMELINE_POINTS = 2000;
    /** The raster shows at most this many input steps (the first ones) and this many spikes per layer. */
    static final int RASTER_STEPS = 2000;
    static final int RASTER_SPIKES = 10_000;

    /**
     * For the chosen sample: cycles of every step and sends per step of every layer (averaged over
     * {@code steps_per_point} steps when the run is longer than {@value #TIMELINE_POINTS} steps),
     * and the spikes of up to {@value #RASTER_NEURONS} evenly spaced neurons of each spiking layer
     * in the first {@value #RASTER_STEPS} steps as [step, neuron] pairs.
     */
    private void timelineAndRaster(ObjectNode root) {
        RasterRun run = result.rasterRun();
        ChipImage image = sim.image();
        ObjectNode timeline = root.putObject("timeline");
        timeline.put("sample", rasterSample);
        long[] stepFs = run.stepFs();
        int stride = Math.max(1, (Math.max(stepFs.length, result.steps()) + TIMELINE_POINTS - 1) / TIMELINE_POINTS);
        timeline.put("steps_per_point", stride);
        ArrayNode cycles = timeline.putArray("cycles_per_step");
        for (int start = 0; start < stepFs.length; start += stride) {
            int end = Math.min(stepFs.length, start + stride);
            double sum = 0;
            for (int t = start; t < end; t++) sum += stepFs[t] / (double) sim.cycleFs();
            if (stride == 1) cycles.add(stepFs[start] / sim.cycleFs());
            else cycles.add(sum / (end - start));
        }
        ObjectNode sends = timeline.putObject("sends_per_step");
        ObjectNode raster = root.putObject("raster");
        raster.put("sample", rasterSample);
        int rasterSteps = Math.min(result.steps(), RASTER_STEPS);
        raster.put("steps_shown", rasterSteps);
        ArrayNode rasterLayers = raster.putArray("layers");
        for (LayerMapping l : image.layers()) {
            ArrayNode perStep = sends.putArray(l.name());
            for (int start = 0; start < result.steps(); start += stride) {
                int end = Math.min(result.steps(), start + stride);
                long n = 0;
                for (int t = start; t < end; t++) for (int core : l.cores()) n += run.sends(core, t);
                if (stride == 1) perStep.add(n);
                else perStep.add((double) n / (end - start));
            }
            if (!run.recordedSpikes() || sim.graded(l.cores().get(0)) || l.program() == io.dendra.ir.NeuronProgram.READOUT) continue;
            ObjectNode layer = rasterLayers.addObject();
            layer.put("name", l.name());
            layer.put("neurons", l.neurons());
            int shown = Math.min(RASTER_NEURONS, l.neurons());
            ArrayNode ids = layer.putArray("neurons_shown");
            ArrayNode spikes = layer.putArray("spikes");
            int[] owner = new int[shown];
            int[] local = new int[shown];
            for (int k = 0; k < shown; k++) {
                int neuron = (int) ((long) k * l.neurons() / shown);
                ids.add(neuron);
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
            int count = 0;
            int lastStep = rasterSteps;
            for (int t = 0; t < rasterSteps; t++) {
                int inStep = 0;
                for (int k = 0; k < shown; k++) if (owner[k] >= 0 && run.spiked(owner[k], t, local[k])) inStep++;
                if (count + inStep > RASTER_SPIKES) {
                    lastStep = t;
                    break;
                }
                for (int k = 0; k < shown; k++) if (owner[k] >= 0 && run.spiked(owner[k], t, local[k])) spikes.addArray().add(t).add(k);
                count += inStep;
            }
            layer.put("steps_shown", lastStep);
        }
    }

    public String text() {
        Counters c = result.counters();
        ChipImage image = sim.image();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "ran %s on %s: %d sample(s) x %d steps (+%d pipeline), %d core(s) on %d chip(s)%n", image.modelName(),
                image.targetName(), samples, result.steps(), image.pipelineDepth() - 1, image.cores().size(), image.chips()));
        s.append(String.format(Locale.ROOT, "time:   %,.0f ns per sample (%,.1f ns per step; %,.0f cycles per step, min %,.0f max %,.0f); %,.0f samples/s%n",
                nsPerSample(), nsPerStep(), c.stepFsTotal / (double) sim.cycleFs() / c.steps(), c.stepFsMin / (double) sim.cycleFs(),
                c.stepFsMax / (double) sim.cycleFs(), 1e9 / nsPerSample()));
        s.append(String.format(Locale.ROOT, "energy: %s per sample (%s in all)%n", pj(total.total() / samples), pj(total.total())));
        if (inputCheck.samplesOutsideCalibration() > 0 || inputCheck.clippedValues() > 0) {
            s.append(String.format(Locale.ROOT, "inputs: %d sample(s) outside the calibration range, %,d value(s) saturated by --clip-input%n",
                    inputCheck.samplesOutsideCalibration(), inputCheck.clippedValues()));
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("synaptic", total.synaptic());
        parts.put("neuron", total.neuron());
        parts.put("messages", total.messages());
        parts.put("hops", total.hops());
        parts.put("chip links", total.chipLinks());
        parts.put("barrier", total.barrier());
        parts.put("static", total.staticPower());
        s.append("        ");
        parts.forEach((k, v) -> s.append(String.format(Locale.ROOT, "%s %.1f%%  ", k, 100 * v / total.total())));
        s.append('\n');
        s.append(String.format(Locale.ROOT, "counts: %,d binary + %,d graded synaptic ops, %,d / %,d active / inactive neuron updates, %,d messages, %,d E-W + %,d N-S hops,"
                + " %,d chip crossings, %,d link wait cycles%s%n", c.synopsBinary(), c.synopsGraded(), c.updatesActive(), c.updatesInactive(),
                c.messages() + c.hostMessages(), c.hopsEastWest(), c.hopsNorthSouth(), c.chipCrossings(), c.linkWaitCycles(),
                sim.target().core().receiveBuffer() > 0 || sim.target().mesh().linkBuffer() > 0
                        ? String.format(Locale.ROOT, ", %,d receive and %,d link stall cycles", c.receiveStallCycles(), c.linkStallCycles()) : ""));
        s.append("sparse versus dense, per layer (energy per sample):\n");
        s.append(String.format(Locale.ROOT, "  %-20s %-7s %8s %13s %13s %7s %11s %11s %11s %11s%n", "layer", "program", "rate", "dense ops", "event ops", "ratio",
                "chip", "chip dense", "paper dense", "paper event"));
        for (Layer l : layers) {
            s.append(String.format(Locale.ROOT, "  %-20s %-7s %7.1f%% %13s %13s %6.1fx %11s %11s %11s %11s%n", l.name(), l.program(), 100 * l.spikeRate(),
                    count(l.denseOps() / samples), count(l.eventOps() / samples), l.eventOps() == 0 ? 0.0 : (double) l.denseOps() / l.eventOps(),
                    pj(l.energyPj() / samples), pj(l.denseEnergyPj() / samples), pj(l.paperDensePj() / samples), pj(l.paperEventPj() / samples)));
        }
        if (accuracy != null) {
            s.append(String.format(Locale.ROOT, "accuracy on %d labelled sample(s): chip %.2f%%", accuracy.samples(), 100 * accuracy.chip()));
            if (accuracy.referenceCorrect() != null) {
                s.append(String.format(Locale.ROOT, ", float reference %.2f%%; the two disagree on %d sample(s)", 100 * accuracy.reference(), accuracy.disagreements()));
            }
            s.append('\n');
        }
        if (agreement != null) {
            s.append(String.format(Locale.ROOT, "agreement with the reference: max abs error %.3g, relative error %.3g", agreement.maxAbsError(), agreement.relError()));
            if (agreement.argmaxAgreement() != null) s.append(String.format(Locale.ROOT, ", argmax %.1f%%", 100 * agreement.argmaxAgreement()));
            s.append('\n');
            agreement.spikes().forEach((layer, m) -> s.append(String.format(Locale.ROOT, "  spikes of %s: F1 %.4f (precision %.4f, recall %.4f), %s the"
                    + " reference's count, %.2f%% of decisions agree, %s%n", layer, m.f1(), m.precision(), m.recall(),
                    m.countRatio() == null ? "none in" : String.format(Locale.ROOT, "%.3fx", m.countRatio()), 100 * m.agreement(),
                    m.firstDivergentStep() < 0 ? "never differ" : "first differ at step " + m.firstDivergentStep())));
        }
        return s.toString();
    }

    static String pj(double pj) {
        return RunReportFormat.pj(pj);
    }

    static String count(long n) {
        return RunReportFormat.count(n);
    }
}
