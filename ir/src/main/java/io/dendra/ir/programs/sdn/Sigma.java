package io.dendra.ir.programs.sdn;

import static io.dendra.ir.programs.Kernel.NO_MESSAGE;

import io.dendra.ir.programs.Layout;
import io.dendra.ir.programs.ProgramDefinition;
import java.util.List;

/**
 * {@code sigma}: Loihi 2's sigma decoder (a NetX SDNN output layer with {@code sigma_output}),
 * bit-exact with Lava's {@code PySigmaModelFixed}: sigma ← sigma + in, and it sends sigma, the
 * sum of every change it was sent (0: no message). Op counts: active = integrate, send (2);
 * inactive = read, test (2).
 */
public final class Sigma {
    /** State words of one neuron. */
    public static final int SIGMA = 0, STATE = 1;

    public static final ProgramDefinition DEFINITION = new ProgramDefinition("sigma",
            "Loihi 2 sigma decoder (the sum of the changes it receives), bit-exact with Lava's PySigmaModelFixed", 2, 2, 0,
            new Layout(List.of(), List.of(), List.of("sigma"), List.of(), 1, true, List.of()), Sigma::update);

    private Sigma() {}

    static int update(int count, int states, int[] params, long[] state, long[] input, long[] out, int stateBits, int payloadBits, boolean[] activeOut) {
        int active = 0;
        for (int i = 0; i < count; i++) {
            long sigma = state[i] + input[i];
            boolean busy = (input[i] | sigma) != 0;
            if (activeOut != null) activeOut[i] = busy;
            active += busy ? 1 : 0;
            state[i] = sigma;
            out[i] = sigma != 0 ? sigma : NO_MESSAGE;
        }
        return active;
    }
}
