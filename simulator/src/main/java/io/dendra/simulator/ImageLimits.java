package io.dendra.simulator;

import io.dendra.ir.programs.lif.Lif;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.SynapseTable;
import io.dendra.targets.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks a chip image against the target it carries before anything runs: every core on the
 * target's mesh and boards, no tile slot used twice, neuron counts, weight mantissas, exponents and
 * delays within the target's ranges, and a pipeline depth the delays can make. A crafted or damaged
 * image with a valid checksum is refused here, with the field named, not in the middle of a run.
 */
public final class ImageLimits {
    private ImageLimits() {}

    public static void check(ChipImage image, Target target, Path file) {
        if (image.chips() > target.chipsPerBoard()) {
            throw refuse(file, "it uses " + image.chips() + " chips; its target " + target.name() + " has " + target.chipsPerBoard() + " per board");
        }
        if (image.accumulation() != target.formats().accumulation()) {
            throw refuse(file, "it accumulates synaptic input as " + image.accumulation().id() + "; its target " + target.name() + " as "
                    + target.formats().accumulation().id());
        }
        int maxWeight = (1 << (target.core().weightBits().max() - 1)) - 1;
        int maxDelay = 0;
        Map<Long, Integer> slots = new HashMap<>();
        // on-chip input neurons are neurons of the core of their channel's first destination
        int[] inputNeurons = new int[image.cores().size()];
        if (target.core().inputNeurons()) {
            var map = image.input();
            for (int ch = 0; ch < map.channels(); ch++) if (map.end(ch) > map.start(ch)) inputNeurons[map.core(map.start(ch))]++;
        }
        for (CoreImage core : image.cores()) {
            String where = "core " + core.id();
            if (core.tileX() < 0 || core.tileX() >= target.mesh().columns() || core.tileY() < 0 || core.tileY() >= target.mesh().rows()
                    || core.slot() < 0 || core.slot() >= target.mesh().coresPerTile()) {
                throw refuse(file, where + " sits on tile (" + core.tileX() + ", " + core.tileY() + ") slot " + core.slot() + ", outside the "
                        + target.mesh().columns() + " x " + target.mesh().rows() + " mesh of " + target.mesh().coresPerTile() + " cores per tile");
            }
            long key = (((long) core.chip() * target.mesh().columns() + core.tileX()) * target.mesh().rows() + core.tileY())
                    * target.mesh().coresPerTile() + core.slot();
            Integer holder = slots.putIfAbsent(key, core.id());
            if (holder != null) {
                throw refuse(file, where + " takes chip " + core.chip() + " tile (" + core.tileX() + ", " + core.tileY() + ") slot " + core.slot()
                        + ", which core " + holder + " holds");
            }
            if (core.neurons().count() + inputNeurons[core.id()] > target.core().neurons()) {
                throw refuse(file, where + " holds " + core.neurons().count() + " neurons" + (inputNeurons[core.id()] > 0 ? " and "
                        + inputNeurons[core.id()] + " input neurons" : "") + "; a core of " + target.name() + " holds " + target.core().neurons());
            }
            var program = core.neurons().program();
            if (!target.supports(program)) {
                throw refuse(file, where + " runs the " + program.id() + " program, which " + target.name() + " does not run");
            }
            checkLifBias(core, target, file, where);
            SynapseTable s = core.synapses();
            for (int a = 0; a < s.axons(); a++) {
                int e = s.exponent(a);
                if (e < target.core().weightExponent().min() || e > target.core().weightExponent().max()) {
                    throw refuse(file, where + " axon " + a + " has weight exponent " + e + ", outside " + target.core().weightExponent().min()
                            + " .. " + target.core().weightExponent().max());
                }
            }
            for (int k = 0; k < s.synapses(); k++) {
                if (Math.abs((long) s.weight(k)) > maxWeight) {
                    throw refuse(file, where + " synapse " + k + " has weight " + s.weight(k) + ", beyond the " + target.core().weightBits().max()
                            + "-bit weights of " + target.name());
                }
                int d = s.delay(k);
                if (d < target.core().delay().min() || d > target.core().delay().max()) {
                    throw refuse(file, where + " synapse " + k + " has delay " + d + ", outside " + target.core().delay().min() + " .. "
                            + target.core().delay().max());
                }
                maxDelay = Math.max(maxDelay, d);
            }
        }
        // each step of depth is a synaptic hop of at least one step: more hops than cores × delays cannot happen
        long deepest = (long) image.cores().size() * (maxDelay + 1) + 1;
        if (image.pipelineDepth() > deepest) {
            throw refuse(file, "its pipeline depth " + image.pipelineDepth() + " is more than " + image.cores().size() + " cores with delays up to "
                    + maxDelay + " can make (" + deepest + ")");
        }
    }

    /** A lif bias is a mantissa and an exponent of the target's widths (Loihi 1: 13 bits, 0 .. 7). */
    private static void checkLifBias(CoreImage core, Target target, Path file, String where) {
        var b = core.neurons();
        if (b.program() != io.dendra.ir.NeuronProgram.LIF) return;
        int mantissaMax = target.formats().lifBiasMantissaMax();
        var exponents = target.formats().lifBiasExponent();
        for (int i = 0; i < b.count(); i++) {
            int p = i * Lif.PARAMS;
            int mant = b.param(p + Lif.BIAS_MANT);
            int exp = b.param(p + Lif.BIAS_EXP);
            if (Math.abs(mant) > mantissaMax || !exponents.contains(exp)) {
                throw refuse(file, where + " neuron " + i + " has bias " + mant + " << " + exp + ", beyond the " + target.formats().lifBiasMantissaBits()
                        + "-bit mantissa and exponents " + exponents + " of " + target.name());
            }
        }
    }

    private static DendraException refuse(Path file, String why) {
        return new DendraException(ErrorCode.IMAGE_CORRUPT, Place.file(file), "the image does not fit its own target: " + why, null);
    }
}
