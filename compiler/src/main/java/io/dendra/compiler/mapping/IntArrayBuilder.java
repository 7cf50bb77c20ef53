package io.dendra.compiler.mapping;

import java.util.Arrays;

/** A growable int array, so that building tables of millions of synapses boxes nothing. */
final class IntArrayBuilder {
    private int[] values = new int[16];
    private int size;

    void add(int value) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = value;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
