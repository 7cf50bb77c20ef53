package io.dendra.compiler.tensor;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** A numpy {@code .npz} archive (stored or deflated zip of .npy members); member {@code w.npy} is tensor {@code w}. */
public final class NpzFile implements TensorFile {
    private final Path path;
    private final Map<String, Tensor> tensors;

    private NpzFile(Path path, Map<String, Tensor> tensors) {
        this.path = path;
        this.tensors = tensors;
    }

    public static NpzFile open(Path path) {
        SafetensorsFile.requireReadable(path);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            long declared = 0;
            for (ZipEntry entry : Collections.list(zip.entries())) declared += Math.max(0, entry.getSize());
            long room = Runtime.getRuntime().maxMemory() / 2;
            if (declared > room) {
                throw new DendraException(ErrorCode.FILE_CORRUPT, Place.file(path), "the .npz archive's members unpack to " + declared
                        + " bytes, more than this run can hold (" + room + ")", "give Java more memory (DENDRA_JAVA_OPTS=-Xmx16g) if the file is genuine");
            }
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.isDirectory()) continue;
                String member = entry.getName();
                String name = member.endsWith(".npy") ? member.substring(0, member.length() - 4) : member;
                tensors.put(name, NpyFormat.parse(member(zip, entry, path), name, Place.item(path, "member", member)));
            }
        } catch (ZipException e) {
            throw new DendraException(ErrorCode.FILE_CORRUPT, Place.file(path), "not a valid .npz archive: " + SafetensorsFile.firstLine(e.getMessage()), null);
        } catch (IOException e) {
            if (e.getCause() instanceof java.util.zip.DataFormatException || e instanceof java.io.EOFException) {
                throw new DendraException(ErrorCode.FILE_TRUNCATED, Place.file(path), "the .npz archive is truncated or damaged: " + SafetensorsFile.firstLine(e.getMessage()), null);
            }
            throw SafetensorsFile.unreadable(path, e);
        }
        return new NpzFile(path, tensors);
    }

    /** A member's bytes: no more than its declared size (an archive that lies about it is refused) and its CRC checked. */
    private static byte[] member(ZipFile zip, ZipEntry entry, Path path) throws IOException {
        Place place = Place.item(path, "member", entry.getName());
        if (entry.getSize() < 0 || entry.getSize() > Integer.MAX_VALUE - 8) {
            throw new DendraException(ErrorCode.FILE_CORRUPT, place, "the member declares no usable size (" + entry.getSize() + ")", null);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes((int) entry.getSize());
            if (in.read() >= 0) throw new DendraException(ErrorCode.FILE_CORRUPT, place, "the member holds more than the " + entry.getSize()
                    + " bytes it declares", null);
        }
        if (bytes.length != entry.getSize()) {
            throw new DendraException(ErrorCode.FILE_TRUNCATED, place, "the member ends after " + bytes.length + " of its " + entry.getSize() + " bytes", null);
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new DendraException(ErrorCode.FILE_CORRUPT, place, "the member fails its CRC-32 check: the archive is damaged", null);
        }
        return bytes;
    }

    /** Writes tensors as a deflated .npz archive. */
    public static void write(Path path, Collection<Tensor> tensors) {
        try (OutputStream file = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Tensor t : tensors) {
                zip.putNextEntry(new ZipEntry(t.name() + ".npy"));
                zip.write(NpyFormat.encode(t));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(path), "cannot write " + path + ": " + e.getMessage(), null);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public List<String> names() {
        return new ArrayList<>(tensors.keySet());
    }

    @Override
    public Optional<TensorInfo> info(String name) {
        Tensor t = tensors.get(name);
        return t == null ? Optional.empty() : Optional.of(new TensorInfo(name, t.dtype(), t.shape()));
    }

    @Override
    public Tensor read(String name) {
        Tensor t = tensors.get(name);
        return t != null ? t : require(name);
    }
}
