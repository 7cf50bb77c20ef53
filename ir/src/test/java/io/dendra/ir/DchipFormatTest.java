package io.dendra.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DchipFormatTest {
    private static final Path FILE = Path.of("m.dchip");

    @Test
    void imageRoundTripsThroughAFile(@TempDir Path dir) {
        ChipImage image = TinyImages.sumThenReadout(3);
        Path file = dir.resolve("tiny.dchip");
        DchipFormat.write(file, image);
        assertEquals(image, DchipFormat.read(file));
    }

    private static ErrorCode refused(byte[] bytes) {
        DendraException e = assertThrows(DendraException.class, () -> DchipFormat.decode(bytes, FILE));
        assertTrue(e.getMessage().startsWith("m.dchip: error[E06"), e.getMessage());
        return e.code();
    }

    @Test
    void truncatedImagesAreRefused() {
        byte[] whole = DchipFormat.encode(TinyImages.sumThenReadout(0));
        for (int length : new int[] {whole.length - 1, whole.length - 40, whole.length / 2, 20}) {
            assertEquals(ErrorCode.IMAGE_TRUNCATED, refused(Arrays.copyOf(whole, length)), "cut to " + length);
        }
    }

    @Test
    void everyFlippedByteIsCaught() {
        byte[] whole = DchipFormat.encode(TinyImages.sumThenReadout(0));
        for (int i = 12; i < whole.length; i += 7) {
            byte[] damaged = whole.clone();
            damaged[i] ^= 0x10;
            ErrorCode code = refused(damaged);
            assertTrue(code == ErrorCode.IMAGE_CORRUPT || code == ErrorCode.IMAGE_TRUNCATED, "byte " + i + ": " + code);
        }
    }

    @Test
    void wrongMagicAndFutureVersion() {
        assertEquals(ErrorCode.IMAGE_NOT_DCHIP, refused("model fmnist { }".getBytes()));
        byte[] future = DchipFormat.encode(TinyImages.sumThenReadout(0));
        ByteBuffer.wrap(future).order(ByteOrder.LITTLE_ENDIAN).putInt(8, DchipFormat.VERSION + 1);
        // the version byte changed without the checksum: damage, not a newer format
        assertEquals(ErrorCode.IMAGE_CORRUPT, refused(future));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(future, 0, future.length - 4);
        ByteBuffer.wrap(future).order(ByteOrder.LITTLE_ENDIAN).putInt(future.length - 4, (int) crc.getValue());
        assertEquals(ErrorCode.IMAGE_VERSION, refused(future));
    }

    @Test
    void missingFileIsUnreadable(@TempDir Path dir) {
        assertEquals(ErrorCode.FILE_NOT_READABLE, assertThrows(DendraException.class, () -> DchipFormat.read(dir.resolve("none.dchip"))).code());
    }
}
