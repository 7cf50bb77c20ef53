package io.dendra.compiler.tensor;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Optional;

/** The element types of tensor files, with their byte width and their names in safetensors and numpy. */
public enum DType {
    F64(8, "F64", "f8", false),
    F32(4, "F32", "f4", false),
    F16(2, "F16", "f2", false),
    BF16(2, "BF16", null, false),
    I64(8, "I64", "i8", true),
    I32(4, "I32", "i4", true),
    I16(2, "I16", "i2", true),
    I8(1, "I8", "i1", true),
    U8(1, "U8", "u1", true),
    BOOL(1, "BOOL", "b1", true);

    private final int bytes;
    private final String safetensorsName;
    private final String numpyCode;
    private final boolean integral;

    DType(int bytes, String safetensorsName, String numpyCode, boolean integral) {
        this.bytes = bytes;
        this.safetensorsName = safetensorsName;
        this.numpyCode = numpyCode;
        this.integral = integral;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isIntegral() {
        return integral;
    }

    public String safetensorsName() {
        return safetensorsName;
    }

    /** The numpy type code without byte order, for example {@code f4}; empty for BF16, which numpy lacks. */
    public Optional<String> numpyCode() {
        return Optional.ofNullable(numpyCode);
    }

    public static Optional<DType> fromSafetensors(String name) {
        for (DType t : values()) if (t.safetensorsName.equals(name)) return Optional.of(t);
        return Optional.empty();
    }

    /** Looks up a numpy code such as {@code f8}, {@code i1} or {@code ?} (bool). */
    public static Optional<DType> fromNumpy(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        if (c.equals("?") || c.equals("b1")) return Optional.of(BOOL);
        if (c.equals("b")) return Optional.of(I8);
        for (DType t : values()) if (c.equals(t.numpyCode)) return Optional.of(t);
        return Optional.empty();
    }

    /** Reads {@code count} elements from the buffer (whose byte order is already set) as doubles. */
    public double[] decode(ByteBuffer in, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (this) {
                case F64 -> in.getDouble();
                case F32 -> in.getFloat();
                case F16 -> halfToFloat(in.getShort() & 0xffff);
                case BF16 -> Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
                case I64 -> in.getLong();
                case I32 -> in.getInt();
                case I16 -> in.getShort();
                case I8 -> in.get();
                case U8 -> in.get() & 0xff;
                case BOOL -> in.get() != 0 ? 1 : 0;
            };
        }
        return out;
    }

    /** Writes the values in this type; floats round to nearest even, integers must already be whole. */
    public void encode(double[] values, ByteBuffer out) {
        for (double v : values) {
            switch (this) {
                case F64 -> out.putDouble(v);
                case F32 -> out.putFloat((float) v);
                case F16 -> out.putShort((short) floatToHalf((float) v));
                case BF16 -> out.putShort((short) floatToBfloat((float) v));
                case I64 -> out.putLong((long) v);
                case I32 -> out.putInt((int) v);
                case I16 -> out.putShort((short) v);
                case I8, U8 -> out.put((byte) v);
                case BOOL -> out.put((byte) (v != 0 ? 1 : 0));
            }
        }
    }

    /** IEEE 754 binary16 to binary32, exact. */
    static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 31) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (mantissa << 13));
        }
        return sign == 0 ? magnitude : -magnitude;
    }

    /** IEEE 754 binary32 to binary16, rounding to nearest even; overflow gives infinity. */
    static int floatToHalf(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) return sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0);
        int e = exponent - 127 + 15;
        if (e >= 31) return sign | 0x7c00;
        if (e <= 0) {
            if (e < -10) return sign;
            int m = mantissa | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (rest > midpoint || (rest == midpoint && (half & 1) == 1)) half++;
            return sign | half;
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) half++;
        return sign | half;
    }

    static int floatToBfloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (bits >>> 16) | 0x40;
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (bits + rounding) >>> 16;
    }
}
