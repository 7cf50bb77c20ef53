package io.dendra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Lava's bit-accurate Loihi models, written out again from their published source
 * (lava-nc/lava: {@code PyLifModelBitAcc} in src/lava/proc/lif/models.py, {@code PyDenseModelBitAcc}
 * in src/lava/proc/dense/models.py) and nothing of Dendra's: a network of LIF processes, one per
 * core, and Dense processes, one per (destination core, synapse group) with the group's weight_exp,
 * built from the integers of an image's {@code inspect --params} JSON.
 *
 * <p>Lava's protocol, per timestep t = 1, 2, …: every Dense sends the a_buff it computed in t − 1;
 * every LIF receives the sum of its Dense inputs as a_in, updates and spikes; every Dense receives
 * the spikes of t and computes a_buff = (Σ weight · spike) shifted by weight_exp (a right shift
 * floors). The host's input for input step τ is a source process spiking at τ; its step-0 spikes
 * are the input Dense's initial a_buff. Only delay-0 synapses and binary spikes (loihi1) exist here.
 */
final class LavaBitAccurateNetwork {
    /** One Dense process: its weight_exp and, per source (a core's neuron or an input channel), its synapses (target, weight). */
    private static final class Dense {
        final int core;
        final int exponent;
        final Map<Long, List<int[]>> bySource = new LinkedHashMap<>();
        long[] buffer;

        Dense(int core, int exponent, int neurons) {
            this.core = core;
            this.exponent = exponent;
            this.buffer = new long[neurons];
        }
    }

    private final int cores;
    private final int[] neurons;
    private final int[][] du, dv, biasMant, biasExp, vth;
    private final long[][] u, v;
    private final List<Dense> denses = new ArrayList<>();

    LavaBitAccurateNetwork(JsonNode params) {
        if (!params.get("accumulation").asText().equals("floor_per_group")) throw new IllegalArgumentException("not a Loihi 1 image");
        if (params.at("/input/bias").size() != 0) throw new IllegalArgumentException("host bias messages have no Lava counterpart here");
        JsonNode coreNodes = params.get("cores");
        cores = coreNodes.size();
        neurons = new int[cores];
        du = new int[cores][];
        dv = new int[cores][];
        biasMant = new int[cores][];
        biasExp = new int[cores][];
        vth = new int[cores][];
        u = new long[cores][];
        v = new long[cores][];
        Map<Long, Dense> byGroup = new LinkedHashMap<>();
        // axons[core][axon] = the Dense of its group
        List<List<Dense>> axonDense = new ArrayList<>();
        for (int c = 0; c < cores; c++) {
            JsonNode core = coreNodes.get(c);
            if (!core.get("program").asText().equals("lif")) throw new IllegalArgumentException("core " + c + " is not lif");
            int n = core.get("neurons").asInt();
            neurons[c] = n;
            du[c] = ints(core.at("/parameters/du"));
            dv[c] = ints(core.at("/parameters/dv"));
            biasMant[c] = ints(core.at("/parameters/bias_mant"));
            biasExp[c] = ints(core.at("/parameters/bias_exp"));
            vth[c] = ints(core.at("/parameters/vth"));
            u[c] = new long[n];
            v[c] = new long[n];
            if (!core.get("initial_state").isNull()) {
                int[] u0 = ints(core.at("/initial_state/u"));
                int[] v0 = ints(core.at("/initial_state/v"));
                for (int i = 0; i < n; i++) {
                    u[c][i] = u0[i];
                    v[c][i] = v0[i];
                }
            }
            List<Dense> perAxon = new ArrayList<>();
            for (JsonNode axon : core.get("axons")) {
                long key = ((long) c << 32) | axon.get("group").asInt();
                int exponent = axon.get("exponent").asInt();
                Dense d = byGroup.computeIfAbsent(key, k -> new Dense(key2core(k), exponent, n));
                if (d.exponent != exponent) throw new IllegalArgumentException("core " + c + ": a group with two exponents");
                perAxon.add(d);
            }
            axonDense.add(perAxon);
        }
        denses.addAll(byGroup.values());
        for (int c = 0; c < cores; c++) {
            JsonNode routes = coreNodes.get(c).get("routes");
            for (int i = 0; i < neurons[c]; i++) {
                for (JsonNode r : routes.get(i)) connect(coreNodes, axonDense, source(c, i), r.get(0).asInt(), r.get(1).asInt());
            }
        }
        JsonNode channels = params.at("/input/destinations");
        for (int ch = 0; ch < channels.size(); ch++) {
            for (JsonNode d : channels.get(ch)) connect(coreNodes, axonDense, input(ch), d.get(0).asInt(), d.get(1).asInt());
        }
    }

    private static int key2core(long key) {
        return (int) (key >>> 32);
    }

    private static long source(int core, int neuron) {
        return ((long) core << 32) | neuron;
    }

    private static long input(int channel) {
        return -1L - channel;
    }

    private void connect(JsonNode coreNodes, List<List<Dense>> axonDense, long source, int core, int axon) {
        Dense d = axonDense.get(core).get(axon);
        List<int[]> synapses = d.bySource.computeIfAbsent(source, k -> new ArrayList<>());
        for (JsonNode s : coreNodes.get(core).get("axons").get(axon).get("synapses")) {
            if (s.get(2).asInt() != 0) throw new IllegalArgumentException("a delayed synapse: Lava's Dense has none");
            synapses.add(new int[] {s.get(0).asInt(), s.get(1).asInt()});
        }
    }

    private static int[] ints(JsonNode array) {
        int[] a = new int[array.size()];
        for (int i = 0; i < a.length; i++) a[i] = array.get(i).asInt();
        return a;
    }

    /**
     * Runs {@code steps} timesteps with binary input {@code input[τ · channels + ch]} (sent at τ,
     * for τ below {@code inputSteps}); returns every spike as "t core neuron".
     */
    Set<String> run(double[] input, int channels, int inputSteps, int steps) {
        Set<String> spikes = new TreeSet<>();
        for (Dense d : denses) d.buffer = accumulate(d, input, channels, inputSteps, 0, null);
        for (int t = 1; t <= steps; t++) {
            boolean[][] fired = new boolean[cores][];
            for (int c = 0; c < cores; c++) {
                long[] aIn = new long[neurons[c]];
                for (Dense d : denses) if (d.core == c) for (int i = 0; i < aIn.length; i++) aIn[i] += d.buffer[i];
                fired[c] = lifStep(c, aIn);
                for (int i = 0; i < neurons[c]; i++) if (fired[c][i]) spikes.add(t + " " + c + " " + i);
            }
            for (Dense d : denses) d.buffer = accumulate(d, input, channels, inputSteps, t, fired);
        }
        return spikes;
    }

    /** Dense: a_accum = Σ weight · s_in over this step's spikes, then shifted by weight_exp (right shifts floor). */
    private long[] accumulate(Dense d, double[] input, int channels, int inputSteps, int t, boolean[][] fired) {
        long[] sum = new long[neurons[d.core]];
        d.bySource.forEach((source, synapses) -> {
            boolean spike;
            if (source < 0) {
                int ch = (int) (-1L - source);
                spike = t < inputSteps && input[t * channels + ch] != 0;
            } else {
                spike = fired != null && fired[(int) (source >>> 32)][(int) (source & 0xffffffffL)];
            }
            if (spike) for (int[] s : synapses) sum[s[0]] += s[1];
        });
        for (int i = 0; i < sum.length; i++) sum[i] = d.exponent > 0 ? sum[i] << d.exponent : sum[i] >> -d.exponent;
        return sum;
    }

    /** PyLifModelBitAcc.subthr_dynamics, then v > vth << 6 spikes and resets v. */
    private boolean[] lifStep(int c, long[] aIn) {
        final long max = 1L << 23;
        boolean[] spiked = new boolean[neurons[c]];
        for (int i = 0; i < neurons[c]; i++) {
            long decayedCurr = u[c][i] * (4096 - (du[c][i] + 1));
            decayedCurr = Long.signum(decayedCurr) * (Math.abs(decayedCurr) >> 12);
            decayedCurr += aIn[i] << 6;
            long wrapped = decayedCurr > max ? decayedCurr - 2 * max : decayedCurr;
            if (wrapped <= -max) wrapped = decayedCurr + 2 * max;
            u[c][i] = wrapped;
            long decayedVolt = v[c][i] * (4096 - dv[c][i]);
            decayedVolt = Long.signum(decayedVolt) * (Math.abs(decayedVolt) >> 12);
            long bias = biasExp[c][i] >= 0 ? (long) biasMant[c][i] << biasExp[c][i] : (long) biasMant[c][i] >> -biasExp[c][i];
            long updated = decayedVolt + u[c][i] + bias;
            v[c][i] = Math.max(-max + 1, Math.min(max - 1, updated));
            spiked[i] = v[c][i] > ((long) vth[c][i] << 6);
            if (spiked[i]) v[c][i] = 0;
        }
        return spiked;
    }
}
