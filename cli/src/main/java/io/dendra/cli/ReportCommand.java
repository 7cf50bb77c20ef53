package io.dendra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.simulator.report.HtmlReport;
import io.dendra.simulator.report.Report;
import io.dendra.simulator.report.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dendra report REPORT.json -o report.html}: renders a run's report as HTML again, without re-running. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Render a run's report.json as a self-contained HTML page, without re-running.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT.json", description = "the report.json written by dendra run")
    Path report;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "report.html", description = "the HTML file to write")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        OutputFiles.require(output, "--output");
        String json;
        try {
            json = Files.readString(report, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(report), "report " + report + " not found", null);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(report), "cannot read " + report + ": " + e.getMessage(), null);
        }
        OutputFiles.writeText(output, html(json, report));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s%n", output);
        out.flush();
        return 0;
    }

    /** The HTML page of a report's JSON text; {@code source} names it in errors. */
    static String html(String json, Path source) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DendraException(ErrorCode.REPORT_INVALID, Place.file(source), "the file is not JSON: " + e.getOriginalMessage(), null);
        }
        for (String field : new String[] {"target", "samples", "energy", "layers", "cores", "timeline", "mesh"}) {
            if (tree == null || !tree.has(field)) {
                throw new DendraException(ErrorCode.REPORT_INVALID, Place.file(source), "the report lacks its '" + field + "' field", null);
            }
        }
        if (tree.hasNonNull("schema") && !tree.get("schema").asText().equals(Report.SCHEMA)) {
            throw new DendraException(ErrorCode.REPORT_INVALID, Place.file(source), "the report's schema is '" + tree.get("schema").asText()
                    + "'; this Dendra reads " + Report.SCHEMA, "render it with the Dendra that wrote it");
        }
        try {
            return HtmlReport.render(ReportJson.read(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DendraException(ErrorCode.REPORT_INVALID, Place.file(source), "the report's values do not fit its fields: " + e.getOriginalMessage(), null);
        }
    }
}
