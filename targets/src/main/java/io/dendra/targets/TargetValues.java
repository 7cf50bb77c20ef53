package io.dendra.targets;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Suggestions;
import io.dendra.targets.TargetSyntax.Field;
import org.antlr.v4.runtime.Token;

/**
 * A target file's values as numbers of the right kind: quantities in their dimension (cycles need
 * the clock, which comes first), ranges, whole numbers, bit widths, words and strings, each refused
 * with its place and the reason when it is not what its field takes. {@link TargetReader}, the
 * schema, reads every field through these.
 */
abstract class TargetValues {
    private final TargetSyntax syntax;
    /** The target's clock, once read: what a quantity in cycles needs. */
    double clockMhz = Double.NaN;

    TargetValues(TargetSyntax syntax) {
        this.syntax = syntax;
    }

    record Measured(double value, Dimension dimension) {}

    /** A number with its unit converted to the base unit; {@code expected} null accepts any dimension. */
    final Measured measured(Field field, TargetDescriptionParser.ValueContext v, Dimension expected) {
        if (!(v instanceof TargetDescriptionParser.QuantityValueContext q)) {
            throw error(ErrorCode.TARGET_VALUE, v.getStart(), "'" + field.name() + "' needs a number" + (expected == null ? "" : " (" + expected.label() + ")"), null);
        }
        return measured(field, q.quantity(), expected);
    }

    final Measured measured(Field field, TargetDescriptionParser.QuantityContext q, Dimension expected) {
        if (q.word != null) {
            throw error(ErrorCode.TARGET_VALUE, q.word, "'" + field.name() + "' needs a number, got '" + q.word.getText() + "'", null);
        }
        double number = Double.parseDouble(q.NUMBER().getText()) * (q.sign != null ? -1 : 1);
        if (q.unit == null) {
            if (expected == null || expected != Dimension.COUNT) {
                throw error(ErrorCode.TARGET_UNIT, q.NUMBER().getSymbol(), "'" + field.name() + "' needs a unit"
                        + (expected == null ? "" : " of " + expected.label()), null);
            }
            return new Measured(number, Dimension.COUNT);
        }
        String symbol = q.unit.getText();
        Unit unit = Unit.bySymbol(symbol).orElseThrow(() -> error(ErrorCode.TARGET_UNIT, q.unit, "unknown unit '" + symbol + "'",
                Suggestions.nearest(symbol, Unit.allSymbols()).map(u -> "did you mean '" + u + "'?").orElse(null)));
        if (expected != null && unit.dimension() != expected) {
            throw error(ErrorCode.TARGET_UNIT, q.unit, "'" + field.name() + "' is " + expected.label() + ", but '" + symbol + "' is a unit of "
                    + unit.dimension().name().toLowerCase(java.util.Locale.ROOT), null);
        }
        if (unit == Unit.CYCLES && Double.isNaN(clockMhz)) throw error(ErrorCode.TARGET_UNIT, q.unit, "cycles need the clock, which comes first", null);
        double value = unit.toBase(number, clockMhz);
        String bound = plausible(unit.dimension(), value);
        if (bound != null) {
            throw error(ErrorCode.TARGET_VALUE, q.NUMBER().getSymbol(), "'" + field.name() + "' = " + (q.sign != null ? "-" : "") + q.NUMBER().getText() + " " + symbol + " is outside what a chip"
                    + " target can mean: " + bound, null);
        }
        return new Measured(value, unit.dimension());
    }

    /**
     * Bounds on every number of a target, by kind (in base units), so that no table can drive time
     * or energy to overflow or nonsense: null when {@code value} is within them, else what they are.
     */
    static String plausible(Dimension dimension, double value) {
        double magnitude = Math.abs(value);
        return switch (dimension) {
            case ENERGY -> magnitude <= 1e9 ? null : "an energy of at most 1 mJ per event";
            case TIME -> magnitude <= 1e9 ? null : "a time of at most 1 s per event";
            case POWER -> magnitude <= 1e6 ? null : "a power of at most 1 kW per core";
            case FREQUENCY -> magnitude >= 1 && magnitude <= 1e5 ? null : "a clock from 1 MHz to 100 GHz";
            case MEMORY -> magnitude <= 0x1p36 ? null : "at most 8 GiB";
            case COUNT -> magnitude <= 1e9 ? null : "a count of at most 10^9";
        };
    }

    final double quantity(Field field, Dimension dimension) {
        return measured(field, single(field), dimension).value();
    }

    final TargetDescriptionParser.ValueContext single(Field field) {
        if (field.values().size() != 1) throw error(ErrorCode.TARGET_VALUE, field.at(), "'" + field.name() + "' takes one value", null);
        return field.values().get(0);
    }

    final double[] range(Field field, Dimension dimension) {
        TargetDescriptionParser.ValueContext v = single(field);
        if (!(v instanceof TargetDescriptionParser.RangeValueContext r)) {
            throw error(ErrorCode.TARGET_VALUE, v.getStart(), "'" + field.name() + "' needs a range, for example 1 .. 8", null);
        }
        double low = measured(field, r.low, dimension).value();
        double high = measured(field, r.high, dimension).value();
        if (low > high) throw error(ErrorCode.TARGET_VALUE, v.getStart(), "range of '" + field.name() + "' is empty: its low end is above its high end", null);
        return new double[] {low, high};
    }

    final IntRange intRange(Field field) {
        double[] r = range(field, Dimension.COUNT);
        return new IntRange(whole(field, r[0]), whole(field, r[1]));
    }

    final int positiveInt(Field field, int max) {
        int v = whole(field, quantity(field, Dimension.COUNT));
        if (v <= 0 || v > max) throw value(field, "'" + field.name() + "' must be 1 to " + max + ", got " + v);
        return v;
    }

    final long wholeBits(Field field) {
        double bits = quantity(field, Dimension.MEMORY);
        if (bits != Math.rint(bits) || bits < 0) throw value(field, "'" + field.name() + "' must be a whole number of bits");
        return (long) bits;
    }

    final int bitsWithin(Field field, int low, int high) {
        long bits = wholeBits(field);
        if (bits < low || bits > high) throw value(field, "'" + field.name() + "' must be " + low + " to " + high + " bit, got " + bits);
        return (int) bits;
    }

    final int whole(Field field, double v) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) throw value(field, "'" + field.name() + "' must be a whole number, got " + v);
        return (int) v;
    }

    final double positive(Field field, double v) {
        if (!(v > 0)) throw value(field, "'" + field.name() + "' must be positive");
        return v;
    }

    final double nonNegative(Field field, double v) {
        if (!(v >= 0)) throw value(field, "'" + field.name() + "' cannot be negative");
        return v;
    }

    final boolean isNone(Field field) {
        return single(field) instanceof TargetDescriptionParser.NoneValueContext;
    }

    final String string(Field field) {
        if (!(single(field) instanceof TargetDescriptionParser.StringValueContext s)) {
            throw error(ErrorCode.TARGET_VALUE, field.at(), "'" + field.name() + "' needs a string in double quotes", null);
        }
        return TargetSyntax.unquote(s.STRING().getSymbol());
    }

    final String word(Field field) {
        return wordOf(field, single(field));
    }

    final String wordOf(Field field, TargetDescriptionParser.ValueContext v) {
        if (v instanceof TargetDescriptionParser.QuantityValueContext q && q.quantity().word != null) return q.quantity().word.getText();
        throw error(ErrorCode.TARGET_VALUE, v.getStart(), "'" + field.name() + "' needs a name, got '" + v.getText() + "'", null);
    }

    // ---- plumbing --------------------------------------------------------------------------------

    final DendraException error(ErrorCode code, Token at, String message, String hint) {
        return syntax.error(code, at, message, hint);
    }

    final DendraException value(Field field, String message) {
        return error(ErrorCode.TARGET_VALUE, field.at(), message, null);
    }

}
