package io.dendra.ir;

import java.util.Arrays;

/** A growable int array, so that building tables of millions of synapses boxes nothing. */
public final class IntArrayBuilder {
    private int[] values = new int[16];
    private int size;

    public void add(int value) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = value;
    }

    public int size() {
        return size;
    }

    public int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
