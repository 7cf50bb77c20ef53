package io.dendra.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.ir.NeuronProgram;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetReaderTest {
    private static final Path FILE = Path.of("my.target");

    @Test
    void loihi1HasTheNumbersOfDavies2018() {
        Target t = Targets.builtIn("loihi1");
        assertEquals(128, t.coresPerChip());
        assertEquals(32, t.chipsPerBoard());
        assertEquals(1024, t.core().neurons());
        assertEquals(128L * 1024 * 8, t.core().synapticMemoryBits());
        assertEquals(new IntRange(0, 62), t.core().delay());
        assertEquals(new EventCost(23.6, 3.5), t.cost(Event.SYNOP));
        assertEquals(new EventCost(3.0, 4.1), t.cost(Event.HOP_EW));
        assertEquals(new EventCost(4.0, 6.5), t.cost(Event.HOP_NS));
        assertEquals(Set.of(NeuronProgram.LIF), t.programs());
        assertFalse(t.formats().gradedSpikes());
        assertTrue(t.source("events.synop").startsWith("Davies 2018 Table 2"));
        assertEquals(113, t.barrier().timeNs(1), 1e-12);
        assertEquals(465, t.barrier().timeNs(32), 1e-12);
    }

    @Test
    void lifUpdateOnLoihi1CostsExactlyTheTableValues() {
        Target t = Targets.builtIn("loihi1");
        assertEquals(81.0, t.neuronUpdate(NeuronProgram.LIF, true, 0).energyPj());
        assertEquals(52.0, t.neuronUpdate(NeuronProgram.LIF, false, 0).energyPj());
        assertEquals(8.4, t.neuronUpdate(NeuronProgram.LIF, true, 0).timeNs(), 1e-12);
        assertEquals(5.3, t.neuronUpdate(NeuronProgram.LIF, false, 0).timeNs(), 1e-12);
    }

    /** SANA-FE charges an update only to a soma that does something: loihi1_sanafe prices an idle one at 0; loihi1 as base + inactive ops. */
    @Test
    void anIdleUpdateIsPricedApartWhereTheTargetSaysSo() {
        Target sanafe = Targets.builtIn("loihi1_sanafe");
        assertTrue(sanafe.has(Event.NEURON_IDLE));
        assertEquals(0, sanafe.neuronUpdate(NeuronProgram.LIF, false, 0).energyPj());
        assertEquals(21.6, sanafe.neuronUpdate(NeuronProgram.LIF, true, 0).energyPj(), 1e-12);
        Target loihi1 = Targets.builtIn("loihi1");
        assertTrue(!loihi1.has(Event.NEURON_IDLE));
        assertEquals(30.25 + 7.25 * 3, loihi1.neuronUpdate(NeuronProgram.LIF, false, 0).energyPj(), 1e-9);
    }

    @Test
    void loihi2SupportsTheSpikingSsmProgramsAndMarksEstimates() {
        Target t = Targets.builtIn("loihi2");
        assertTrue(t.programs().containsAll(Set.of(NeuronProgram.SSM, NeuronProgram.GLU, NeuronProgram.SUM, NeuronProgram.READOUT)));
        assertEquals(24, t.formats().gradedPayloadBits().getAsInt());
        assertEquals(8192, t.core().neurons());
        assertTrue(t.core().stateSharesMemory());
        for (Event e : Event.values()) if (t.has(e)) assertTrue(t.source("events." + e.id()).startsWith("estimate"), e.id());
        // ssm with 32 complex states: base + (7 + 8 x 32) ops.
        assertEquals(15.125 + 3.625 * (7 + 8 * 32), t.neuronUpdate(NeuronProgram.SSM, true, 32).energyPj(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loihi1", "loihi2"})
    void printedTextParsesBackToAnEqualTarget(String name) {
        Target original = Targets.builtIn(name);
        String printed = TargetPrinter.text(original);
        Target again = TargetReader.parse(printed, FILE);
        assertEquals(original, again);
        assertEquals(printed, TargetPrinter.text(again));
    }

    @Test
    void customTargetFileOverridesNumbers() {
        Target t = Targets.load(Path.of("src/test/resources/wide-cheap.target").toString());
        assertEquals(256, t.coresPerChip());
        assertEquals(new IntRange(1, 4), t.core().weightBits());
        assertEquals(0.75, t.cost(Event.HOP_EW).energyPj(), 1e-15);
        assertEquals(2.5, t.cost(Event.SYNOP).timeNs(), 1e-15); // 2 cycles at 800 MHz
        assertEquals(3.25, t.cost(Event.HOP_NS).timeNs(), 1e-15);
        assertEquals("what-if", t.source("mesh.cores_per_tile"));
        assertEquals(16, t.formats().gradedPayloadBits().getAsInt());
    }

    // ---- units ---------------------------------------------------------------------------------

    private static Target with(String original, String replacement) {
        String text = Targets.builtInText("loihi1");
        assertTrue(text.contains(original), original);
        return TargetReader.parse(text.replace(original, replacement), FILE);
    }

    @Test
    void energyUnitsConvertToPicojoules() {
        assertEquals(23.6, with("synop = 23.6 pJ", "synop = 23600 fJ").cost(Event.SYNOP).energyPj(), 1e-12);
        assertEquals(23.6, with("synop = 23.6 pJ", "synop = 0.0236 nJ").cost(Event.SYNOP).energyPj(), 1e-12);
    }

    @Test
    void timeUnitsConvertToNanoseconds() {
        assertEquals(3.5, with("23.6 pJ, 3.5 ns source \"Davies 2018 Table 2: synaptic", "23.6 pJ, 3500 ps source \"Davies 2018 Table 2: synaptic")
                .cost(Event.SYNOP).timeNs(), 1e-12);
        assertEquals(3.5, with("23.6 pJ, 3.5 ns source \"Davies 2018 Table 2: synaptic", "23.6 pJ, 0.0035 us source \"Davies 2018 Table 2: synaptic")
                .cost(Event.SYNOP).timeNs(), 1e-12);
        // Cycles use the clock: 7 cycles at 2 GHz are 3.5 ns; the order of energy and time does not matter.
        Target t = with("23.6 pJ, 3.5 ns source \"Davies 2018 Table 2: synaptic", "7 cycles, 23.6 pJ source \"Davies 2018 Table 2: synaptic");
        assertEquals(3.5, TargetReader.parse(Targets.builtInText("loihi1").replace("clock = 1 GHz", "clock = 2000 MHz")
                .replace("23.6 pJ, 3.5 ns source \"Davies 2018 Table 2: synaptic", "7 cycles, 23.6 pJ source \"Davies 2018 Table 2: synaptic"), FILE)
                .cost(Event.SYNOP).timeNs(), 1e-12);
        assertEquals(7, t.cost(Event.SYNOP).timeNs(), 1e-12);
    }

    @Test
    void memoryUnitsConvertToBits() {
        long expected = 128L * 1024 * 8;
        assertEquals(expected, with("synaptic_memory = 128 KiB", "synaptic_memory = 131072 B").core().synapticMemoryBits());
        assertEquals(expected, with("synaptic_memory = 128 KiB", "synaptic_memory = 0.125 MiB").core().synapticMemoryBits());
        assertEquals(expected, with("synaptic_memory = 128 KiB", "synaptic_memory = 1048576 bit").core().synapticMemoryBits());
    }

    @Test
    void powerAndFrequencyUnits() {
        assertEquals(0.815, with("static_power_per_core = 0.815 mW", "static_power_per_core = 815 uW").staticPowerPerCoreMw(), 1e-12);
        assertEquals(0.815, with("static_power_per_core = 0.815 mW", "static_power_per_core = 0.000815 W").staticPowerPerCoreMw(), 1e-12);
        assertEquals(1000, with("clock = 1 GHz", "clock = 1000 MHz").clockMhz());
    }

    // ---- every validation error, with its position --------------------------------------------

    /** Replaces text in loihi1, expects {@code code} at the position of {@code marker} inside the replacement. */
    private static DendraException fails(ErrorCode code, String original, String replacement, String marker) {
        String text = Targets.builtInText("loihi1");
        assertTrue(text.contains(original), original);
        String broken = text.replace(original, replacement);
        int at = broken.indexOf(replacement) + replacement.indexOf(marker);
        int line = 1 + (int) broken.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - broken.lastIndexOf('\n', at - 1);
        DendraException e = assertThrows(DendraException.class, () -> TargetReader.parse(broken, FILE));
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("my.target:" + line + ":" + column + ": error[" + code.id() + "]"), e.getMessage() + " expected at " + line + ":" + column);
        return e;
    }

    @Test
    void syntaxError() {
        fails(ErrorCode.TARGET_SYNTAX, "neurons = 1024 source", "neurons = 1024 1024 source", "1024 source");
    }

    @Test
    void unknownFieldSuggestsTheRightName() {
        DendraException e = fails(ErrorCode.TARGET_UNKNOWN_FIELD, "neurons = 1024", "nuerons = 1024", "nuerons");
        assertTrue(e.getMessage().contains("did you mean 'neurons'?"), e.getMessage());
    }

    @Test
    void unknownSection() {
        fails(ErrorCode.TARGET_UNKNOWN_FIELD, "  board {", "  cooling { fans = 2; }\n  board {", "cooling");
    }

    @Test
    void unitOfTheWrongKind() {
        DendraException e = fails(ErrorCode.TARGET_UNIT, "synaptic_memory = 128 KiB", "synaptic_memory = 128 ns", "ns");
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        fails(ErrorCode.TARGET_UNIT, "synop = 23.6 pJ, 3.5 ns", "synop = 23.6 pJ, 3.5 pJ", "3.5 pJ");
    }

    @Test
    void missingAndUnknownUnits() {
        fails(ErrorCode.TARGET_UNIT, "static_power_per_core = 0.815 mW", "static_power_per_core = 0.815", "0.815");
        DendraException e = fails(ErrorCode.TARGET_UNIT, "synop = 23.6 pJ", "synop = 23.6 pj", "pj");
        assertTrue(e.getMessage().contains("did you mean 'pJ'?"), e.getMessage());
    }

    @Test
    void missingFieldIsReportedAtTheSectionsEnd() {
        DendraException e = fails(ErrorCode.TARGET_MISSING_FIELD,
                "    link_buffer = none source \"not published: a link queues every message waiting for it (no back-pressure)\";\n  }",
                "  } // end of mesh", "}");
        assertTrue(e.getMessage().contains("'link_buffer'"), e.getMessage());
    }

    @Test
    void missingSection() {
        String text = Targets.builtInText("loihi1");
        int start = text.indexOf("  barrier {");
        int end = text.indexOf("}\n", start) + 2;
        String broken = text.substring(0, start) + text.substring(end);
        DendraException e = assertThrows(DendraException.class, () -> TargetReader.parse(broken, FILE));
        assertEquals(ErrorCode.TARGET_MISSING_FIELD, e.code());
        assertTrue(e.getMessage().contains("section 'barrier"), e.getMessage());
    }

    @Test
    void impossibleValues() {
        fails(ErrorCode.TARGET_VALUE, "neurons = 1024", "neurons = 0", "neurons");
        fails(ErrorCode.TARGET_VALUE, "neurons = 1024", "neurons = 10.5", "neurons");
        fails(ErrorCode.TARGET_VALUE, "hop_ew = 3.0 pJ", "hop_ew = -3.0 pJ", "hop_ew");
        fails(ErrorCode.TARGET_VALUE, "weight_bits = 1 .. 8", "weight_bits = 8 .. 1", "8 .. 1");
        fails(ErrorCode.TARGET_VALUE, "weight_bits = 1 .. 8", "weight_bits = 1 .. 60", "weight_bits");
        fails(ErrorCode.TARGET_VALUE, "synapse_word_header = 4 bit", "synapse_word_header = 64 bit", "synapse_word_header");
        fails(ErrorCode.TARGET_VALUE, "delay = 0 .. 62", "delay = -1 .. 62", "delay");
        fails(ErrorCode.TARGET_VALUE, "state_memory = separate", "state_memory = elsewhere", "state_memory");
        fails(ErrorCode.TARGET_VALUE, "time = 113 ns .. 465 ns", "time = 113 ns", "113 ns");
    }

    /** Numbers beyond any chip are refused where they stand, not turned into negative time or infinite energy later. */
    @Test
    void implausibleMagnitudes() {
        DendraException e = fails(ErrorCode.TARGET_VALUE, "synop = 23.6 pJ, 3.5 ns", "synop = 23.6 pJ, 1e12 ns", "1e12");
        assertTrue(e.getMessage().endsWith("'synop' = 1e12 ns is outside what a chip target can mean: a time of at most 1 s per event; hint: see the"
                + " allowed values in docs/targets.md"), e.getMessage());
        fails(ErrorCode.TARGET_VALUE, "synop = 23.6 pJ", "synop = 1e300 pJ", "1e300");
        fails(ErrorCode.TARGET_VALUE, "clock = 1 GHz", "clock = 1e30 GHz", "1e30");
        fails(ErrorCode.TARGET_VALUE, "clock = 1 GHz", "clock = 1e-6 MHz", "1e-6");
        fails(ErrorCode.TARGET_VALUE, "columns = 8", "columns = 100000", "columns");
        fails(ErrorCode.TARGET_VALUE, "delay = 0 .. 62", "delay = 0 .. 1000000", "delay");
        fails(ErrorCode.TARGET_VALUE, "weight_exponent = -8 .. 7", "weight_exponent = -8 .. 70", "weight_exponent");
    }

    @Test
    void duplicateField() {
        fails(ErrorCode.TARGET_DUPLICATE, "input_axons = 4096", "input_axons = 4096; input_axons = 2048", "input_axons = 2048");
    }

    @Test
    void unknownProgram() {
        DendraException e = fails(ErrorCode.UNKNOWN_PROGRAM, "programs = lif", "programs = lif, lfi", "lfi");
        assertTrue(e.getMessage().contains("did you mean"), e.getMessage());
    }

    @Test
    void unknownTargetName() {
        DendraException e = assertThrows(DendraException.class, () -> Targets.load("loihi3"));
        assertEquals(ErrorCode.UNKNOWN_TARGET, e.code());
        assertTrue(e.getMessage().contains("loihi1, loihi1_sanafe, loihi2"), e.getMessage());
    }
}
