package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * A diagonal state-space layer (S4D) over each of H channels, with {@code states} complex modes per
 * channel (N/2 for a real state size N). Holds the continuous parameters: per channel the step dt,
 * per mode A and B (B is 1 for the minimal kernel), per direction C, and the skip D. Arrays of
 * modes are channel-major: index {@code h * states + n}; C adds the direction in front.
 * {@link #discretize()} is the one definition of the zero-order hold.
 */
public record S4dNode(String name, Place place, Node input, int states, Kernel kernel, double[] dt, double[] aRe,
        double[] aIm, double[] bRe, double[] bIm, int directions, double[] cRe, double[] cIm, double[] d) implements Node {

    /** How the kernel was parameterised: the minimal S4D kernel (B fixed at 1) or S4's SSMKernelDiag with trainable B. */
    public enum Kernel { MINIMAL, TRAINABLE_B }

    public S4dNode {
        int h = input.width();
        int modes = h * states;
        if (states <= 0) throw new IllegalArgumentException("states must be positive");
        if (directions != 1 && directions != 2) throw new IllegalArgumentException("one or two directions");
        if (dt.length != h || d.length != h) throw new IllegalArgumentException("dt and D need one entry per channel");
        if (aRe.length != modes || aIm.length != modes || bRe.length != modes || bIm.length != modes) {
            throw new IllegalArgumentException("A and B need H x states entries");
        }
        if (cRe.length != directions * modes || cIm.length != directions * modes) {
            throw new IllegalArgumentException("C needs directions x H x states entries");
        }
        dt = dt.clone();
        aRe = aRe.clone();
        aIm = aIm.clone();
        bRe = bRe.clone();
        bIm = bIm.clone();
        cRe = cRe.clone();
        cIm = cIm.clone();
        d = d.clone();
    }

    /** The discrete-time coefficients Ā = exp(dt·A) and B̄ = B·(Ā − 1)/A, per mode (channel-major). */
    public record Discrete(double[] abarRe, double[] abarIm, double[] bbarRe, double[] bbarIm) {}

    public Discrete discretize() {
        int h = input.width();
        int modes = h * states;
        double[] abarRe = new double[modes];
        double[] abarIm = new double[modes];
        double[] bbarRe = new double[modes];
        double[] bbarIm = new double[modes];
        for (int c = 0; c < h; c++) {
            for (int n = 0; n < states; n++) {
                int k = c * states + n;
                double magnitude = Math.exp(dt[c] * aRe[k]);
                double phase = dt[c] * aIm[k];
                abarRe[k] = magnitude * Math.cos(phase);
                abarIm[k] = magnitude * Math.sin(phase);
                // (Ā − 1) / A, then times B.
                double numRe = abarRe[k] - 1;
                double numIm = abarIm[k];
                double denominator = aRe[k] * aRe[k] + aIm[k] * aIm[k];
                double qRe = (numRe * aRe[k] + numIm * aIm[k]) / denominator;
                double qIm = (numIm * aRe[k] - numRe * aIm[k]) / denominator;
                bbarRe[k] = bRe[k] * qRe - bIm[k] * qIm;
                bbarIm[k] = bRe[k] * qIm + bIm[k] * qRe;
            }
        }
        return new Discrete(abarRe, abarIm, bbarRe, bbarIm);
    }

    public boolean bidirectional() { return directions == 2; }
    public double dt(int channel) { return dt[channel]; }
    public double d(int channel) { return d[channel]; }
    public double cRe(int direction, int channel, int state) { return cRe[(direction * input.width() + channel) * states + state]; }
    public double cIm(int direction, int channel, int state) { return cIm[(direction * input.width() + channel) * states + state]; }

    @Override public double[] dt() { return dt.clone(); }
    @Override public double[] aRe() { return aRe.clone(); }
    @Override public double[] aIm() { return aIm.clone(); }
    @Override public double[] bRe() { return bRe.clone(); }
    @Override public double[] bIm() { return bIm.clone(); }
    @Override public double[] cRe() { return cRe.clone(); }
    @Override public double[] cIm() { return cIm.clone(); }
    @Override public double[] d() { return d.clone(); }
    @Override public int width() { return input.width(); }
    @Override public List<Node> inputs() { return List.of(input); }
    @Override public Timing timing() { return Timing.SEQUENCE; }
    @Override public String kind() { return "s4d"; }

    @Override
    public long parameterCount() {
        long modes = (long) input.width() * states;
        long b = kernel == Kernel.TRAINABLE_B ? 2 * modes : 0;
        return dt.length + 2 * modes + b + 2 * directions * modes + d.length;
    }
}
