package io.dendra.compiler.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Locale;

/**
 * A spiking layer's spikes on the chip against the reference's, over every step and neuron
 * compared: how many decisions, how many spikes each side made, how many both made, and the first
 * step where they differ (−1: never). Agreement alone is dominated by silence — a layer firing at
 * 16% scores 84% against a chip that never fires — so precision, recall, F1 and the count ratio
 * stand beside it.
 */
// Jackson orders properties from methods as reflection lists them, which varies from run to run: the order is fixed here.
@JsonPropertyOrder({"decisions", "chipSpikes", "referenceSpikes", "bothSpiked", "firstDivergentStep", "agreement", "precision", "recall", "f1", "countRatio"})
public record SpikeMatch(long decisions, long chipSpikes, long referenceSpikes, long bothSpiked, int firstDivergentStep) implements LayerAgreement {

    public SpikeMatch {
        if (decisions < 0 || bothSpiked < 0 || bothSpiked > Math.min(chipSpikes, referenceSpikes) || chipSpikes + referenceSpikes - bothSpiked > decisions) {
            throw new IllegalArgumentException("inconsistent counts " + decisions + " " + chipSpikes + " " + referenceSpikes + " " + bothSpiked);
        }
    }

    /** The fraction of step × neuron decisions (spike or not) that are equal. */
    @JsonProperty("agreement")
    public double agreement() {
        long differ = chipSpikes + referenceSpikes - 2 * bothSpiked;
        return decisions == 0 ? 1 : 1 - (double) differ / decisions;
    }

    /** Of the chip's spikes, the fraction the reference also made; 1 when neither side spikes, 0 when only the reference does. */
    @JsonProperty("precision")
    public double precision() {
        return chipSpikes == 0 ? (referenceSpikes == 0 ? 1 : 0) : (double) bothSpiked / chipSpikes;
    }

    /** Of the reference's spikes, the fraction the chip also made; 1 when neither side spikes, 0 when only the chip does. */
    @JsonProperty("recall")
    public double recall() {
        return referenceSpikes == 0 ? (chipSpikes == 0 ? 1 : 0) : (double) bothSpiked / referenceSpikes;
    }

    @JsonProperty("f1")
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Chip spikes per reference spike; null when only the chip spikes. */
    @JsonProperty("countRatio")
    public Double countRatio() {
        if (referenceSpikes == 0) return chipSpikes == 0 ? 1.0 : null;
        return (double) chipSpikes / referenceSpikes;
    }

    /** These counts and another run's, as one. */
    public SpikeMatch plus(SpikeMatch other) {
        int first = firstDivergentStep < 0 ? other.firstDivergentStep
                : other.firstDivergentStep < 0 ? firstDivergentStep : Math.min(firstDivergentStep, other.firstDivergentStep);
        return new SpikeMatch(decisions + other.decisions, chipSpikes + other.chipSpikes, referenceSpikes + other.referenceSpikes,
                bothSpiked + other.bothSpiked, first);
    }

    @Override
    public String summary() {
        Double ratio = countRatio();
        return String.format(Locale.ROOT, "F1 %.4f (P %.4f R %.4f), %s spikes, %.2f%% agree, %s", f1(), precision(), recall(),
                ratio == null ? "only the chip" : String.format(Locale.ROOT, "%.3fx", ratio), 100 * agreement(),
                firstDivergentStep < 0 ? "never differ" : "first differ at step " + firstDivergentStep);
    }

    /** Counts decisions one at a time, step by step. */
    public static final class Counter {
        private long decisions;
        private long chip;
        private long reference;
        private long both;
        private int first = -1;

        /** One neuron's decision at {@code step} on the chip and in the reference. */
        public void add(int step, boolean chipSpiked, boolean referenceSpiked) {
            decisions++;
            if (chipSpiked) chip++;
            if (referenceSpiked) reference++;
            if (chipSpiked && referenceSpiked) both++;
            if (chipSpiked != referenceSpiked && (first < 0 || step < first)) first = step;
        }

        public SpikeMatch result() {
            return new SpikeMatch(decisions, chip, reference, both, first);
        }
    }
}
