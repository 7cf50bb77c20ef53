package io.dendra.targets;

/** An inclusive range of whole numbers, written {@code min .. max} in target files. */
public record IntRange(int min, int max) {
    public IntRange {
        if (min > max) throw new IllegalArgumentException("range " + min + " .. " + max + " is empty");
    }

    public boolean contains(int value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return min + " .. " + max;
    }
}
