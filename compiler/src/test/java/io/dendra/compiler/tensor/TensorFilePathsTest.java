package io.dendra.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dendra.diagnostics.DendraException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A path that is not a regular file is named for what it is, before anything is read from it. */
class TensorFilePathsTest {
    @Test
    void foldersDevicesAndMissingFiles(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("x.npy"));
        assertEquals(folder + ": error[E0101]: cannot read " + folder + ": it is a folder; hint: check the path",
                assertThrows(DendraException.class, () -> NpyFile.read(folder)).getMessage());
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            Path link = Files.createSymbolicLink(dir.resolve("zero.safetensors"), zero);
            assertEquals(link + ": error[E0101]: cannot read " + link + ": it is not a regular file (a device or a pipe); hint: check the path",
                    assertThrows(DendraException.class, () -> TensorFile.open(link)).getMessage());
        }
        Path missing = dir.resolve("none.npz");
        assertEquals(missing + ": error[E0101]: cannot read " + missing + ": no such file; hint: check the path",
                assertThrows(DendraException.class, () -> TensorFile.open(missing)).getMessage());
    }
}
