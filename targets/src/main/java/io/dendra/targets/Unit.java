package io.dendra.targets;

import java.util.Optional;
import java.util.StringJoiner;

/** A unit of the target language and its factor to the base unit of its {@link Dimension}. */
public enum Unit {
    FJ("fJ", Dimension.ENERGY, 1e-3),
    PJ("pJ", Dimension.ENERGY, 1),
    NJ("nJ", Dimension.ENERGY, 1e3),
    PS("ps", Dimension.TIME, 1e-3),
    NS("ns", Dimension.TIME, 1),
    US("us", Dimension.TIME, 1e3),
    /** Clock cycles: converted to ns with the target's clock. */
    CYCLES("cycles", Dimension.TIME, Double.NaN),
    UW("uW", Dimension.POWER, 1e-3),
    MW("mW", Dimension.POWER, 1),
    W("W", Dimension.POWER, 1e3),
    BIT("bit", Dimension.MEMORY, 1),
    BYTE("B", Dimension.MEMORY, 8),
    KIB("KiB", Dimension.MEMORY, 8 * 1024),
    MIB("MiB", Dimension.MEMORY, 8 * 1024 * 1024),
    MHZ("MHz", Dimension.FREQUENCY, 1),
    GHZ("GHz", Dimension.FREQUENCY, 1e3);

    private final String symbol;
    private final Dimension dimension;
    private final double factor;

    Unit(String symbol, Dimension dimension, double factor) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.factor = factor;
    }

    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    /** Converts a value in this unit to the base unit; cycles need {@code clockMhz}. */
    public double toBase(double value, double clockMhz) {
        return this == CYCLES ? value * 1e3 / clockMhz : value * factor;
    }

    public static Optional<Unit> bySymbol(String symbol) {
        for (Unit u : values()) if (u.symbol.equals(symbol)) return Optional.of(u);
        return Optional.empty();
    }

    static String symbolsOf(Dimension dimension) {
        StringJoiner s = new StringJoiner(", ");
        for (Unit u : values()) if (u.dimension == dimension) s.add(u.symbol);
        return s.toString();
    }

    static java.util.List<String> allSymbols() {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (Unit u : values()) all.add(u.symbol);
        return all;
    }
}
