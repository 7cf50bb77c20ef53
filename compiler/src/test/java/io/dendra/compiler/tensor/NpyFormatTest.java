package io.dendra.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NpyFormatTest {
    private static final Place PLACE = Place.named("test.npy");

    @ParameterizedTest
    @EnumSource(value = DType.class, names = "BF16", mode = EnumSource.Mode.EXCLUDE)
    void everyNumpyTypeRoundTripsThroughAFile(DType type, @TempDir Path dir) {
        double[] values = type == DType.BOOL ? new double[] {1, 0, 1, 1, 0, 0} : new double[] {0, 1, -2, 3, 100, -7};
        if (type == DType.U8) values = new double[] {0, 1, 200, 3, 100, 7};
        Tensor original = new Tensor("a", type, new int[] {2, 3}, values);
        Path file = dir.resolve("a.npy");
        NpyFile.write(file, original);
        Tensor back = NpyFile.read(file);
        assertEquals(type, back.dtype());
        assertArrayEquals(new int[] {2, 3}, back.shape());
        assertArrayEquals(values, back.toArray());
    }

    @Test
    void headerIsPaddedToSixtyFourBytesAsNumpyWritesIt() {
        byte[] bytes = NpyFormat.encode(Tensor.of("x", new int[] {3}, 1, 2, 3));
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"), header);
        assertEquals('\n', header.charAt(header.length() - 1));
    }

    @Test
    void zeroDimensionalArrayHoldsOneValue() {
        Tensor scalar = NpyFormat.parse(npy("'<f8'", "False", "()", le(8).putDouble(2.5).array()), "s", PLACE);
        assertEquals(0, scalar.rank());
        assertEquals(2.5, scalar.at(0));
    }

    @Test
    void fortranOrderIsTransposedIntoCOrder() {
        // The 2x3 matrix [[1,2,3],[4,5,6]] stored column by column: 1,4,2,5,3,6.
        ByteBuffer data = le(6 * 4);
        for (int v : new int[] {1, 4, 2, 5, 3, 6}) data.putInt(v);
        Tensor t = NpyFormat.parse(npy("'<i4'", "True", "(2, 3)", data.array()), "m", PLACE);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
        assertEquals(6, t.get(1, 2));
    }

    @Test
    void fortranOrderOfThreeAxes() {
        // a[i][j][k] = 100 i + 10 j + k, shape (2, 2, 3), stored with i fastest.
        ByteBuffer data = le(12 * 8);
        for (int k = 0; k < 3; k++) for (int j = 0; j < 2; j++) for (int i = 0; i < 2; i++) data.putDouble(100 * i + 10 * j + k);
        Tensor t = NpyFormat.parse(npy("'<f8'", "True", "(2, 2, 3)", data.array()), "m", PLACE);
        assertEquals(112, t.get(1, 1, 2));
        assertEquals(12, t.get(0, 1, 2));
        assertEquals(101, t.get(1, 0, 1));
    }

    @Test
    void bigEndianDataIsRead() {
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-4f);
        Tensor t = NpyFormat.parse(npy("'>f4'", "False", "(2,)", data.array()), "b", PLACE);
        assertArrayEquals(new double[] {1.5, -4}, t.toArray());
    }

    @Test
    void version2HeaderIsRead() {
        String dict = "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        out.writeBytes(le(4).putInt(dict.length()).array());
        out.writeBytes(dict.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(le(4).putShort((short) -3).putShort((short) 7).array());
        assertArrayEquals(new double[] {-3, 7}, NpyFormat.parse(out.toByteArray(), "v2", PLACE).toArray());
    }

    @Test
    void truncatedDataIsRefusedAsTruncated() {
        byte[] whole = NpyFormat.encode(Tensor.of("x", new int[] {4}, 1, 2, 3, 4));
        DendraException e = assertThrows(DendraException.class,
                () -> NpyFormat.parse(Arrays.copyOf(whole, whole.length - 5), "x", PLACE));
        assertEquals(ErrorCode.FILE_TRUNCATED, e.code());
        assertTrue(e.getMessage().contains("needs 32 data bytes"), e.getMessage());
    }

    @Test
    void wrongMagicIsRefusedAsCorrupt() {
        byte[] bytes = NpyFormat.encode(Tensor.of("x", new int[] {1}, 1));
        bytes[1] = 'X';
        assertEquals(ErrorCode.FILE_CORRUPT, assertThrows(DendraException.class, () -> NpyFormat.parse(bytes, "x", PLACE)).code());
    }

    @Test
    void tinyFileIsTruncated() {
        assertEquals(ErrorCode.FILE_TRUNCATED,
                assertThrows(DendraException.class, () -> NpyFormat.parse(new byte[] {(byte) 0x93, 'N'}, "x", PLACE)).code());
    }

    @Test
    void complexAndStructuredTypesAreUnsupported() {
        assertEquals(ErrorCode.UNSUPPORTED_DTYPE, assertThrows(DendraException.class,
                () -> NpyFormat.parse(npy("'<c16'", "False", "(1,)", new byte[16]), "x", PLACE)).code());
        assertEquals(ErrorCode.UNSUPPORTED_DTYPE, assertThrows(DendraException.class,
                () -> NpyFormat.parse(npy("[('a', '<f4')]", "False", "(1,)", new byte[4]), "x", PLACE)).code());
    }

    @Test
    void missingFileIsReportedWithItsPath(@TempDir Path dir) {
        Path absent = dir.resolve("absent.npy");
        DendraException e = assertThrows(DendraException.class, () -> NpyFile.read(absent));
        assertEquals(ErrorCode.FILE_NOT_READABLE, e.code());
        assertTrue(e.getMessage().startsWith(absent + ": error[E0101]"), e.getMessage());
    }

    @Test
    void garbageFileIsCorrupt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junk.npy");
        Files.writeString(file, "this is not numpy data at all");
        assertEquals(ErrorCode.FILE_CORRUPT, assertThrows(DendraException.class, () -> NpyFile.read(file)).code());
    }

    static byte[] npy(String descr, String fortran, String shape, byte[] data) {
        String dict = "{'descr': " + descr + ", 'fortran_order': " + fortran + ", 'shape': " + shape + ", }\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(le(2).putShort((short) dict.length()).array());
        out.writeBytes(dict.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
