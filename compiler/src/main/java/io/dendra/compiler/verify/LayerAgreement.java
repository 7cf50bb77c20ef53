package io.dendra.compiler.verify;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Locale;

/**
 * How far one chip layer is from the float reference, by the measure that fits the layer: spike
 * matching for spiking layers, relative RMS error for graded ones, relative largest error for the
 * model's outputs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "measure")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SpikeMatch.class, name = "spikes"),
    @JsonSubTypes.Type(value = LayerAgreement.GradedError.class, name = "relative_rms_error"),
    @JsonSubTypes.Type(value = LayerAgreement.OutputError.class, name = "output_error")
})
public sealed interface LayerAgreement permits SpikeMatch, LayerAgreement.GradedError, LayerAgreement.OutputError {

    /** One line for tables. */
    String summary();

    /** RMS of (chip − reference) over RMS of the reference, for a graded layer. */
    record GradedError(double relativeRms) implements LayerAgreement {
        public static GradedError of(double[] chip, double[] reference) {
            double error = 0;
            double value = 0;
            for (int i = 0; i < reference.length; i++) {
                error += (chip[i] - reference[i]) * (chip[i] - reference[i]);
                value += reference[i] * reference[i];
            }
            return new GradedError(value == 0 ? Math.sqrt(error / reference.length) : Math.sqrt(error / value));
        }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "%.2e relative RMS error", relativeRms);
        }
    }

    /** max |chip − reference| / max |reference|, for the model's outputs. */
    record OutputError(double relativeMax) implements LayerAgreement {
        public static OutputError of(double[] chip, double[] reference) {
            double maxError = 0;
            double maxValue = 0;
            for (int i = 0; i < reference.length; i++) {
                maxError = Math.max(maxError, Math.abs(chip[i] - reference[i]));
                maxValue = Math.max(maxValue, Math.abs(reference[i]));
            }
            return new OutputError(maxValue == 0 ? maxError : maxError / maxValue);
        }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "%.2e output error", relativeMax);
        }
    }
}
