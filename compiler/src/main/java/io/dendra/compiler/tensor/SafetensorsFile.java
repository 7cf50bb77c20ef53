package io.dendra.compiler.tensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A safetensors file: 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the little-endian C-order data. The header is validated on open; data
 * is read per tensor.
 */
public final class SafetensorsFile implements TensorFile {
    private static final long MAX_HEADER_BYTES = 100L << 20;

    private record Entry(TensorInfo info, long begin, long end) {}

    private final Path path;
    private final long dataStart;
    private final Map<String, Entry> entries;

    private SafetensorsFile(Path path, long dataStart, Map<String, Entry> entries) {
        this.path = path;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    public static SafetensorsFile open(Path path) {
        requireReadable(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) throw truncated(path, "the file is " + fileSize + " bytes, shorter than the 8-byte header length");
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw corrupt(path, "header length " + headerLength + " is not plausible");
            }
            if (8 + headerLength > fileSize) {
                throw truncated(path, "the header announces " + headerLength + " bytes but the file has " + (fileSize - 8) + " after the length");
            }
            ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength);
            String json = StandardCharsets.UTF_8.decode(headerBytes).toString();
            long dataStart = 8 + headerLength;
            Map<String, Entry> entries = parseHeader(path, json, fileSize - dataStart);
            return new SafetensorsFile(path, dataStart, entries);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static Map<String, Entry> parseHeader(Path path, String json, long dataBytes) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json.trim());
        } catch (IOException e) {
            throw corrupt(path, "the JSON header does not parse (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) throw corrupt(path, "the JSON header is not an object");
        Map<String, Entry> entries = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("__metadata__")) continue;
            JsonNode spec = field.getValue();
            Place place = Place.item(path, "tensor", name);
            JsonNode dtypeNode = spec.get("dtype");
            JsonNode shapeNode = spec.get("shape");
            JsonNode offsetsNode = spec.get("data_offsets");
            if (dtypeNode == null || shapeNode == null || offsetsNode == null || !shapeNode.isArray()
                    || !offsetsNode.isArray() || offsetsNode.size() != 2) {
                throw new DendraException(ErrorCode.FILE_CORRUPT, place, "header entry lacks dtype, shape or data_offsets", null);
            }
            DType dtype = DType.fromSafetensors(dtypeNode.asText()).orElseThrow(() -> new DendraException(
                    ErrorCode.UNSUPPORTED_DTYPE, place, "dtype '" + dtypeNode.asText() + "' is not supported", null));
            int[] shape = new int[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToInt() || d.asInt() < 0) throw new DendraException(ErrorCode.FILE_CORRUPT, place, "shape " + shapeNode + " is not a list of sizes", null);
                shape[i] = d.asInt();
            }
            long begin = offsetsNode.get(0).asLong(-1);
            long end = offsetsNode.get(1).asLong(-1);
            long expected = Tensor.sizeOf(shape) * dtype.bytes();
            if (begin < 0 || end < begin) {
                throw new DendraException(ErrorCode.FILE_CORRUPT, place, "data_offsets " + offsetsNode + " are not a byte range", null);
            }
            if (end - begin != expected) {
                throw new DendraException(ErrorCode.FILE_CORRUPT, place, "data_offsets " + offsetsNode + " span " + (end - begin)
                        + " bytes but " + dtype + Tensor.formatShape(shape) + " needs " + expected, null);
            }
            if (end > dataBytes) {
                throw new DendraException(ErrorCode.FILE_TRUNCATED, place, "its data ends at byte " + end + " of the data section, which has only " + dataBytes, null);
            }
            if (Tensor.sizeOf(shape) > Integer.MAX_VALUE - 8) {
                throw new DendraException(ErrorCode.FILE_CORRUPT, place, "tensor of " + Tensor.sizeOf(shape) + " elements is too large", null);
            }
            entries.put(name, new Entry(new TensorInfo(name, dtype, shape), begin, end));
        }
        List<Entry> byStart = new ArrayList<>(entries.values());
        byStart.sort(java.util.Comparator.comparingLong(Entry::begin));
        for (int i = 1; i < byStart.size(); i++) {
            Entry previous = byStart.get(i - 1);
            Entry next = byStart.get(i);
            if (next.begin() < previous.end()) {
                throw new DendraException(ErrorCode.FILE_CORRUPT, Place.item(path, "tensor", next.info().name()), "its bytes " + next.begin() + ".."
                        + next.end() + " overlap those of '" + previous.info().name() + "' (" + previous.begin() + ".." + previous.end() + ")", null);
            }
        }
        return entries;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    @Override
    public Optional<TensorInfo> info(String name) {
        Entry e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(e.info());
    }

    @Override
    public Tensor read(String name) {
        Entry e = entries.get(name);
        if (e == null) return require(name);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer bytes = readFully(channel, dataStart + e.begin(), (int) (e.end() - e.begin())).order(ByteOrder.LITTLE_ENDIAN);
            TensorInfo info = e.info();
            return Tensor.adopt(name, info.dtype(), info.shape(), info.dtype().decode(bytes, (int) Tensor.sizeOf(info.shape())));
        } catch (IOException ex) {
            throw unreadable(path, ex);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) throw new java.io.EOFException();
        }
        return buffer.flip();
    }

    static DendraException unreadable(Path path, IOException e) {
        String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : firstLine(e.toString());
        return new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(path), "cannot read " + path + ": " + why, null);
    }

    private static DendraException truncated(Path path, String why) {
        return new DendraException(ErrorCode.FILE_TRUNCATED, Place.file(path), "truncated safetensors file: " + why, null);
    }

    private static DendraException corrupt(Path path, String why) {
        return new DendraException(ErrorCode.FILE_CORRUPT, Place.file(path), "not a valid safetensors file: " + why, null);
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Checks that the path is a regular file before reading, so that a folder, a device or a missing file is reported as such. */
    static void requireReadable(Path path) {
        if (Files.isRegularFile(path)) return;
        String why = Files.isDirectory(path) ? "it is a folder" : Files.exists(path) ? "it is not a regular file (a device or a pipe)" : "no such file";
        throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(path), "cannot read " + path + ": " + why, null);
    }
}
