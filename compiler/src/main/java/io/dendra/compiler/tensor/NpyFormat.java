package io.dendra.compiler.tensor;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numpy {@code .npy} format (versions 1.0 to 3.0): magic, version, a header dict literal with
 * descr, fortran_order and shape, then the raw data. Fortran-ordered arrays are returned in C order.
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z?]\\d*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFormat() {}

    /** Reads one array; {@code place} names the file (and the .npz entry) for errors. */
    public static Tensor parse(byte[] bytes, String name, Place place) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10) throw truncated(place, "the file is " + bytes.length + " bytes, shorter than the .npy preamble");
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw corrupt(place, "it does not start with the .npy magic \\x93NUMPY");
        }
        int major = bytes[6];
        in.position(8);
        long headerLength;
        if (major == 1) {
            headerLength = in.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw truncated(place, "the preamble is cut short");
            headerLength = in.getInt() & 0xffffffffL;
        } else {
            throw corrupt(place, ".npy format version " + major + " is not supported (1, 2 and 3 are)");
        }
        if (in.position() + headerLength > bytes.length) throw truncated(place, "the header announces " + headerLength + " bytes");
        String header = new String(bytes, in.position(), (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
        in.position(in.position() + (int) headerLength);
        if (!header.startsWith("{")) throw corrupt(place, "the header is not a dict: " + abbreviate(header));

        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            if (header.contains("'descr'")) {
                throw new DendraException(ErrorCode.UNSUPPORTED_DTYPE, place, "dtype in header " + abbreviate(header) + " is not supported", null);
            }
            throw corrupt(place, "the header lacks 'descr'");
        }
        String order = descr.group(1);
        String code = descr.group(2);
        DType dtype = DType.fromNumpy(code).orElseThrow(() -> new DendraException(ErrorCode.UNSUPPORTED_DTYPE, place,
                "numpy dtype '" + order + code + "' is not supported", null));
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!fortran.find() || !shapeMatch.find()) throw corrupt(place, "the header lacks 'fortran_order' or 'shape'");
        int[] shape = parseShape(shapeMatch.group(1), place);

        long count = Tensor.sizeOf(shape);
        long needed = count * dtype.bytes();
        if (count > Integer.MAX_VALUE - 8) throw corrupt(place, "array of " + count + " elements is too large");
        if (in.remaining() < needed) {
            throw truncated(place, "shape " + Tensor.formatShape(shape) + " of " + dtype + " needs " + needed + " data bytes, the file has " + in.remaining());
        }
        in.order(order.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] values = dtype.decode(in, (int) count);
        if (fortran.group(1).equals("True")) values = fortranToC(values, shape);
        return Tensor.adopt(name, dtype, shape, values);
    }

    /** Encodes a tensor as a version 1.0 .npy in its dtype (little-endian, C order). */
    public static byte[] encode(Tensor tensor) {
        DType dtype = tensor.dtype();
        String code = dtype.numpyCode().orElseThrow(() -> new IllegalArgumentException(dtype + " has no numpy equivalent"));
        String byteOrder = dtype.bytes() == 1 ? "|" : "<";
        String dict = "{'descr': '" + byteOrder + code + "', 'fortran_order': False, 'shape': " + tensor.shapeString() + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        int length = header.length();
        out.write(length & 0xff);
        out.write((length >>> 8) & 0xff);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer data = ByteBuffer.allocate(tensor.size() * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        dtype.encode(tensor.toArray(), data);
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private static int[] parseShape(String text, Place place) {
        String[] parts = text.split(",");
        int n = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            if (p.endsWith("L")) p = p.substring(0, p.length() - 1);
            try {
                shape[n] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw corrupt(place, "shape (" + text + ") is not a tuple of sizes");
            }
            if (shape[n] < 0) throw corrupt(place, "shape (" + text + ") has a negative size");
            n++;
        }
        return java.util.Arrays.copyOf(shape, n);
    }

    private static double[] fortranToC(double[] fortran, int[] shape) {
        double[] c = new double[fortran.length];
        int rank = shape.length;
        int[] index = new int[rank];
        for (int f = 0; f < fortran.length; f++) {
            int flat = 0;
            for (int axis = 0; axis < rank; axis++) flat = flat * shape[axis] + index[axis];
            c[flat] = fortran[f];
            for (int axis = 0; axis < rank; axis++) {
                if (++index[axis] < shape[axis]) break;
                index[axis] = 0;
            }
        }
        return c;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static DendraException truncated(Place place, String why) {
        return new DendraException(ErrorCode.FILE_TRUNCATED, place, "truncated .npy data: " + why, null);
    }

    private static DendraException corrupt(Place place, String why) {
        return new DendraException(ErrorCode.FILE_CORRUPT, place, "not a valid .npy array: " + why, null);
    }
}
