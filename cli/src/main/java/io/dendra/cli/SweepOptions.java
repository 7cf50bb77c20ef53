package io.dendra.cli;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code dendra sweep} takes, declared once: the Spark edition's sweep runs with them, and the
 * plain edition's lists them in its help and says how to start the Spark edition.
 */
public final class SweepOptions {
    @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "chip images (.dchip), each compiled for the target or settings to compare")
    public List<Path> images = List.of();

    @Option(names = "--input", paramLabel = "X.npy", description = "[T, C] or [B, T, C] input sequences, the same for every image (required)")
    public Path input;

    @Option(names = "--labels", paramLabel = "Y.npy", description = "class labels: each image's accuracy")
    public Path labels;

    @Option(names = "--samples", paramLabel = "A:B", description = "run samples A to B-1 of the input")
    public String samples;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "a folder that does not exist yet (required)")
    public Path output;

    @Option(names = "--spark", paramLabel = "MASTER", description = "the Spark master: local[N], spark://…, yarn (required)")
    public String spark;

    @Option(names = "--no-html", description = "do not write report.html")
    public boolean noHtml;

    /** Refuses a sweep without its images, input, output folder or Spark master. */
    public void requireAll() {
        if (images == null || images.isEmpty()) throw missing("IMAGE", "give the chip images (.dchip) to compare");
        if (input == null) throw missing("--input", "give --input X.npy");
        if (output == null) throw missing("-o", "give -o OUT, a folder that does not exist yet");
        if (spark == null) throw missing("--spark", "give --spark MASTER, for example 'local[2]'");
    }

    private static DendraException missing(String what, String hint) {
        return new DendraException(ErrorCode.USAGE, Place.named("sweep"), "dendra sweep needs " + what, hint);
    }
}
