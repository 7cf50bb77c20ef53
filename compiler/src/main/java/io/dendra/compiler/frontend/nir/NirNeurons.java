package io.dendra.compiler.frontend.nir;

import io.dendra.compiler.graph.DelayNode;
import io.dendra.compiler.graph.IntegratorNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.ThresholdNode;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;

/**
 * NIR's neurons as model layers, discretised with step {@code dt} (forward Euler, docs/nir.md):
 * LIF, CubaLIF and IF become {@link LifNode}s (with a folded recurrent Affine or Linear); LI, CubaLI
 * and I become {@link IntegratorNode}s, Threshold a {@link ThresholdNode}, Delay a {@link DelayNode}.
 */
final class NirNeurons {
    private final NirParameters params;
    private final double dt;

    NirNeurons(NirParameters params, double dt) {
        this.params = params;
        this.dt = dt;
    }

    /** I, v̇ = R·I: v ← v + R·x, the output is v. */
    Node integrator(NirGraph.Node n, Place place, Node in) {
        return new IntegratorNode(n.name(), place, in, "i", 1, 0, params.perNeuron(n, "r", in.width(), 1.0), new double[in.width()]);
    }

    /** Threshold: a spike wherever the input exceeds the threshold. */
    Node threshold(NirGraph.Node n, Place place, Node in) {
        return new ThresholdNode(n.name(), place, in, params.requiredPerNeuron(n, "threshold", in.width()));
    }

    /**
     * IF, v̇ = R·I: it has no time constant, so a step integrates its input once, v ← v + R·x, as the
     * frameworks that export it (Sinabs' IAF, Norse's IAF) do; spike when v > v_threshold, v ← 0.
     */
    Node integrateAndFire(NirGraph.Node n, Place place, Node in) {
        double[] r = params.perNeuron(n, "r", in.width(), 1.0);
        double threshold = params.require(n, "v_threshold").at(0);
        return new LifNode(n.name(), place, in, 1.0, threshold, LifNode.Reset.ZERO, r, new double[in.width()], true, 0, null, null);
    }

    /** LI, τ v̇ = (v_leak − v) + R·I: v ← (1 − dt/τ)·v + (dt/τ)·(R·x + v_leak); the output is v. */
    Node leakyIntegrator(NirGraph.Node n, Place place, Node in) {
        double a = dt / timeConstant(n, "tau", in.width(), place);
        double[][] membrane = membrane(n, in.width(), a);
        return new IntegratorNode(n.name(), place, in, "li", 1 - a, 0, membrane[0], membrane[1]);
    }

    /** CubaLI: the current of a CubaLIF and the potential of an LI, without spikes; the output is v. */
    Node cubaLeakyIntegrator(NirGraph.Node n, Place place, Node in) {
        double s = dt / timeConstant(n, "tau_syn", in.width(), place);
        double m = dt / timeConstant(n, "tau_mem", in.width(), place);
        double[][] current = currentGainAndBias(n, in.width(), s, m);
        return new IntegratorNode(n.name(), place, in, "cubali", 1 - m, 1 - s, current[0], current[1]);
    }

    /** Delay: each channel's delay in seconds, rounded to whole steps of dt. */
    Node delay(NirGraph.Node n, Place place, Node in) {
        double[] seconds = params.requiredPerNeuron(n, "delay", in.width());
        int[] steps = new int[seconds.length];
        for (int i = 0; i < steps.length; i++) {
            if (!(seconds[i] >= 0)) throw new DendraException(ErrorCode.NIR_SHAPE, place, "Delay '" + n.name() + "' has a delay of " + seconds[i] + " s",
                    "delays are seconds, 0 or more");
            steps[i] = (int) Math.round(seconds[i] / dt);
        }
        return new DelayNode(n.name(), place, in, steps);
    }

    /** A node's time constant: required, one value for all its neurons, and no shorter than dt. */
    double timeConstant(NirGraph.Node n, String key, int width, Place place) {
        double[] values = params.requiredPerNeuron(n, key, width);
        for (double v : values) {
            if (v != values[0]) {
                throw new DendraException(ErrorCode.NIR_UNSUPPORTED, place, key + " of '" + n.name() + "' differs between neurons", "Dendra runs one " + key
                        + " per node");
            }
        }
        double tau = values[0];
        if (!(tau > 0)) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' has " + key + " " + tau + " s; a time constant is positive",
                    "check the exporting model's " + key);
        }
        if (dt > tau) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, n.type() + " '" + n.name() + "' has " + key + " " + tau + " s, which dt " + dt
                    + " s cannot resolve", "pass a smaller --dt");
        }
        return tau;
    }

    /** Forward Euler: decay 1 − dt/τ, input gain R·dt/τ, bias v_leak·dt/τ; spike when v > threshold. */
    Node lif(NirGraph.Node n, Place place, Node in, NirGraph.Node recurrence) {
        double a = dt / timeConstant(n, "tau", in.width(), place);
        double threshold = params.require(n, "v_threshold").at(0);
        double[][] membrane = membrane(n, in.width(), a);
        double[][] rec = recurrence(recurrence, in.width(), place);
        return new LifNode(n.name(), place, in, 1 - a, threshold, LifNode.Reset.ZERO, membrane[0], membrane[1], true, 0, rec[0], rec[1]);
    }

    /**
     * CubaLIF, forward Euler: τ_syn İ = −I + w_in·x gives I ← (1 − dt/τ_syn)·I + (dt/τ_syn)·w_in·x;
     * τ_mem v̇ = (v_leak − v) + R·I gives v ← (1 − dt/τ_mem)·v + (dt/τ_mem)·(R·I + v_leak), with the
     * new I. With J = (dt/τ_mem)·R·I this is the soma of {@link LifNode} with a current.
     */
    Node cubaLif(NirGraph.Node n, Place place, Node in, NirGraph.Node recurrence) {
        double s = dt / timeConstant(n, "tau_syn", in.width(), place);
        double m = dt / timeConstant(n, "tau_mem", in.width(), place);
        double threshold = params.require(n, "v_threshold").at(0);
        double[][] current = currentGainAndBias(n, in.width(), s, m);
        double[][] rec = recurrence(recurrence, in.width(), place);
        return new LifNode(n.name(), place, in, 1 - m, threshold, LifNode.Reset.ZERO, current[0], current[1], true, 1 - s, rec[0], rec[1]);
    }

    /** A membrane's input gain (dt/τ)·R and bias (dt/τ)·v_leak per neuron, for {@code a} = dt/τ. */
    double[][] membrane(NirGraph.Node n, int width, double a) {
        double[] r = params.perNeuron(n, "r", width, 1.0);
        double[] leak = params.perNeuron(n, "v_leak", width, 0.0);
        double[] gain = new double[width];
        double[] bias = new double[width];
        for (int i = 0; i < width; i++) {
            gain[i] = a * r[i];
            bias[i] = a * leak[i];
        }
        return new double[][] {gain, bias};
    }

    /** A current-based neuron's input gain (dt/τ_syn)·w_in·(dt/τ_mem)·R and its v bias (dt/τ_mem)·v_leak, per neuron. */
    double[][] currentGainAndBias(NirGraph.Node n, int width, double s, double m) {
        double[][] membrane = membrane(n, width, m);
        double[] wIn = params.perNeuron(n, "w_in", width, 1.0);
        for (int i = 0; i < width; i++) membrane[0][i] *= s * wIn[i];
        return membrane;
    }

    /** The weights and bias of a folded recurrent Affine or Linear, or nulls. */
    double[][] recurrence(NirGraph.Node a, int width, Place place) {
        if (a == null) return new double[2][];
        Tensor w = params.require(a, "weight");
        if (w.rank() != 2 || w.dim(0) != width || w.dim(1) != width) {
            throw new DendraException(ErrorCode.NIR_SHAPE, place, "recurrent weight " + w.shapeString() + " of '" + a.name() + "' is not " + width + " x "
                    + width, null);
        }
        double[] b = a.primitive() == NirPrimitive.AFFINE && a.param("bias") != null ? a.param("bias").toArray() : new double[width];
        return new double[][] {w.toArray(), b};
    }
}
