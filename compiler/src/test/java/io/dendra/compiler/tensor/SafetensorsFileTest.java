package io.dendra.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    @TempDir
    Path dir;

    @Test
    void everyDtypeRoundTrips() {
        List<Tensor> tensors = Arrays.stream(DType.values())
                .map(t -> new Tensor("t_" + t, t, new int[] {2, 2}, t == DType.BOOL ? new double[] {1, 0, 0, 1} : new double[] {0, 1, 2, 3}))
                .toList();
        Path file = dir.resolve("all.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of("format", "pt"));
        SafetensorsFile read = SafetensorsFile.open(file);
        assertEquals(tensors.stream().map(Tensor::name).toList(), read.names());
        for (Tensor t : tensors) assertEquals(t, read.read(t.name()));
    }

    @Test
    void halfAndBfloatValuesDecodeExactly() throws Exception {
        // Hand-built file: F16 [1.0, -2.0] = 0x3c00, 0xc000; BF16 [1.0, 0.5] = 0x3f80, 0x3f00.
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}";
        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3f80).putShort((short) 0x3f00);
        Path file = write(header, data.array());
        SafetensorsFile read = SafetensorsFile.open(file);
        assertArrayEquals(new double[] {1, -2}, read.read("h").toArray());
        assertArrayEquals(new double[] {1, 0.5}, read.read("b").toArray());
    }

    @Test
    void headerLongerThanTheFileIsTruncated() throws Exception {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        DendraException e = assertThrows(DendraException.class, () -> SafetensorsFile.open(file));
        assertEquals(ErrorCode.FILE_TRUNCATED, e.code());
    }

    @Test
    void dataCutShortIsTruncatedAndNamesTheTensor() throws Exception {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        Path file = write(header, new byte[10]);
        DendraException e = assertThrows(DendraException.class, () -> SafetensorsFile.open(file));
        assertEquals(ErrorCode.FILE_TRUNCATED, e.code());
        assertTrue(e.getMessage().contains("tensor 'w'"), e.getMessage());
    }

    @Test
    void invalidJsonIsCorrupt() throws Exception {
        assertEquals(ErrorCode.FILE_CORRUPT, assertThrows(DendraException.class,
                () -> SafetensorsFile.open(write("{\"w\": [oops", new byte[0]))).code());
    }

    @Test
    void offsetsThatDisagreeWithTheShapeAreCorrupt() throws Exception {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}";
        DendraException e = assertThrows(DendraException.class, () -> SafetensorsFile.open(write(header, new byte[16])));
        assertEquals(ErrorCode.FILE_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("needs 16"), e.getMessage());
    }

    @Test
    void overlappingTensorsAreCorrupt() throws Exception {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path file = write(header, new byte[12]);
        DendraException e = assertThrows(DendraException.class, () -> SafetensorsFile.open(file));
        assertEquals(file + ": tensor 'b': error[E0103]: its bytes 4..12 overlap those of 'a' (0..8); hint: the file is not a valid tensor file;"
                + " re-export it", e.getMessage());
    }

    @Test
    void unknownDtypeIsUnsupported() throws Exception {
        String header = "{\"w\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        assertEquals(ErrorCode.UNSUPPORTED_DTYPE, assertThrows(DendraException.class,
                () -> SafetensorsFile.open(write(header, new byte[8]))).code());
    }

    @Test
    void implausibleHeaderLengthIsCorrupt() throws Exception {
        Path file = dir.resolve("random.safetensors");
        Files.write(file, "PK\u0003\u0004 this is a zip file, not safetensors".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(ErrorCode.FILE_CORRUPT, assertThrows(DendraException.class, () -> SafetensorsFile.open(file)).code());
    }

    @Test
    void missingTensorSuggestsTheClosestName() {
        Path file = dir.resolve("m.safetensors");
        SafetensorsWriter.write(file, List.of(Tensor.of("encoder.weight", new int[] {1}, 1)), Map.of());
        DendraException e = assertThrows(DendraException.class, () -> SafetensorsFile.open(file).require("encoder.wieght"));
        assertEquals(ErrorCode.MISSING_TENSOR, e.code());
        assertTrue(e.getMessage().contains("did you mean 'encoder.weight'?"), e.getMessage());
    }

    private Path write(String header, byte[] data) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(data);
        Path file = dir.resolve("hand.safetensors");
        Files.write(file, out.array());
        return file;
    }
}
