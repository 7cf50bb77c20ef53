package io.dendra.compiler.tensor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/** Writes tensors in the safetensors layout, each in its own dtype, in the given order. */
public final class SafetensorsWriter {
    private SafetensorsWriter() {}

    public static void write(Path path, Collection<Tensor> tensors, Map<String, String> metadata) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", t.dtype().safetensorsName());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) shape.add(d);
            long size = (long) t.size() * t.dtype().bytes();
            entry.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] headerBytes;
        try {
            headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int padding = (8 - headerBytes.length % 8) % 8;
        try (OutputStream out = Files.newOutputStream(path)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length + padding);
            out.write(length.array());
            out.write(headerBytes);
            out.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
            for (Tensor t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(t.size() * t.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
                t.dtype().encode(t.toArray(), data);
                out.write(data.array());
            }
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(path), "cannot write " + path + ": " + e.getMessage(), null);
        }
    }
}
