package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report of a real run: self-contained, every chart a real picture, and — when Chromium is installed — not blank in a browser. */
class HtmlReportTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path out;
    static String html;

    @BeforeAll
    static void runTheLifExample() throws Exception {
        CommandLineRun run = CommandLineRun.of("run", CompileCommandTest.LIF, "--target", "loihi1", "--input", CompileCommandTest.LIF_SAMPLES, "-o",
                out.toString(), "--calibrate", CompileCommandTest.LIF_SAMPLES, "--compare", CompileCommandTest.LIF, "--raster-sample", "1", "-q");
        assertEquals(0, run.status(), run.err());
        html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    }

    @Test
    void pageIsSelfContainedAndShowsTheRunsNumbers() throws Exception {
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"), "nothing loaded from elsewhere, no scripts");
        for (String section : List.of("Energy", "Sparse versus dense, per layer", "Spikes", "Activity on the mesh", "Time")) {
            assertTrue(html.contains("<h2>" + section + "</h2>"), section);
        }
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(html.contains(io.dendra.simulator.report.ReportFormat.pj(report.at("/energy/per_sample_pJ").asDouble())), "energy per inference shown");
        assertTrue(html.contains("spikes of hidden: F1 "), "agreement shown");
        assertEquals(1, report.at("/raster/sample").asInt());
    }

    /**
     * report.json names its schema; 'dendra report' redraws the same page from it (the model read
     * back equals the one written), and refuses a report of another schema in one line.
     */
    @Test
    void theReportRoundTripsThroughItsSchema() throws Exception {
        String json = Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\n  \"schema\" : \"dendra-report/1\","), json.substring(0, 60));
        Path again = out.resolve("again.html");
        CommandLineRun redraw = CommandLineRun.of("report", out.resolve("report.json").toString(), "-o", again.toString());
        assertEquals(0, redraw.status(), redraw.err());
        assertEquals(html, Files.readString(again, StandardCharsets.UTF_8));
        Path later = out.resolve("later.json");
        Files.writeString(later, json.replace("dendra-report/1", "dendra-report/9"));
        CommandLineRun refused = CommandLineRun.of("report", later.toString(), "-o", out.resolve("later.html").toString());
        assertEquals(1, refused.status());
        assertTrue(refused.errorLine().contains("error[E0707]") && refused.errorLine().contains("dendra-report/9"), refused.err());
    }

    @Test
    void everyChartIsARealPicture() throws Exception {
        Matcher m = Pattern.compile("<img alt=\"([^\"]*)\" width=\"\\d+\" src=\"data:image/png;base64,([^\"]*)\"").matcher(html);
        List<String> charts = new ArrayList<>();
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
            assertTrue(image.getWidth() > 300 && image.getHeight() > 100, m.group(1));
            assertTrue(distinctColors(image) > 8, m.group(1) + " has content");
            charts.add(m.group(1));
        }
        assertTrue(charts.containsAll(List.of("energy breakdown", "energy per layer", "sparse versus dense", "spike raster",
                "spike rate per layer over time", "synaptic ops", "messages sent", "busy cycles", "cycles per step")), charts.toString());
    }

    @Test
    void reportRendersInHeadlessChromium(@TempDir Path profile) throws Exception {
        io.dendra.compiler.Fixtures.assumePresent(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install chromium)");
        Path shot = out.resolve("report.png");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
                "--hide-scrollbars", "--window-size=1000,2000", "--screenshot=" + shot, out.resolve("report.html").toUri().toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
        assertTrue(Files.size(shot) > 10_000, "a screenshot was written:\n" + log);
        assertTrue(!log.contains("Uncaught") && !log.matches("(?s).*CONSOLE.*error.*"), "no script error:\n" + log);
        BufferedImage image = ImageIO.read(shot.toFile());
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y += 2) for (int x = 0; x < image.getWidth(); x += 2) if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) ink++;
        double fraction = ink / ((image.getWidth() / 2.0) * (image.getHeight() / 2.0));
        assertTrue(fraction > 0.2, "the page is not blank: " + fraction + " of it is drawn");
        assertTrue(distinctColors(image) > 100, "the charts' colours are there");
    }

    private static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) for (int x = 0; x < image.getWidth(); x += 3) colors.add(image.getRGB(x, y));
        return colors.size();
    }

    @Test
    void reportCommandRendersAgainFromTheJsonAlone(@TempDir Path dir) throws Exception {
        Path again = dir.resolve("again.html");
        CommandLineRun run = CommandLineRun.of("report", out.resolve("report.json").toString(), "-o", again.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(html.length() / 1000, Files.readString(again).length() / 1000, "the same page, give or take PNG encoding");
        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "{ not json");
        assertTrue(CommandLineRun.of("report", notJson.toString(), "-o", again.toString()).errorLine().contains("error[E0707]"));
        Files.writeString(notJson, "{\"target\": \"loihi2\"}");
        assertTrue(CommandLineRun.of("report", notJson.toString(), "-o", again.toString()).errorLine().contains("lacks its 'samples' field"));
        assertTrue(CommandLineRun.of("report", dir.resolve("missing.json").toString(), "-o", again.toString()).errorLine().contains("error[E0101]"));
    }

    @Test
    void noHtmlSkipsThePageAndABadRasterSampleIsRefused(@TempDir Path dir) {
        assertEquals(0, CommandLineRun.of("run", CompileCommandTest.LIF, "--target", "loihi1", "--input", CompileCommandTest.LIF_SAMPLES, "-o",
                dir.toString(), "--no-html", "-q").status());
        assertTrue(!Files.exists(dir.resolve("report.html")) && Files.exists(dir.resolve("report.json")));
        assertTrue(CommandLineRun.of("run", CompileCommandTest.LIF, "--target", "loihi1", "--input", CompileCommandTest.LIF_SAMPLES, "-o",
                dir.resolve("x").toString(), "--raster-sample", "9").errorLine().contains("error[E0001]"));
    }
}
