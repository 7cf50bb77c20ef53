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
    void aDamagedMemberFailsItsCrc() throws Exception {
        Path file = dir.resolve("stored.npz");
        byte[] npy = NpyFormat.encode(Tensor.of("w", new int[] {4}, 1, 2, 3, 4));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(npy);
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            java.util.zip.ZipEntry entry = new java.util.zip.ZipEntry("w.npy");
            entry.setMethod(java.util.zip.ZipEntry.STORED);
            entry.setSize(npy.length);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(npy);
            zip.closeEntry();
        }
        assertEquals(2.0, NpzFile.open(file).require("w").at(1));
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, npy) + npy.length - 3;        // a byte of the last float's data
        bytes[at] ^= 0x40;
        Files.write(file, bytes);
        DendraException e = assertThrows(DendraException.class, () -> NpzFile.open(file));
        assertEquals(file + ": member 'w.npy': error[E0103]: the member fails its CRC-32 check: the archive is damaged; hint: the file is not a"
                + " valid tensor file; re-export it", e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void fileOpensByExtension() {
        Path file = dir.resolve("y.npz");
        NpzFile.write(file, List.of(Tensor.of("q", new int[] {1}, 3)));
        assertEquals(3, TensorFile.open(file).require("q").at(0));
        assertEquals(ErrorCode.UNKNOWN_TENSOR_FORMAT, assertThrows(DendraException.class, () -> TensorFile.open(dir.resolve("w.h5"))).code());
    }
}
