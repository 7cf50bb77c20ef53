package io.dendra.targets;

/** The physical kinds of quantity a target file states, each with the unit values are kept in. */
public enum Dimension {
    ENERGY("pJ"), TIME("ns"), POWER("mW"), MEMORY("bit"), FREQUENCY("MHz"), COUNT("");

    private final String baseUnit;

    Dimension(String baseUnit) {
        this.baseUnit = baseUnit;
    }

    /** The unit every value of this kind is converted to. */
    public String baseUnit() {
        return baseUnit;
    }

    public String label() {
        return this == COUNT ? "a plain number" : name().toLowerCase(java.util.Locale.ROOT) + " (" + Unit.symbolsOf(this) + ")";
    }
}
