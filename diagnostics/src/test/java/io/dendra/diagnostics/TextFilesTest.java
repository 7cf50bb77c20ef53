package io.dendra.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkIsDroppedAndBinaryIsNamed() throws Exception {
        Path bom = dir.resolve("windows.dnd");
        Files.write(bom, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'm', 'o', 'd', 'e', 'l'});
        assertEquals("model", TextFiles.read(bom, "model file"));
        Path binary = dir.resolve("image.dnd");
        Files.write(binary, new byte[] {'D', 'C', 'H', 'P', (byte) 0xff, (byte) 0xfe, 0, 1});
        DendraException e = assertThrows(DendraException.class, () -> TextFiles.read(binary, "model file"));
        assertEquals(binary + ": error[E0101]: model file " + binary + " is not UTF-8 text; hint: is it a model file? A binary file (a chip image,"
                + " a checkpoint) cannot be read as one", e.getMessage());
        assertEquals(dir + ": error[E0101]: target file " + dir + " is a folder; hint: give the file's path",
                assertThrows(DendraException.class, () -> TextFiles.read(dir, "target file")).getMessage());
        assertEquals(dir.resolve("none.target") + ": error[E0101]: target file " + dir.resolve("none.target") + " not found; hint: check the path",
                assertThrows(DendraException.class, () -> TextFiles.read(dir.resolve("none.target"), "target file")).getMessage());
    }
}
