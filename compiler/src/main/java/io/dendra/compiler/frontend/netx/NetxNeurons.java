package io.dendra.compiler.frontend.netx;

import io.dendra.compiler.graph.IntegerNeuronNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.NeuronProgram;
import io.dendra.ir.programs.cuba.Cuba;
import io.dendra.ir.programs.sdn.Delta;
import io.dendra.ir.programs.sdn.SigmaDelta;

/**
 * A NetX layer's neurons as a program's integer words, field by field as netx's
 * {@code get_neuron_params} reads them: LOIHI/CUBA as {@code cuba} (du = iDecay − 1, dv = vDecay,
 * bias exponent 6, each neuron's reset phase from its layer's offset), SDNN as {@code delta} (an input
 * layer), {@code sigma} (with {@code sigma_output}) or {@code sigma_delta} (threshold and bias scaled by
 * 2^(spike_exp + 6)); a dense layer without a neuron is netx's non-leaky integrator that never spikes.
 * Each field is checked against what Loihi holds.
 */
final class NetxNeurons {
    /** netx's state exponent of every sigma-delta neuron. */
    static final int STATE_EXP = 6;

    private final NetxOptions options;

    NetxNeurons(NetxOptions options) {
        this.options = options;
    }

    /** The layer's neuron on {@code input}; {@code bias} per output channel or neuron (null: none); {@code first}: the input layer. */
    IntegerNeuronNode neuron(int index, NetxLayer layer, Node input, long[] bias, boolean first, int[] shape, int resetOffset) {
        int count = input.width();
        long[] perNeuron = new long[count];
        if (bias != null) {
            if (bias.length != count && bias.length != shape[0] && bias.length != 1) {
                throw layer.error(ErrorCode.NETX_SHAPE, "bias", layer.path() + " has " + bias.length + " biases for " + shape[0] + " channels of "
                        + count + " neurons", null);
            }
            for (int i = 0; i < count; i++) perNeuron[i] = bias.length == count ? bias[i] : bias.length == 1 ? bias[0] : bias[i % shape[0]];
        }
        String name = "layer" + index;
        if (layer.neuron().isEmpty()) {
            // netx's default for a dense layer without a neuron: a non-leaky integrator (iDecay 0, vDecay 4096) whose threshold 2^17 is never crossed
            return cuba(name, layer, input, -1, 4096, 1 << 17, perNeuron, resetOffset);
        }
        NetxLayer neuron = layer.neuron().get();
        String type = neuron.text("type");
        if (type.equals("LOIHI") || type.equals("CUBA")) {
            long iDecay = range(neuron, "iDecay", 0, 4096);
            long vDecay = range(neuron, "vDecay", 0, 4096);
            long vth = range(neuron, "vThMant", 0, (1 << 17) - 1);
            return cuba(name, layer, input, (int) iDecay - 1, (int) vDecay, (int) vth, perNeuron, resetOffset);
        }
        // Lava's Delta and SigmaDelta processes scale the threshold and the bias by 2^(spike_exp + state_exp); netx's state_exp is 6
        int shift = options.spikeExp() + STATE_EXP;
        if (neuron.has("sigma_output")) return new IntegerNeuronNode(name, layer.place(), input, NeuronProgram.SIGMA, new int[0], new int[0]);
        long vth = range(neuron, "vThMant", 0, (1 << 17) - 1);
        if (first) {
            int[] words = new int[count * Delta.PARAMS];
            for (int i = 0; i < count; i++) {
                words[i * Delta.PARAMS + Delta.VTH] = (int) (vth << shift);
                words[i * Delta.PARAMS + Delta.SHIFT] = shift;
                words[i * Delta.PARAMS + Delta.STATE_EXP] = STATE_EXP;
            }
            return new IntegerNeuronNode(name, layer.place(), input, NeuronProgram.DELTA, words, new int[0]);
        }
        int[] words = new int[count * SigmaDelta.PARAMS];
        for (int i = 0; i < count; i++) {
            words[i * SigmaDelta.PARAMS + SigmaDelta.VTH] = (int) (vth << shift);
            words[i * SigmaDelta.PARAMS + SigmaDelta.BIAS] = (int) (checkBias(layer, "bias", perNeuron[i]) << shift);
            words[i * SigmaDelta.PARAMS + SigmaDelta.STATE_EXP] = STATE_EXP;
        }
        return new IntegerNeuronNode(name, layer.place(), input, NeuronProgram.SIGMA_DELTA, words, new int[0]);
    }

    /** A LOIHI/CUBA layer: the {@code cuba} program's words (bias exponent 6, netx's), each neuron's reset phase from its layer's offset. */
    private IntegerNeuronNode cuba(String name, NetxLayer layer, Node input, int du, int dv, int vth, long[] bias, int resetOffset) {
        int count = input.width();
        int[] words = new int[count * Cuba.PARAMS];
        int[] state = new int[count * Cuba.STATE];
        int phase = Cuba.initialPhase(options.resetInterval(), resetOffset);
        for (int i = 0; i < count; i++) {
            int p = i * Cuba.PARAMS;
            words[p + Cuba.DU] = du;
            words[p + Cuba.DV] = dv;
            words[p + Cuba.BIAS_MANT] = (int) checkBias(layer, "bias", bias[i]);
            words[p + Cuba.BIAS_EXP] = 6;
            words[p + Cuba.VTH] = vth;
            words[p + Cuba.RESET_INTERVAL] = options.resetInterval();
            state[i * Cuba.STATE + Cuba.PHASE] = phase;
        }
        return new IntegerNeuronNode(name, layer.place(), input, NeuronProgram.CUBA, words, phase == 0 ? new int[0] : state);
    }

    /** The run's input bias for the input layer, in Lava's (W, H, C) order (a (C, H, W) array transposed). */
    int[] inputBias(int count, NetxLayer layer, int[] shape) {
        Tensor t = options.inputBias();
        int[] s = t.shape();
        int c = shape[0], h = shape[1], w = shape[2];
        boolean lava = java.util.Arrays.equals(s, new int[] {w, h, c}) || (h == 1 && w == 1 && java.util.Arrays.equals(s, new int[] {c}));
        boolean chw = !lava && java.util.Arrays.equals(s, new int[] {c, h, w});
        if (!lava && !chw) {
            throw new DendraException(ErrorCode.NETX_SHAPE, Place.named("--input-bias"), "the input bias has shape " + java.util.Arrays.toString(s)
                    + "; the input layer " + layer.path() + " is (C, H, W) = " + LavaOrder.text(shape), "give Lava's (W, H, C), or (C, H, W)");
        }
        int[] at = LavaOrder.of(shape);
        int[] bias = new int[count];
        for (int i = 0; i < count; i++) {
            double v = t.at(i);
            if (v != Math.rint(v)) {
                throw new DendraException(ErrorCode.NETX_VALUE, Place.named("--input-bias"), "the input bias holds " + v + ", not a whole number",
                        "a bias mantissa is an integer");
            }
            bias[lava ? i : at[i]] = (int) checkBias(layer, "--input-bias", (long) v);
        }
        return bias;
    }

    /** A bias mantissa within Loihi's 13 signed bits. */
    private static long checkBias(NetxLayer layer, String field, long b) {
        if (b < -(1 << 12) || b >= 1 << 12) {
            throw layer.error(ErrorCode.NETX_VALUE, field, layer.path() + " has a bias of " + b + "; Loihi's bias mantissa holds -4096..4095", null);
        }
        return b;
    }

    private static long range(NetxLayer neuron, String field, long min, long max) {
        long v = neuron.integer(field);
        if (v < min || v > max) throw neuron.error(ErrorCode.NETX_VALUE, field, neuron.path() + "/" + field + " is " + v + "; Loihi holds " + min + ".." + max, null);
        return v;
    }

}
