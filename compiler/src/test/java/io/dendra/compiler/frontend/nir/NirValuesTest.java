package io.dendra.compiler.frontend.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.diagnostics.DendraException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values no later stage can repair are refused when a NIR file is read. */
class NirValuesTest {
    @Test
    void aNonFiniteParameterNamesItsNodeAndIndex(@TempDir Path dir) {
        Path file = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {2})
                .node("fc", "Linear", "weight", new double[][] {{1, 0}, {Double.NaN, 1}})
                .node("output", "Output", "shape", new long[] {2})
                .chain("input", "fc", "output").write(dir.resolve("nan.nir"));
        DendraException e = assertThrows(DendraException.class, () -> NirReader.read(file, false));
        assertEquals(file + ": node 'fc': error[E0109]: parameter 'weight' holds NaN at index 2; hint: NIR parameters must be finite; check the"
                + " exporting model", e.getMessage());
    }

    /** A convolution whose expansion would not fit is refused with its numbers (16 × 2048² outputs × 9 taps), before anything is built. */
    @Test
    void aConvolutionTooLargeToExpandIsRefusedFirst(@TempDir Path dir) {
        Path file = NirFiles.graph()
                .node("input", "Input", "shape", new long[] {1, 2048, 2048})
                .node("conv", "Conv2d", "weight", new double[16][1][3][3], "bias", new double[16], "stride", new long[] {1, 1},
                        "padding", new long[] {1, 1}, "dilation", new long[] {1, 1}, "groups", new long[] {1})
                .node("output", "Output", "shape", new long[] {16, 2048, 2048})
                .chain("input", "conv", "output").write(dir.resolve("wide.nir"));
        long started = System.nanoTime();
        DendraException e = assertThrows(DendraException.class, () -> io.dendra.compiler.frontend.ModelLoader.load(file));
        assertEquals(io.dendra.diagnostics.ErrorCode.NIR_UNSUPPORTED, e.code());
        assertTrue(e.getMessage().contains("Conv2d 'conv' would expand into up to 603,979,776 synapses for 67,108,864 output values"), e.getMessage());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused before expanding");
    }

    @Test
    void twoInputsAreRefused(@TempDir Path dir) {
        Path file = NirFiles.graph()
                .node("a", "Input", "shape", new long[] {1})
                .node("b", "Input", "shape", new long[] {1})
                .node("output", "Output", "shape", new long[] {1})
                .edge("a", "output").edge("b", "output").write(dir.resolve("two.nir"));
        DendraException e = assertThrows(DendraException.class, () -> NirReader.read(file, false));
        assertEquals(file + ": error[E0806]: the graph has 2 Input nodes (a, b); Dendra runs graphs with one input; hint: merge the inputs into one"
                + " Input node before exporting", e.getMessage());
    }
}
