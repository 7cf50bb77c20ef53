package io.dendra.compiler.frontend.netx;

import io.dendra.compiler.graph.SparseMatrix;
import io.dendra.diagnostics.ErrorCode;

/** A NetX layer's weights and delays as netx and Lava's Dense read them, checked against what Lava and the chip hold. */
final class NetxWeights {
    /** Lava's largest synaptic delay (netx clips there). */
    static final int MAX_DELAY = 62;

    private NetxWeights() {}

    /**
     * A dense layer's delay per synapse (row-major, the weight's (C, H, W) columns), as netx reads
     * it: one for all, one per output (axonal), one per input, or one per synapse; each 0..62.
     */
    static long[] delays(NetxLayer layer, int rows, int cols) {
        long[] d = layer.integers("delay");
        for (long v : d) {
            if (v < 0 || v > MAX_DELAY) {
                throw layer.error(ErrorCode.NETX_VALUE, "delay", layer.path() + " has a delay of " + v + " steps; Loihi holds 0.." + MAX_DELAY,
                        "netx clips delays to " + MAX_DELAY + "; do so before exporting");
            }
        }
        long[] full = new long[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (d.length == 1) full[r * cols + c] = d[0];
                else if (d.length == (long) rows * cols) full[r * cols + c] = d[r * cols + c];
                else if (d.length == rows) full[r * cols + c] = d[r];
                else if (d.length == cols) full[r * cols + c] = d[c];
                else {
                    throw layer.error(ErrorCode.NETX_SHAPE, "delay", layer.path() + " has " + d.length + " delays for " + rows + " outputs from " + cols
                            + " inputs: give one, one per output, one per input or one per synapse", null);
                }
            }
        }
        return full;
    }

    /**
     * Weights that both Lava and the chip hold exactly. A matrix of mixed signs is clipped by Lava's
     * Dense to 8 signed bits (netx's {@code optimize_weight_bits} gives it exponent 0 from 128 on),
     * so its weights are −128..127; a single-sign one keeps up to 255 in Lava, and Dendra's signed
     * 8-bit mantissas with an exponent hold it exactly up to 127, and the even values up to 254.
     */
    static void checkWeights(NetxLayer layer, String field, SparseMatrix weights) {
        boolean positive = false, negative = false;
        for (int e = 0; e < weights.nonZeros(); e++) {
            positive |= weights.value(e) > 0;
            negative |= weights.value(e) < 0;
        }
        for (int e = 0; e < weights.nonZeros(); e++) {
            long w = (long) weights.value(e);
            if (positive && negative && (w > 127 || w < -128)) {
                throw layer.error(ErrorCode.NETX_VALUE, field, layer.path() + " has the weight " + w + " among weights of both signs; Lava's Dense"
                        + " clips those to -128..127", "export the weights within 8 signed bits");
            }
            if (Math.abs(w) > 254 || Math.abs(w) > 127 && w % 2 != 0) {
                throw layer.error(ErrorCode.NETX_VALUE, field, layer.path() + " has the weight " + w + "; Dendra's 8-bit signed mantissas with an exponent"
                        + " hold -127..127 and the even values up to 254", null);
            }
        }
    }

}
