package io.dendra.compiler.tensor;

import io.dendra.compiler.tensor.TorchUnpickler.Opaque;
import io.dendra.compiler.tensor.TorchUnpickler.StorageRef;
import io.dendra.compiler.tensor.TorchUnpickler.TensorRef;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.PickleException;

/**
 * A PyTorch checkpoint written by {@code torch.save} (PyTorch 1.6 and later): a zip holding a pickle
 * ({@code ARCHIVE/data.pkl}) and one raw storage per entry ({@code ARCHIVE/data/KEY}). The file may
 * be a Lightning {@code .ckpt} (a dict with {@code state_dict}, {@code hyper_parameters}, optimizer
 * states...) or a bare state_dict ({@code .pt}, {@code .pth}); the state_dict is found by itself and
 * its tensors are this file's tensors. Every tensor's view is checked against its storage's size
 * when the file is opened; data is read per tensor.
 */
public final class TorchCheckpointFile implements TensorFile {
    /** The pickle of a checkpoint is small (names, shapes, configs); anything larger is not one. */
    private static final long MAX_PICKLE_BYTES = 256L << 20;

    private final Path path;
    private final String archive;
    private final ByteOrder order;
    private final String stateDictKey;
    private final Map<String, TensorRef> tensors;
    private final Map<String, TensorInfo> infos;
    private final Object hyperParameters;
    private final List<String> otherKeys;

    private TorchCheckpointFile(Path path, String archive, ByteOrder order, String stateDictKey, Map<String, TensorRef> tensors,
            Map<String, TensorInfo> infos, Object hyperParameters, List<String> otherKeys) {
        this.path = path;
        this.archive = archive;
        this.order = order;
        this.stateDictKey = stateDictKey;
        this.tensors = tensors;
        this.infos = infos;
        this.hyperParameters = hyperParameters;
        this.otherKeys = otherKeys;
    }

    /** True for the extensions PyTorch checkpoints carry. */
    public static boolean isCheckpointName(String fileName) {
        String f = fileName.toLowerCase(java.util.Locale.ROOT);
        return f.endsWith(".ckpt") || f.endsWith(".pt") || f.endsWith(".pth") || f.endsWith(".bin");
    }

    public static TorchCheckpointFile open(Path path) {
        SafetensorsFile.requireReadable(path);
        byte[] head = readHead(path);
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            throw new DendraException(ErrorCode.TORCH_LEGACY_FORMAT, Place.file(path), "this is a checkpoint in the legacy (non-zip) format of"
                    + " torch.save before PyTorch 1.6, which Dendra does not read", null);
        }
        if (head.length < 4 || head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw corrupt(path, "not a PyTorch checkpoint: a torch.save file is a zip archive, and this one does not start like one");
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry pickleEntry = findPickle(zip, path);
            String archive = pickleEntry.getName().substring(0, pickleEntry.getName().length() - "data.pkl".length());
            byte[] pickle = readEntry(zip, pickleEntry, MAX_PICKLE_BYTES, path);
            ByteOrder order = byteOrder(zip, archive, path);
            Object root;
            try {
                root = TorchUnpickler.load(pickle);
            } catch (TorchUnpickler.UnsupportedTensor e) {
                throw new DendraException(ErrorCode.TORCH_UNSUPPORTED, Place.file(path), "the checkpoint holds a tensor rebuilt by "
                        + e.function + ", which Dendra does not read", null);
            } catch (PickleException | ClassCastException | IndexOutOfBoundsException | IllegalArgumentException e) {
                throw corrupt(path, "its pickle (" + pickleEntry.getName() + ") does not load: " + firstLine(e.getMessage()));
            }
            return fromRoot(path, zip, archive, order, root);
        } catch (ZipException e) {
            throw new DendraException(ErrorCode.FILE_TRUNCATED, Place.file(path), "the checkpoint's zip directory is missing or broken ("
                    + firstLine(e.getMessage()) + "): the file was cut short or damaged", null);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(path), "cannot read " + path + ": " + firstLine(e.toString()), null);
        }
    }

    private static TorchCheckpointFile fromRoot(Path path, ZipFile zip, String archive, ByteOrder order, Object root) {
        String key;
        Map<?, ?> stateDict;
        List<String> otherKeys = new ArrayList<>();
        if (root instanceof Map<?, ?> top && top.get("state_dict") instanceof Map<?, ?> sd) {
            key = "state_dict";
            stateDict = sd;
        } else {
            Map.Entry<String, Map<?, ?>> found = largestTensorMap(root, "", 0);
            if (found == null) {
                throw new DendraException(ErrorCode.CHECKPOINT_MISSING, Place.file(path), "the checkpoint holds no tensors (no state_dict"
                        + " and no dict of tensors)", "save the model's state_dict: torch.save(model.state_dict(), \"model.pt\")");
            }
            key = found.getKey();
            stateDict = found.getValue();
        }
        if (root instanceof Map<?, ?> top && !key.isEmpty()) {
            for (Object k : top.keySet()) if (!k.equals(key) && !k.equals("hyper_parameters")) otherKeys.add(String.valueOf(k));
        }
        Map<String, TensorRef> tensors = new LinkedHashMap<>();
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : stateDict.entrySet()) {
            if (!(e.getKey() instanceof String name) || !(e.getValue() instanceof TensorRef ref)) continue;
            checkView(path, zip, archive, name, ref);
            tensors.put(name, ref);
            infos.put(name, new TensorInfo(name, ref.storage().dtype(), ref.size()));
        }
        Object hyper = root instanceof Map<?, ?> top ? top.get("hyper_parameters") : null;
        return new TorchCheckpointFile(path, archive, order, key, tensors, infos, hyper, otherKeys);
    }

    /** The dict (at most 3 levels down) holding the most tensors, with its key path. */
    private static Map.Entry<String, Map<?, ?>> largestTensorMap(Object o, String at, int depth) {
        if (!(o instanceof Map<?, ?> map) || depth > 3) return null;
        Map.Entry<String, Map<?, ?>> best = null;
        int count = 0;
        for (Object v : map.values()) if (v instanceof TensorRef) count++;
        if (count > 0) best = Map.entry(at, map);
        int bestCount = count;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Map.Entry<String, Map<?, ?>> inner = largestTensorMap(e.getValue(), at.isEmpty() ? String.valueOf(e.getKey()) : at + "." + e.getKey(), depth + 1);
            if (inner == null) continue;
            int n = 0;
            for (Object v : inner.getValue().values()) if (v instanceof TensorRef) n++;
            if (n > bestCount) {
                best = inner;
                bestCount = n;
            }
        }
        return best;
    }

    private static void checkView(Path path, ZipFile zip, String archive, String name, TensorRef ref) {
        Place place = Place.item(path, "tensor", name);
        StorageRef s = ref.storage();
        long elements = Tensor.sizeOf(ref.size());
        if (elements > Integer.MAX_VALUE - 8) {
            throw new DendraException(ErrorCode.FILE_CORRUPT, place, "tensor of " + elements + " elements is too large", null);
        }
        ZipEntry entry = zip.getEntry(archive + "data/" + s.key());
        if (entry == null) {
            throw new DendraException(ErrorCode.FILE_TRUNCATED, place, "its storage " + archive + "data/" + s.key() + " is missing from the checkpoint", null);
        }
        if (s.numel() < 0 || entry.getSize() >= 0 && s.numel() > entry.getSize() / s.dtype().bytes()) {
            throw new DendraException(ErrorCode.FILE_TRUNCATED, place, "its storage declares " + s.numel() + " " + s.dtype() + " elements but "
                    + entry.getName() + " holds " + entry.getSize() + " bytes", null);
        }
        if (elements == 0) return;
        long last = ref.offset();
        for (int i = 0; i < ref.size().length; i++) {
            if (ref.stride()[i] < 0) throw new DendraException(ErrorCode.FILE_CORRUPT, place, "negative stride " + ref.stride()[i], null);
            last += (ref.size()[i] - 1) * ref.stride()[i];
        }
        if (ref.offset() < 0 || last >= s.numel()) {
            throw new DendraException(ErrorCode.FILE_CORRUPT, place, "its view (offset " + ref.offset() + ", shape " + Tensor.formatShape(ref.size())
                    + ") reaches element " + last + " of a storage of " + s.numel(), null);
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
        return Optional.ofNullable(infos.get(name));
    }

    @Override
    public Tensor read(String name) {
        TensorRef ref = tensors.get(name);
        if (ref == null) return require(name);
        StorageRef s = ref.storage();
        int count = (int) Tensor.sizeOf(ref.size());
        if (count == 0) return new Tensor(name, s.dtype(), ref.size(), new double[0]);
        long last = ref.offset();
        for (int i = 0; i < ref.size().length; i++) last += (ref.size()[i] - 1) * ref.stride()[i];
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry entry = zip.getEntry(archive + "data/" + s.key());
            long bytes = (last + 1) * s.dtype().bytes();
            byte[] raw;
            try (InputStream in = zip.getInputStream(entry)) {
                raw = in.readNBytes((int) bytes);
            }
            if (raw.length < bytes) {
                throw new DendraException(ErrorCode.FILE_TRUNCATED, Place.item(path, "tensor", name), "its storage " + entry.getName()
                        + " ends after " + raw.length + " of the " + bytes + " bytes the tensor needs", null);
            }
            double[] storage = s.dtype().decode(ByteBuffer.wrap(raw).order(order), (int) (last + 1));
            return Tensor.adopt(name, s.dtype(), ref.size(), gather(storage, ref)); // gathered here, owned by nobody else
        } catch (ZipException e) {
            throw new DendraException(ErrorCode.FILE_CORRUPT, Place.item(path, "tensor", name), "its storage does not read: " + firstLine(e.getMessage()), null);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(path), "cannot read " + path + ": " + firstLine(e.toString()), null);
        }
    }

    /** The strided view's elements in C order. */
    private static double[] gather(double[] storage, TensorRef ref) {
        int[] size = ref.size();
        int count = (int) Tensor.sizeOf(size);
        double[] out = new double[count];
        int rank = size.length;
        int[] index = new int[rank];
        long at = ref.offset();
        for (int i = 0; i < count; i++) {
            out[i] = storage[(int) at];
            for (int axis = rank - 1; axis >= 0; axis--) {
                if (++index[axis] < size[axis]) {
                    at += ref.stride()[axis];
                    break;
                }
                at -= (long) (size[axis] - 1) * ref.stride()[axis];
                index[axis] = 0;
            }
        }
        return out;
    }

    /** Where the state_dict was found: {@code state_dict}, the empty string for a bare state_dict, or a key path. */
    public String stateDictKey() {
        return stateDictKey;
    }

    /** The top-level keys besides the state_dict and the hyper-parameters (optimizer states, loops...), never read. */
    public List<String> otherKeys() {
        return Collections.unmodifiableList(otherKeys);
    }

    /**
     * The checkpoint's {@code hyper_parameters} as plain values (maps with string keys, lists, strings,
     * numbers, booleans, null); OmegaConf configs are read through their node structure. Values that
     * are not plain are left out. Empty when the checkpoint has none.
     */
    public Optional<Map<String, Object>> hyperParameters() {
        Object plain = PlainValues.of(hyperParameters);
        if (plain instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            return Optional.of(m);
        }
        return Optional.empty();
    }

    private static ZipEntry findPickle(ZipFile zip, Path path) {
        ZipEntry found = null;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            String n = e.getName();
            if (n.equals("data.pkl") || n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                if (found != null) throw corrupt(path, "the zip holds two pickles, " + found.getName() + " and " + n);
                found = e;
            }
        }
        if (found == null) throw corrupt(path, "the zip holds no ARCHIVE/data.pkl: it was not written by torch.save");
        return found;
    }

    private static ByteOrder byteOrder(ZipFile zip, String archive, Path path) throws IOException {
        ZipEntry e = zip.getEntry(archive + "byteorder");
        if (e == null) return ByteOrder.LITTLE_ENDIAN;
        String text = new String(readEntry(zip, e, 16, path), StandardCharsets.US_ASCII).trim();
        return switch (text) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw corrupt(path, "its byteorder entry says '" + text + "'");
        };
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, long limit, Path path) throws IOException {
        if (e.getSize() > limit) throw corrupt(path, e.getName() + " has " + e.getSize() + " bytes, more than a checkpoint's " + limit);
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) (e.getSize() >= 0 ? e.getSize() : limit));
        }
        if (e.getSize() >= 0 && bytes.length != e.getSize()) {
            throw new DendraException(ErrorCode.FILE_TRUNCATED, Place.file(path), e.getName() + " ends after " + bytes.length + " of its "
                    + e.getSize() + " bytes", null);
        }
        return bytes;
    }

    private static byte[] readHead(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(path), "cannot read " + path + ": " + firstLine(e.toString()), null);
        }
    }

    private static DendraException corrupt(Path path, String why) {
        return new DendraException(ErrorCode.FILE_CORRUPT, Place.file(path), why, null);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Converts unpickled values to plain ones. */
    static final class PlainValues {
        /** Marks a value that has no plain reading. */
        static final Object UNREADABLE = new Object();

        private PlainValues() {}

        static Object of(Object o) {
            return of(o, 0);
        }

        private static Object of(Object o, int depth) {
            if (depth > 64) return UNREADABLE;
            if (o == null || o instanceof String || o instanceof Boolean) return o;
            if (o instanceof Number n) return n instanceof java.math.BigInteger b ? b.doubleValue() : n;
            if (o instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object v = of(e.getValue(), depth + 1);
                    if (e.getKey() instanceof String k && v != UNREADABLE) out.put(k, v);
                }
                return out;
            }
            if (o instanceof List<?> || o instanceof Object[]) {
                List<?> items = o instanceof List<?> l ? l : java.util.Arrays.asList((Object[]) o);
                List<Object> out = new ArrayList<>();
                for (Object item : items) {
                    Object v = of(item, depth + 1);
                    if (v == UNREADABLE) return UNREADABLE;
                    out.add(v);
                }
                return out;
            }
            // OmegaConf (hydra) configs: containers keep their children in _content, leaves their value in _val
            if (o instanceof Opaque opaque && opaque.stateValue() instanceof Map<?, ?> state) {
                if (state.containsKey("_content")) return of(state.get("_content"), depth + 1);
                if (state.containsKey("_val")) return of(state.get("_val"), depth + 1);
            }
            return UNREADABLE;
        }
    }
}
