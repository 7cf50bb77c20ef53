package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What compile and run print and write does not depend on the machine's locale (a German one writes 1.234,5). */
class LocaleIndependenceTest {

    @Test
    void compileAndRunPrintAndWriteTheSameInAGermanLocale(@TempDir Path dir) throws Exception {
        assertEquals(outputs(dir.resolve("root"), Locale.ROOT), outputs(dir.resolve("german"), Locale.GERMANY));
    }

    /** Compile's and run's printed lines and run's text and JSON reports, with {@code locale} as the JVM's default. */
    private static List<String> outputs(Path dir, Locale locale) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            Files.createDirectories(dir);
            String image = dir.resolve("lif.dchip").toString();
            CommandLineRun compile = CommandLineRun.of("compile", CompileCommandTest.LIF, "--target", "loihi2", "--calibrate",
                    CompileCommandTest.LIF_SAMPLES, "-o", image);
            assertEquals(0, compile.status(), compile.err());
            Path out = dir.resolve("run");
            CommandLineRun run = CommandLineRun.of("run", image, "--input", CompileCommandTest.LIF_SAMPLES, "--compare", CompileCommandTest.LIF,
                    "--no-html", "-o", out.toString());
            assertEquals(0, run.status(), run.err());
            String printed = run.out().replaceAll("(?m)^simulated in .*$", "");
            return List.of(compile.out().replace(image, "IMAGE"), printed.replace(out.toString(), "OUT"), Files.readString(out.resolve("report.txt")),
                    Files.readString(out.resolve("report.json")));
        } finally {
            Locale.setDefault(before);
        }
    }
}
