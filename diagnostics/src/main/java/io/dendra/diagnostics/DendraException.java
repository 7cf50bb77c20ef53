package io.dendra.diagnostics;

/** Thrown for a user mistake; the command line prints its {@link Diagnostic} on one line and exits with status 1. */
public final class DendraException extends RuntimeException {
    private final Diagnostic diagnostic;

    public DendraException(Diagnostic diagnostic) {
        super(diagnostic.format(), null, false, false);
        this.diagnostic = diagnostic;
    }

    public DendraException(ErrorCode code, Place place, String message, String hint) {
        this(new Diagnostic(code, place, message, hint));
    }

    public DendraException(ErrorCode code, Place place, String message) {
        this(new Diagnostic(code, place, message, null));
    }

    public Diagnostic diagnostic() {
        return diagnostic;
    }

    public ErrorCode code() {
        return diagnostic.code();
    }
}
