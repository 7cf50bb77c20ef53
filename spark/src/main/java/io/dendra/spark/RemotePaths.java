package io.dendra.spark;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Paths on any file system Spark reads ({@code hdfs://…}, {@code s3a://…}, {@code file:///…}): the
 * Spark edition copies each input option's file to a local temporary file before the command runs,
 * and lets it write {@code -o} into a local folder that is copied to its place only when the command
 * succeeded — under a temporary name, renamed at the end, so the output appears whole or not at all.
 * The file systems come from Spark's Hadoop configuration ({@code spark.hadoop.*}, core-site.xml).
 */
final class RemotePaths {
    private static final Pattern URI_WITH_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    private static final Set<String> INPUTS = Set.of("--input", "--labels", "--calibrate");
    private static final Set<String> OUTPUTS = Set.of("-o", "--output");

    /** The arguments with remote paths replaced by local ones, and the output to publish afterwards (or null). */
    record Localized(String[] args, URI output, Path localOutput, Path scratch) {}

    private RemotePaths() {}

    /** Whether any path argument names a file system by URI. */
    static boolean any(String[] args) {
        for (String a : args) {
            String value = a.contains("=") && a.startsWith("-") ? a.substring(a.indexOf('=') + 1) : a;
            if (URI_WITH_SCHEME.matcher(value).matches()) return true;
        }
        return false;
    }

    static Localized localize(String[] args, Configuration hadoop) throws IOException {
        Path scratch = Files.createTempDirectory("dendra-spark-");
        try {
            return localize(args, hadoop, scratch);
        } catch (IOException | RuntimeException e) {
            delete(scratch); // a refused or unreadable path leaves nothing behind
            throw e;
        }
    }

    private static Localized localize(String[] args, Configuration hadoop, Path scratch) throws IOException {
        List<String> out = new ArrayList<>();
        URI output = null;
        Path localOutput = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = null;
            boolean joined = false;
            if (option.startsWith("-") && option.contains("=")) {
                value = option.substring(option.indexOf('=') + 1);
                option = option.substring(0, option.indexOf('='));
                joined = true;
            } else if ((INPUTS.contains(option) || OUTPUTS.contains(option)) && i + 1 < args.length) {
                value = args[i + 1];
            }
            if (value == null || !URI_WITH_SCHEME.matcher(value).matches() || !(INPUTS.contains(option) || OUTPUTS.contains(option))) {
                out.add(args[i]);
                continue;
            }
            URI uri = URI.create(value);
            String local;
            if (INPUTS.contains(option)) {
                Path copy = scratch.resolve(i + "-" + Path.of(uri.getPath()).getFileName());
                FileSystem fs = FileSystem.get(uri, hadoop);
                org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
                if (!fs.exists(remote)) {
                    throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.named(option), value + " does not exist", "check the path and the file system's configuration");
                }
                fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(copy.toUri()), true);
                local = copy.toString();
            } else {
                FileSystem fs = FileSystem.get(uri, hadoop);
                if (fs.exists(new org.apache.hadoop.fs.Path(uri))) {
                    throw new DendraException(ErrorCode.USAGE, Place.named(option), value + " exists already", "give a new folder: a remote output is written whole");
                }
                output = uri;
                localOutput = scratch.resolve("output");
                local = localOutput.toString();
            }
            if (joined) {
                out.add(option + "=" + local);
            } else {
                out.add(args[i]);
                out.add(local);
                i++;
            }
        }
        return new Localized(out.toArray(new String[0]), output, localOutput, scratch);
    }

    /** Copies the local output folder to its remote place: under a temporary name, then renamed. */
    static void publish(Localized l, Configuration hadoop) throws IOException {
        if (l.output() == null || !Files.isDirectory(l.localOutput())) return;
        FileSystem fs = FileSystem.get(l.output(), hadoop);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(l.output());
        org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName() + ".partial-" + System.nanoTime());
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(l.localOutput().toUri()), partial);
        if (!fs.rename(partial, target)) {
            fs.delete(partial, true);
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.named("-o"), "cannot move the output to " + l.output(), "check that its folder exists and is writable");
        }
    }

    static void cleanUp(Localized l) {
        delete(l.scratch());
    }

    private static void delete(Path folder) {
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder may stay behind
        }
    }
}
