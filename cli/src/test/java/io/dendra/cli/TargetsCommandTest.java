package io.dendra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dendra.targets.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsCommandTest {

    @Test
    void listsTheBuiltIns() {
        CommandLineRun run = CommandLineRun.of("targets");
        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("loihi1 ") && run.out().contains("\nloihi2 "), run.out());
    }

    @Test
    void jsonShowsTheTableNumbersWithTheirSources() throws Exception {
        CommandLineRun run = CommandLineRun.of("targets", "loihi1", "--json");
        assertEquals(0, run.status(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(23.6, json.at("/events/synop/energy_pJ").asDouble());
        assertTrue(json.at("/events/synop/source").asText().contains("Davies 2018"));
        assertEquals(81.0, json.at("/neuron_updates/lif/active/energy_pJ").asDouble());
        assertEquals(52.0, json.at("/neuron_updates/lif/inactive/energy_pJ").asDouble());
        assertEquals(3.0, json.at("/events/hop_ew/energy_pJ").asDouble());
        assertEquals(4.0, json.at("/events/hop_ns/energy_pJ").asDouble());
        assertTrue(json.at("/events/hop_ns/source").asText().contains("Table 2"));
    }

    @Test
    void aCopiedAndEditedTargetFileIsAccepted(@TempDir Path dir) throws Exception {
        Path mine = dir.resolve("my.target");
        Files.writeString(mine, CommandLineRun.of("targets", "loihi2").out().replace("cores_per_tile = 4", "cores_per_tile = 8"));
        CommandLineRun run = CommandLineRun.of("targets", mine.toString(), "--json");
        assertEquals(0, run.status(), run.err());
        assertEquals(256, new ObjectMapper().readTree(run.out()).at("/mesh/cores").asInt());
    }

    @Test
    void aBrokenTargetFileIsOneLineWithItsPosition(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.target");
        Files.writeString(broken, Targets.builtInText("loihi1").replace("synaptic_memory = 128 KiB", "synaptic_memory = 128 ns"));
        CommandLineRun run = CommandLineRun.of("targets", broken.toString());
        assertEquals(1, run.status());
        assertTrue(run.errorLine().matches(java.util.regex.Pattern.quote(broken.toString()) + ":\\d+:\\d+: error\\[E0503\\]: .*; hint: .*"), run.errorLine());
        assertEquals(1, CommandLineRun.of("targets", "loihi9").status());
    }
}
