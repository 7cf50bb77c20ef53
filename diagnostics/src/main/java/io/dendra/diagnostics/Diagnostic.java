package io.dendra.diagnostics;

import java.util.Objects;

/**
 * One user-facing error: a catalogue code, the place it points to, a message and a hint, printed on
 * one line as {@code place: error[E0201]: message; hint: ...}.
 */
public record Diagnostic(ErrorCode code, Place place, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        hint = hint == null || hint.isBlank() ? code.hint() : hint;
    }

    public String format() {
        String where = place == null ? "" : place.toString();
        StringBuilder s = new StringBuilder();
        if (!where.isEmpty()) s.append(where).append(": ");
        s.append("error[").append(code.id()).append("]: ").append(message);
        if (hint != null && !hint.isBlank()) s.append("; hint: ").append(hint);
        return s.toString().replace('\n', ' ');
    }

    @Override
    public String toString() {
        return format();
    }
}
