package io.dendra.compiler;

import io.dendra.compiler.Compiler;
import io.dendra.compiler.frontend.dnd.DndFrontEnd;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.SequenceBatch;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.targets.Target;
import io.dendra.targets.TargetReader;
import io.dendra.targets.Targets;
import java.nio.file.Path;

/** Compiles small models written inline, on built-in targets or edited copies of them. */
public final class Fixtures {
    public static final Path ROOT = Path.of(System.getProperty("dendra.root", "..")).toAbsolutePath().normalize();

    private Fixtures() {}

    public static ModelGraph model(String body) {
        return DndFrontEnd.parse("model m {\n" + body + "\n}\n", Path.of("m.dnd"));
    }

    /** A built-in target with text replacements applied, for example a smaller core. */
    public static Target target(String builtIn, String... replacements) {
        String text = Targets.builtInText(builtIn);
        for (int i = 0; i < replacements.length; i += 2) {
            if (!text.contains(replacements[i])) throw new AssertionError("no '" + replacements[i] + "' in " + builtIn);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        return TargetReader.parse(text, Path.of(builtIn + "-edited.target"));
    }

    public static SequenceBatch batch(ModelGraph graph, int[] shape, double... values) {
        return SequenceBatch.of(Tensor.of("calibration", shape, values), graph.input(), Path.of("calibration.npy"));
    }

    public static Compiler.Result compile(ModelGraph graph, Target target, SequenceBatch calibration) {
        return Compiler.compile(graph, target, calibration, null);
    }

    /**
     * Skips the calling test unless {@code present}, saying why on standard output (which the build
     * shows), so that a fresh clone without ../shared or Chromium says what it did not check.
     */
    public static void assumePresent(boolean present, String why) {
        if (!present) System.out.println("skipped " + StackWalker.getInstance().walk(s -> s.skip(1).findFirst().map(f -> f.getClassName()
                .replaceAll(".*\\.", "") + "." + f.getMethodName()).orElse("a test")) + ": " + why);
        org.junit.jupiter.api.Assumptions.assumeTrue(present, why);
    }
}
