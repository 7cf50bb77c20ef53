package io.dendra.cli;

import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The sequences the compiler calibrates its fixed-point scales on: a {@code --calibrate} file,
 * or by default {@value #DEFAULT_SEQUENCES} sequences of {@value #DEFAULT_STEPS} steps of values
 * uniform in [0, 1) (token ids uniform over the vocabulary), from a fixed seed; a network that carries
 * its own integers (NetX) has nothing to calibrate and is traced on {@value #FIXED_POINT_STEPS} steps
 * of zero input.
 */
final class CalibrationInput {
    static final int DEFAULT_SEQUENCES = 4;
    static final int DEFAULT_STEPS = 128;
    private static final long SEED = 2024;
    /** A network with its own integers is traced on this many steps of zero input (fed by its biases). */
    static final int FIXED_POINT_STEPS = 16;

    private CalibrationInput() {}

    /** What a compile without {@code --calibrate} says after it succeeded. */
    static String syntheticNote(ModelGraph graph) {
        if (graph.fixedPoint()) {
            return "note: " + graph.name() + " carries its own integers (a NetX network): nothing was calibrated; its quantization error and activity"
                    + " estimates come from " + FIXED_POINT_STEPS + " steps of zero input";
        }
        return String.format(Locale.ROOT, "note: no --calibrate given: the fixed-point scales were chosen on %d synthetic sequences of %d steps (%s); for a trained"
                + " model, calibrate on real inputs with --calibrate X.npy", DEFAULT_SEQUENCES, DEFAULT_STEPS,
                graph.input().tokens() ? "token ids uniform over the vocabulary" : "values uniform in [0, 1)");
    }

    static SequenceBatch of(Path file, ModelGraph graph) {
        if (file != null) return InputFiles.read(file, graph);
        var input = graph.input();
        if (graph.fixedPoint()) return InputFiles.zeros(FIXED_POINT_STEPS, input.width());
        SplittableRandom random = new SplittableRandom(SEED);
        double[] values = new double[DEFAULT_SEQUENCES * DEFAULT_STEPS * input.width()];
        for (int i = 0; i < values.length; i++) values[i] = input.tokens() ? random.nextInt(input.vocabulary()) : random.nextDouble();
        int[] shape = input.tokens() ? new int[] {DEFAULT_SEQUENCES, DEFAULT_STEPS} : new int[] {DEFAULT_SEQUENCES, DEFAULT_STEPS, input.width()};
        return SequenceBatch.of(Tensor.of("calibration", shape, values), input, Path.of("(synthetic calibration input)"));
    }
}
