package io.dendra.diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the text files users write (models, targets): strict UTF-8, a leading byte-order mark dropped. */
public final class TextFiles {
    private TextFiles() {}

    /** The file's text; {@code what} names the kind of file in messages ("model file", "target file"). */
    public static String read(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), what + " " + file + " is a folder", "give the file's path");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), what + " " + file + " not found", null);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), "cannot read " + what + " " + file + ": " + e.getMessage(), null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), what + " " + file + " is not UTF-8 text", "is it a "
                    + what + "? A binary file (a chip image, a checkpoint) cannot be read as one");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
