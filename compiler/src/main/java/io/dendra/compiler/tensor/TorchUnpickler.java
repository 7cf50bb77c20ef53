package io.dendra.compiler.tensor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles the {@code data.pkl} of a {@code torch.save} zip without executing anything: every
 * class the pickle names resolves to a constructor of this class's own table (tensors, storages,
 * ordered dicts) or to an {@link Opaque} record of its name, arguments and state. Tensors come back
 * as {@link TensorRef}s that point into the zip's storages; no tensor data is read here.
 *
 * <p>The pickle is held in memory whole (its size was checked against the zip entry), and every
 * length a pickle opcode declares is checked against the bytes that remain before the library
 * allocates it.
 */
final class TorchUnpickler extends Unpickler {

    /** A storage a tensor views: its element type, its zip entry key, and its length in elements. */
    record StorageRef(DType dtype, String key, long numel) {}

    /** A tensor as the pickle describes it: a strided view of a storage. Nothing is read yet. */
    record TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {}

    /** An instance of a class Dendra does not know, kept as its name, constructor arguments and state. */
    record Opaque(String className, List<Object> args, Object[] state) {
        Object stateValue() {
            return state[0];
        }
    }

    /** A class Dendra does not know: builds {@link Opaque}s from any arguments. */
    private record OpaqueClass(String className) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            return new Opaque(className, Arrays.asList(args), new Object[1]);
        }
    }

    /** A typed storage class such as {@code torch.FloatStorage}; it appears only inside persistent ids. */
    private record StorageClass(DType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("a storage class is called directly");
        }
    }

    /** A tensor kind this reader does not rebuild (quantized, sparse, nested...): an error when used. */
    private record UnsupportedClass(String className) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new UnsupportedTensor(className);
        }
    }

    private static final Map<String, IObjectConstructor> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("collections.OrderedDict", args -> new LinkedHashMap<Object, Object>());
        KNOWN.put("torch._utils._rebuild_tensor", TorchUnpickler::rebuildTensor);
        KNOWN.put("torch._utils._rebuild_tensor_v2", TorchUnpickler::rebuildTensor);
        KNOWN.put("torch._utils._rebuild_parameter", args -> args[0]);
        KNOWN.put("torch._utils._rebuild_parameter_with_state", args -> args[0]);
        KNOWN.put("torch._tensor._rebuild_from_type_v2", args -> {
            if (!(args[0] instanceof IObjectConstructor function) || !(args[2] instanceof Object[] inner)) {
                throw new PickleException("_rebuild_from_type_v2 without a function and its arguments");
            }
            return function.construct(inner);
        });
        Object[][] storages = {
            {"FloatStorage", DType.F32}, {"DoubleStorage", DType.F64}, {"HalfStorage", DType.F16},
            {"BFloat16Storage", DType.BF16}, {"LongStorage", DType.I64}, {"IntStorage", DType.I32},
            {"ShortStorage", DType.I16}, {"CharStorage", DType.I8}, {"ByteStorage", DType.U8}, {"BoolStorage", DType.BOOL},
        };
        for (Object[] s : storages) KNOWN.put("torch." + s[0], new StorageClass((DType) s[1]));
    }

    private final ByteArrayInputStream bytes;

    private TorchUnpickler(ByteArrayInputStream bytes) {
        this.bytes = bytes;
    }

    /** Unpickles a whole {@code data.pkl}. */
    static Object load(byte[] pickle) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(pickle);
        TorchUnpickler unpickler = new TorchUnpickler(in);
        try {
            return unpickler.load(in);
        } finally {
            unpickler.close();
        }
    }

    @Override
    protected Object dispatch(short opcode) throws PickleException, IOException {
        switch (opcode) {
            case Opcodes.GLOBAL -> {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(classFor(module, name));
                return NO_RETURN_VALUE;
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(name instanceof String n) || !(module instanceof String m)) throw new PickleException("STACK_GLOBAL without names");
                stack.add(classFor(m, n));
                return NO_RETURN_VALUE;
            }
            // Python dicts keep insertion order (a state_dict's order is the module's); the library's are hash maps.
            case Opcodes.EMPTY_DICT -> {
                stack.add(new LinkedHashMap<Object, Object>());
                return NO_RETURN_VALUE;
            }
            case Opcodes.DICT -> {
                Map<Object, Object> dict = new LinkedHashMap<>();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
                return NO_RETURN_VALUE;
            }
            case Opcodes.SETITEMS -> {
                List<Object> pairs = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Map<?, ?> target)) throw new PickleException("SETITEMS on a value that is not a dict");
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) target;
                putPairs(dict, pairs);
                return NO_RETURN_VALUE;
            }
            case Opcodes.BUILD -> {
                // Only opaque objects keep their state; torch's dict subclasses carry attributes no reader needs.
                Object state = stack.pop();
                if (stack.peek() instanceof Opaque o) o.state()[0] = state;
                return NO_RETURN_VALUE;
            }
            case Opcodes.BINBYTES, Opcodes.BINUNICODE, Opcodes.BINSTRING, Opcodes.LONG4 -> checkDeclaredLength(4);
            case Opcodes.BINBYTES8, Opcodes.BINUNICODE8, Opcodes.BYTEARRAY8 -> checkDeclaredLength(8);
            default -> { }
        }
        return super.dispatch(opcode);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        // torch.save: ('storage', storage_type, key, location, numel)
        if (pid instanceof Object[] t && t.length == 5 && "storage".equals(t[0]) && t[2] instanceof String key && t[4] instanceof Number numel) {
            if (t[1] instanceof UnsupportedClass u) throw new UnsupportedTensor(u.className());
            if (!(t[1] instanceof StorageClass type)) {
                throw new PickleException("unsupported storage type " + describe(t[1]));
            }
            return new StorageRef(type.dtype(), key, numel.longValue());
        }
        throw new PickleException("unknown persistent id " + describe(pid));
    }

    private static IObjectConstructor classFor(String module, String name) {
        String qualified = module + "." + name;
        IObjectConstructor known = KNOWN.get(qualified);
        if (known != null) return known;
        if (module.startsWith("torch") && (name.startsWith("_rebuild") || name.endsWith("Storage"))) {
            return new UnsupportedClass(qualified);
        }
        return new OpaqueClass(qualified);
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> pairs) {
        if (pairs.size() % 2 != 0) throw new PickleException("a dict with an odd number of keys and values");
        for (int i = 0; i < pairs.size(); i += 2) dict.put(pairs.get(i), pairs.get(i + 1));
    }

    private void checkDeclaredLength(int width) {
        bytes.mark(width);
        long length = 0;
        for (int i = 0; i < width; i++) {
            int b = bytes.read();
            if (b < 0) break;
            length |= (long) b << (8 * i);
        }
        bytes.reset();
        if (length < 0 || length > bytes.available() - width) {
            throw new PickleException("an opcode declares " + length + " bytes but " + Math.max(0, bytes.available() - width) + " remain");
        }
    }

    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef storage) || !(args[1] instanceof Number offset)
                || !(args[2] instanceof Object[] size) || !(args[3] instanceof Object[] stride) || size.length != stride.length) {
            throw new PickleException("a tensor without storage, offset, size and stride");
        }
        int[] dims = new int[size.length];
        long[] steps = new long[stride.length];
        for (int i = 0; i < dims.length; i++) {
            if (!(size[i] instanceof Number d) || !(stride[i] instanceof Number s)) throw new PickleException("a tensor size that is not a number");
            long n = d.longValue();
            if (n < 0 || n > Integer.MAX_VALUE) throw new PickleException("a tensor dimension of " + n);
            dims[i] = (int) n;
            steps[i] = s.longValue();
        }
        return new TensorRef(storage, offset.longValue(), dims, steps);
    }

    private static String describe(Object o) {
        if (o instanceof Object[] a) return Arrays.deepToString(a);
        return String.valueOf(o);
    }

    /** Thrown when the pickle rebuilds a tensor kind this reader does not support. */
    static final class UnsupportedTensor extends PickleException {
        private static final long serialVersionUID = 1L;
        final String function;

        UnsupportedTensor(String function) {
            super("unsupported tensor kind " + function);
            this.function = function;
        }
    }
}
