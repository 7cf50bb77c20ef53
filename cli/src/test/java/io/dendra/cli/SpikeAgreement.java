package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Chip-versus-reference spike agreement held as precision and recall, which a silent chip (recall 0) fails whatever its share of agreeing decisions. */
final class SpikeAgreement {
    private SpikeAgreement() {}

    /** {@code match}: one layer's entry of report.json's {@code /agreement/spikes}. */
    static void assertAtLeast(JsonNode match, double least, String what) {
        double precision = match.path("precision").asDouble(Double.NaN);
        double recall = match.path("recall").asDouble(Double.NaN);
        assertTrue(precision >= least && recall >= least, what + ": precision " + precision + ", recall " + recall + ", asked at least " + least);
    }
}
