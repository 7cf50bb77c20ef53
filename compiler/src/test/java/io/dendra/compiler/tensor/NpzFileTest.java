package io.dendra.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzFileTest {
    @TempDir
    Path dir;

    @Test
    void deflatedArchiveRoundTrips() {
        Tensor a = Tensor.of("a", new int[] {2}, 1, 2);
        Tensor b = new Tensor("b", DType.I32, new int[] {1, 3}, new double[] {4, 5, 6});
        Path file = dir.resolve("x.npz");
        NpzFile.write(file, List.of(a, b));
        NpzFile read = NpzFile.open(file);
        assertEquals(List.of("a", "b"), read.names());
        assertEquals(a, read.read("a"));
        assertEquals(b, read.read("b"));
    }

    @Test
    void storedArchiveIsRead() throws Exception {
        // numpy.savez writes members uncompressed (ZIP_STORED).
        byte[] member = NpyFormat.encode(Tensor.of("w", new int[] {3}, 7, 8, 9));
        Path file = dir.resolve("stored.npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry = new ZipEntry("w.npy");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(member.length);
            CRC32 crc = new CRC32();
            crc.update(member);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(member);
            zip.closeEntry();
        }
        assertArrayEquals(new double[] {7, 8, 9}, NpzFile.open(file).read("w").toArray());
    }

    @Test
    void truncatedArchiveIsRefused() throws Exception {
        Path file = dir.resolve("whole.npz");
        NpzFile.write(file, List.of(Tensor.of("a", new int[] {100}, new double[100])));
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        DendraException e = assertThrows(DendraException.class, () -> NpzFile.open(cut));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
    }

    @Test
    void fileOpensByExtension() {
        Path file = dir.resolve("y.npz");
        NpzFile.write(file, List.of(Tensor.of("q", new int[] {1}, 3)));
        assertEquals(3, TensorFile.open(file).require("q").at(0));
        assertEquals(ErrorCode.UNKNOWN_TENSOR_FORMAT, assertThrows(DendraException.class, () -> TensorFile.open(dir.resolve("w.h5"))).code());
    }
}
