package io.dendra.ir.programs.ssm;

/**
 * Where an {@code ssm} block's words start in its kernel order ({@link io.dendra.ir.NeuronProgram#kernelParams}):
 * after every neuron's header, Ā, B̄ and C's real and imaginary parts, each one run over
 * [neuron][state]; in the state, after every neuron's soma potential, the states' real and
 * imaginary parts likewise. Both kernels ({@link SsmKernel#scalar}, {@link SsmLanes}) read
 * the block through it.
 */
record SsmWords(int aRe, int aIm, int bRe, int bIm, int cRe, int cIm, int sRe, int sIm) {
    static SsmWords of(int count, int states) {
        int cells = count * states;
        int aRe = count * Ssm.HEADER;
        return new SsmWords(aRe, aRe + cells, aRe + 2 * cells, aRe + 3 * cells, aRe + 4 * cells, aRe + 5 * cells, count, count + cells);
    }
}
