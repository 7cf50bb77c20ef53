package io.dendra.simulator.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run cost and did, as one typed value: {@code report.json} is this record written by
 * {@link ReportJson} (field names are the components' in snake case unless annotated; docs/report.md),
 * {@code report.txt} and {@code report.html} are views of it ({@link ReportText}, {@link HtmlReport}).
 * Accuracy and agreement are null when the run had no labels or no reference. {@code schema} names
 * the version of report.json's fields ({@link #SCHEMA}); reports of Dendra before the field have none.
 */
public record Report(String schema, String model, String target, int chips, int coresUsed, int samples, int steps, int pipelineDepth, long simulatedStepsPerSample,
        Inputs inputs, Time time, Energy energy, Counts counts, List<Layer> layers, List<Core> cores, Mesh mesh, Timeline timeline, Raster raster,
        Accuracy accuracy, Agreement agreement) {
    /** This version of report.json's fields; a change to their names or meanings gets a new one (docs/report.md). */
    public static final String SCHEMA = "dendra-report/1";

    /** How the run's inputs sat against the image's input: samples outside the calibration range, values saturated by --clip-input. */
    public record Inputs(int samplesOutsideCalibration, long clippedValues) {}

    /** Simulated time: cycles of the whole run, the clock, per step and per sample, the spread of steps, tiles and the barrier. */
    public record Time(long cycles, @JsonProperty("clock_MHz") double clockMhz, double nsPerStep, double nsPerSample, double samplesPerSecond,
            CyclesPerStep cyclesPerStep, int tilesInUse, double barrierNsPerStep) {}

    public record CyclesPerStep(double min, double mean, double max) {}

    /** Energy of the whole run, per sample and per step, and by kind, in pJ. */
    public record Energy(@JsonProperty("total_pJ") double total, @JsonProperty("per_sample_pJ") double perSample, @JsonProperty("per_step_pJ") double perStep,
            @JsonProperty("breakdown_pJ") Breakdown breakdown) {}

    /** Energy by kind, in pJ. */
    public record Breakdown(double synaptic, double neuron, double messages, double hops, double chipLinks, double barrier,
            @JsonProperty("static") double staticPower) {
        /** Every kind by its report.json name, in order. */
        public Map<String, Double> byName() {
            Map<String, Double> parts = new LinkedHashMap<>();
            parts.put("synaptic", synaptic);
            parts.put("neuron", neuron);
            parts.put("messages", messages);
            parts.put("hops", hops);
            parts.put("chip_links", chipLinks);
            parts.put("barrier", barrier);
            parts.put("static", staticPower);
            return parts;
        }
    }

    /** The run's counters summed over cores and samples. */
    public record Counts(long synopsBinary, long synopsGraded, long neuronUpdatesActive, long neuronUpdatesInactive, long messages, long hostMessages,
            long hopsEw, long hopsNs, long localDeliveries, long chipCrossings, long linkWaitCycles, long spikesGenerated, long messagesReceived,
            long receiveStallCycles, long linkStallCycles) {}

    /**
     * One layer's figures. {@code eventOps} is what the chip executed: synaptic ops plus the ops of
     * every neuron update; {@code denseOps} what a dense implementation runs (every input times
     * every weight every step, and the state update). The paper's figures price dense ops as MACs
     * and executed ops as ACs when a binary spike triggered them, MACs otherwise.
     */
    public record Layer(String name, String program, List<Integer> cores, int neurons, long synapses, double spikeRate, long denseOps, long eventOps,
            @JsonProperty("energy_pJ") double energyPj, @JsonProperty("dense_energy_pJ") double denseEnergyPj,
            @JsonProperty("paper_dense_pJ") double paperDensePj, @JsonProperty("paper_event_pJ") double paperEventPj,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) SigmaDelta sigmaDelta) {}

    /**
     * What a layer that sends sigma-delta changes saved: how often its neurons held a non-zero value
     * (the rate it would send without sigma-delta), the messages and receivers' graded synaptic ops
     * its suppressed values did not cost, and the energy that saves net of the encoding's own ops
     * (hops not included).
     */
    public record SigmaDelta(double valueRate, long messagesAvoided, long synopsAvoided, @JsonProperty("energy_saved_pJ") double energySavedPj) {}

    /** One core: where it sits (chip, tile x and y), its layer, and what it did. */
    public record Core(int id, int chip, int[] tile, String layer, long synops, long messagesOut, long busyCycles, @JsonProperty("energy_pJ") double energyPj) {}

    public record Mesh(int columns, int rows, int coresPerTile) {}

    /**
     * One sample over time: cycles of every step and sends of every layer per step, each point the
     * mean of {@code stepsPerPoint} steps (whole numbers when that is 1).
     */
    public record Timeline(int sample, int stepsPerPoint, List<Number> cyclesPerStep, Map<String, List<Number>> sendsPerStep) {}

    /** The spikes of one sample, of up to 64 evenly spaced neurons per spiking layer, in its first {@code stepsShown} steps. */
    public record Raster(int sample, int stepsShown, List<RasterLayer> layers) {}

    /** One layer's raster: the neurons shown, and its spikes as [step, index among those shown]. */
    public record RasterLayer(String name, int neurons, int[] neuronsShown, List<int[]> spikes, int stepsShown) {}

    /**
     * Accuracy against the user's labels on {@code samples} samples: the chip's share and count of
     * correct classes and, when the float reference ran too, its share and count and the samples
     * whose classes differ.
     */
    public record Accuracy(int samples, double chip, int chipCorrect, Double reference, Integer referenceCorrect, Integer disagreements) {
        public static Accuracy of(int samples, int chipCorrect, Integer referenceCorrect, Integer disagreements) {
            return new Accuracy(samples, (double) chipCorrect / samples, chipCorrect, referenceCorrect == null ? null : (double) referenceCorrect / samples,
                    referenceCorrect, disagreements);
        }
    }

    /**
     * How the chip's outputs compare with the float reference; {@code argmaxAgreement} is null for
     * sequence outputs. {@code spike_agreement} (each layer's share of agreeing decisions) is
     * written for readers of earlier reports and derived from {@code spikes}.
     */
    @JsonPropertyOrder({"max_abs_error", "rel_error", "argmax_agreement", "spike_agreement", "spikes"})
    @JsonIgnoreProperties(value = "spike_agreement", allowGetters = true)
    public record Agreement(double maxAbsError, double relError, Double argmaxAgreement, Map<String, Spikes> spikes) {
        @JsonProperty("spike_agreement")
        public Map<String, Double> spikeAgreement() {
            Map<String, Double> shares = new LinkedHashMap<>();
            spikes.forEach((layer, m) -> shares.put(layer, m.agreement()));
            return shares;
        }
    }

    /**
     * One spiking layer's spikes against the reference's over every sample, step and neuron:
     * agreement of decisions, precision, recall and F1 of the chip's spikes, chip spikes per
     * reference spike (null when only the chip spikes), the first step where they differ (−1: never).
     */
    public record Spikes(double agreement, double precision, double recall, double f1, @JsonInclude(JsonInclude.Include.ALWAYS) Double countRatio,
            int firstDivergentStep) {}
}
