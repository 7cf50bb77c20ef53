package io.dendra.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The exit status and both output streams of one {@code dendra} invocation, run in process. */
record CommandLineRun(int status, String out, String err) {

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Dendra.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandLineRun(status, out.toString(), err.toString());
    }

    /** The single line a failed command printed. */
    String errorLine() {
        String trimmed = err.strip();
        if (trimmed.contains("\n")) throw new AssertionError("expected one error line, got:\n" + err);
        return trimmed;
    }
}
