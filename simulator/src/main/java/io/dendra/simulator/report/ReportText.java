package io.dendra.simulator.report;

import static io.dendra.simulator.report.ReportFormat.count;
import static io.dendra.simulator.report.ReportFormat.pj;

import java.util.Locale;

/** {@code report.txt}, and what {@code dendra run} prints: a {@link Report} in a few lines for people. */
public final class ReportText {
    private ReportText() {}

    /** The text of {@code r}; {@code stallsModelled}: the target has finite receive or link buffers, so stall cycles are counted. */
    public static String of(Report r, boolean stallsModelled) {
        Report.Counts c = r.counts();
        Report.Energy energy = r.energy();
        int samples = r.samples();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "ran %s on %s: %d sample(s) x %d steps (+%d pipeline), %d core(s) on %d chip(s)%n", r.model(),
                r.target(), samples, r.steps(), r.pipelineDepth() - 1, r.coresUsed(), r.chips()));
        Report.Time time = r.time();
        s.append(String.format(Locale.ROOT, "time:   %,.0f ns per sample (%,.1f ns per step; %,.0f cycles per step, min %,.0f max %,.0f); %,.0f samples/s%n",
                time.nsPerSample(), time.nsPerStep(), time.cyclesPerStep().mean(), time.cyclesPerStep().min(), time.cyclesPerStep().max(),
                time.samplesPerSecond()));
        s.append(String.format(Locale.ROOT, "energy: %s per sample (%s in all)%n", pj(energy.perSample()), pj(energy.total())));
        if (r.inputs().samplesOutsideCalibration() > 0 || r.inputs().clippedValues() > 0) {
            s.append(String.format(Locale.ROOT, "inputs: %d sample(s) outside the calibration range, %,d value(s) saturated by --clip-input%n",
                    r.inputs().samplesOutsideCalibration(), r.inputs().clippedValues()));
        }
        s.append("        ");
        energy.breakdown().byName().forEach((k, v) -> s.append(String.format(Locale.ROOT, "%s %.1f%%  ", k.replace('_', ' '), 100 * v / energy.total())));
        s.append('\n');
        s.append(String.format(Locale.ROOT, "counts: %,d binary + %,d graded synaptic ops, %,d / %,d active / inactive neuron updates, %,d messages, %,d E-W + %,d N-S hops,"
                + " %,d chip crossings, %,d link wait cycles%s%n", c.synopsBinary(), c.synopsGraded(), c.neuronUpdatesActive(), c.neuronUpdatesInactive(),
                c.messages() + c.hostMessages(), c.hopsEw(), c.hopsNs(), c.chipCrossings(), c.linkWaitCycles(),
                stallsModelled ? String.format(Locale.ROOT, ", %,d receive and %,d link stall cycles", c.receiveStallCycles(), c.linkStallCycles()) : ""));
        s.append("sparse versus dense, per layer (energy per sample):\n");
        s.append(String.format(Locale.ROOT, "  %-20s %-7s %8s %13s %13s %7s %11s %11s %11s %11s%n", "layer", "program", "rate", "dense ops", "event ops", "ratio",
                "chip", "chip dense", "paper dense", "paper event"));
        for (Report.Layer l : r.layers()) {
            s.append(String.format(Locale.ROOT, "  %-20s %-7s %7.1f%% %13s %13s %6.1fx %11s %11s %11s %11s%n", l.name(), l.program(), 100 * l.spikeRate(),
                    count(l.denseOps() / samples), count(l.eventOps() / samples), l.eventOps() == 0 ? 0.0 : (double) l.denseOps() / l.eventOps(),
                    pj(l.energyPj() / samples), pj(l.denseEnergyPj() / samples), pj(l.paperDensePj() / samples), pj(l.paperEventPj() / samples)));
        }
        if (r.layers().stream().anyMatch(l -> l.sigmaDelta() != null)) {
            s.append("sigma-delta, per layer that sends changes (per sample; energy saved net of the encoding's ops, hops not counted):\n");
            s.append(String.format(Locale.ROOT, "  %-20s %13s %14s %17s %20s %13s%n", "layer", "value rate", "message rate", "messages avoided",
                    "graded ops avoided", "energy saved"));
            for (Report.Layer l : r.layers()) {
                Report.SigmaDelta d = l.sigmaDelta();
                if (d == null) continue;
                s.append(String.format(Locale.ROOT, "  %-20s %12.1f%% %13.1f%% %17s %20s %13s%n", l.name(), 100 * d.valueRate(), 100 * l.spikeRate(),
                        count(d.messagesAvoided() / samples), count(d.synopsAvoided() / samples), pj(d.energySavedPj() / samples)));
            }
        }
        Report.Accuracy accuracy = r.accuracy();
        if (accuracy != null) {
            s.append(String.format(Locale.ROOT, "accuracy on %d labelled sample(s): chip %.2f%%", accuracy.samples(), 100 * accuracy.chip()));
            if (accuracy.referenceCorrect() != null) {
                s.append(String.format(Locale.ROOT, ", float reference %.2f%%; the two disagree on %d sample(s)", 100 * accuracy.reference(), accuracy.disagreements()));
            }
            s.append('\n');
        }
        Report.Agreement agreement = r.agreement();
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
}
