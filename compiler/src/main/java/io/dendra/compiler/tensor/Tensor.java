package io.dendra.compiler.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array read from or written to a tensor file: its dtype as stored, its shape, and
 * its values as float64 in C order. The values are owned by the tensor and never exposed for mutation.
 */
public final class Tensor {
    private final String name;
    private final DType dtype;
    private final int[] shape;
    private final double[] values;

    public Tensor(String name, DType dtype, int[] shape, double[] values) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        long size = sizeOf(this.shape);
        if (size != values.length) {
            throw new IllegalArgumentException("shape " + formatShape(shape) + " needs " + size + " values, got " + values.length);
        }
        this.values = values.clone();
    }

    /** Wraps values without copying them; only for arrays this package just decoded. */
    static Tensor adopt(String name, DType dtype, int[] shape, double[] values) {
        return new Tensor(name, dtype, shape, values, true);
    }

    private Tensor(String name, DType dtype, int[] shape, double[] values, boolean adopted) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
    }

    public static Tensor of(String name, int[] shape, double... values) {
        return new Tensor(name, DType.F64, shape, values);
    }

    public static Tensor scalar(String name, double value) {
        return new Tensor(name, DType.F64, new int[0], new double[] {value});
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return values.length;
    }

    /** The element at a flat C-order index. */
    public double at(int flatIndex) {
        return values[flatIndex];
    }

    public double get(int... index) {
        if (index.length != shape.length) throw new IllegalArgumentException("index rank " + index.length + " for shape " + formatShape(shape));
        int flat = 0;
        for (int axis = 0; axis < shape.length; axis++) {
            if (index[axis] < 0 || index[axis] >= shape[axis]) throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " for shape " + formatShape(shape));
            flat = flat * shape[axis] + index[axis];
        }
        return values[flat];
    }

    /** A copy of the values in C order. */
    public double[] toArray() {
        return values.clone();
    }

    public Tensor renamed(String newName) {
        return adopt(newName, dtype, shape, values);
    }

    public Tensor reshaped(int... newShape) {
        if (sizeOf(newShape) != values.length) throw new IllegalArgumentException("cannot reshape " + formatShape(shape) + " to " + formatShape(newShape));
        return adopt(name, dtype, newShape.clone(), values);
    }

    /** The same values stored as another dtype (for writing). */
    public Tensor as(DType newType) {
        return adopt(name, newType, shape, values);
    }

    /** The index of the first NaN or infinite value, or -1. */
    public int firstNonFinite() {
        for (int i = 0; i < values.length; i++) if (!Double.isFinite(values[i])) return i;
        return -1;
    }

    public String shapeString() {
        return formatShape(shape);
    }

    public static long sizeOf(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + formatShape(shape));
            n *= d;
        }
        return n;
    }

    /** Formats a shape the way numpy prints it: {@code (3, 4)}, {@code (5,)}, {@code ()}. */
    public static String formatShape(int[] shape) {
        if (shape.length == 1) return "(" + shape[0] + ",)";
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) s.append(", ");
            s.append(shape[i]);
        }
        return s.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return name + " " + dtype + formatShape(shape);
    }
}
