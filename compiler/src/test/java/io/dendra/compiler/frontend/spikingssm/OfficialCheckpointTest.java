package io.dendra.compiler.frontend.spikingssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.frontend.dnd.DndFrontEnd;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Kernel;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Norm;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Options;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.reference.ReferenceInterpreter;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.compiler.tensor.TensorFile;
import io.dendra.diagnostics.DendraException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written the way the official SpikingSSM code writes them, imported with no options;
 * their reference equals the official forward pass computed in PyTorch (float64) by
 * src/test/python/make_checkpoint_fixtures.py.
 */
class OfficialCheckpointTest {
    private static final double ROUNDING = 1e-12;

    @TempDir
    Path dir;

    private static Path fixture(String name) {
        return Path.of("src/test/resources/checkpoints", name).toAbsolutePath();
    }

    private ModelGraph importAndLoad(String checkpoint, Options options, SpikingSsmModelWriter.Semantics semantics) throws Exception {
        Path ckpt = Files.copy(fixture(checkpoint), dir.resolve(checkpoint));
        SpikingSsmCheckpoint c = SpikingSsmCheckpoint.infer(TensorFile.open(ckpt), options);
        Path model = dir.resolve(checkpoint + ".dnd");
        Files.writeString(model, SpikingSsmModelWriter.source(c, semantics, model, "m"));
        return DndFrontEnd.load(model);
    }

    private static void assertLogits(ModelGraph graph, String expectedFile) {
        Tensor input = NpyFile.read(fixture("input.npy"));
        Tensor expected = NpyFile.read(fixture(expectedFile));
        int samples = input.dim(0);
        int steps = input.dim(1);
        int width = input.dim(2);
        double[] all = input.toArray();
        ReferenceInterpreter reference = new ReferenceInterpreter(graph);
        for (int b = 0; b < samples; b++) {
            double[] logits = reference.runSample(java.util.Arrays.copyOfRange(all, b * steps * width, (b + 1) * steps * width), steps);
            for (int k = 0; k < logits.length; k++) {
                double want = expected.get(b, k);
                assertEquals(want, logits[k], ROUNDING * Math.max(1, Math.abs(want)), "sample " + b + " logit " + k);
            }
        }
    }

    @Test
    void lightningCheckpointImportsWithNoOptionsAndEqualsTheOfficialForward() throws Exception {
        SpikingSsmCheckpoint c = SpikingSsmCheckpoint.infer(TensorFile.open(fixture("lightning_postnorm.ckpt")), Options.INFER);
        assertEquals("", c.prefix());
        assertEquals("model.", c.backbone());
        assertEquals("encoder.0.weight", c.encoderWeight());
        assertEquals("decoder.0.output_transform.weight", c.decoderWeight());
        assertEquals(List.of("norm batch", "postnorm", "encoder linear", "decoder pool"), c.fromHyperParameters());
        assertEquals(Norm.BATCH, c.norm());
        assertEquals(false, c.prenorm());
        assertEquals("SDN surrogate of 2 layer(s) (8 tensors, training only), post-norm of 2 layer(s) (8 tensors: the official forward"
                + " discards it), 2 num_batches_tracked", c.describeUnused(c.unusedTensors(TensorFile.open(fixture("lightning_postnorm.ckpt")), false)));
        assertEquals("SDN surrogate of 2 layer(s) (8 tensors, training only), 2 num_batches_tracked",
                c.describeUnused(c.unusedTensors(TensorFile.open(fixture("lightning_postnorm.ckpt")), true)));
        assertLogits(importAndLoad("lightning_postnorm.ckpt", Options.INFER, SpikingSsmModelWriter.Semantics.SPIKINGSSM), "logits_official.npy");
    }

    @Test
    void bareStateDictImportsWithNoOptionsAndEqualsTheOfficialForward() throws Exception {
        SpikingSsmCheckpoint c = SpikingSsmCheckpoint.infer(TensorFile.open(fixture("bare_state_dict.pt")), Options.INFER);
        assertEquals(List.of(), c.fromHyperParameters());
        assertEquals(List.of("postnorm (the checkpoint does not say; --prenorm if the norm comes first)"), c.assumptions());
        assertLogits(importAndLoad("bare_state_dict.pt", Options.INFER, SpikingSsmModelWriter.Semantics.SPIKINGSSM), "logits_official.npy");
    }

    @Test
    void appliedPostnormNormalisesTheResidualStream() throws Exception {
        assertLogits(importAndLoad("lightning_postnorm.ckpt", Options.INFER, new SpikingSsmModelWriter.Semantics(0.125, 1.0, true)),
                "logits_postnorm_applied.npy");
    }

    @Test
    void trainableBPrenormModelTakesPrenormFromItsHyperParameters() throws Exception {
        SpikingSsmCheckpoint c = SpikingSsmCheckpoint.infer(TensorFile.open(fixture("trainable_b_prenorm.ckpt")), Options.INFER);
        assertEquals(Kernel.TRAINABLE_B, c.kernel());
        assertTrue(c.prenorm());
        assertLogits(importAndLoad("trainable_b_prenorm.ckpt", Options.INFER, SpikingSsmModelWriter.Semantics.SPIKINGSSM),
                "logits_trainable_b_prenorm.npy");
    }

    @Test
    void aFlagOverridesTheHyperParameters() {
        SpikingSsmCheckpoint c = SpikingSsmCheckpoint.infer(TensorFile.open(fixture("trainable_b_prenorm.ckpt")), new Options(null, null, null, false));
        assertEquals(false, c.prenorm());
        assertEquals(List.of("norm batch", "encoder linear", "decoder pool"), c.fromHyperParameters());
    }

    @Test
    void aNormKindThatContradictsTheTensorsIsRefused() {
        Path file = fixture("lightning_postnorm.ckpt");
        DendraException e = assertThrows(DendraException.class,
                () -> SpikingSsmCheckpoint.infer(TensorFile.open(file), new Options(null, Norm.LAYER, null, null)));
        assertEquals(file + ": tensor 'model.norms.0.running_mean': error[E0902]: the norms are read as LayerNorm but hold running statistics, as a"
                + " BatchNorm does; hint: drop --norm layer, or give --norm batch", e.getMessage());
    }

    @Test
    void aDecoderThatDoesNotPoolIsRefused() {
        Path file = fixture("decoder_last.ckpt");
        DendraException e = assertThrows(DendraException.class, () -> SpikingSsmCheckpoint.infer(TensorFile.open(file), Options.INFER));
        assertEquals(file + ": hyper-parameter 'decoder.mode': error[E0904]: the decoder's mode is 'last'; Dendra imports mode 'pool' (mean over"
                + " time, then Linear); hint: Dendra imports SpikingSSMs with a Linear or Embedding encoder and a pooling decoder"
                + " (docs/checkpoints.md)", e.getMessage());
    }

    @Test
    void incompleteLayerSetsAreRefused() {
        CheckpointBuilder gap = new CheckpointBuilder();
        gap.layers = 3;
        gap.drop = name -> name.startsWith("s4_layers.1.");
        Path file = gap.write(dir.resolve("gap.safetensors"));
        DendraException e = assertThrows(DendraException.class, () -> SpikingSsmCheckpoint.infer(TensorFile.open(file), Options.INFER));
        assertEquals(file + ": error[E0901]: the checkpoint has model.s4_layers.2.* but no model.s4_layers.1.*; hint: a layer is missing: the file"
                + " is incomplete", e.getMessage());

        CheckpointBuilder orphan = new CheckpointBuilder();
        orphan.layers = 2;
        orphan.drop = name -> name.startsWith("s4_layers.1.");
        Path second = orphan.write(dir.resolve("orphan.safetensors"));
        e = assertThrows(DendraException.class, () -> SpikingSsmCheckpoint.infer(TensorFile.open(second), Options.INFER));
        assertEquals(second + ": error[E0901]: the checkpoint has model.norms.1.* but no model.s4_layers.1.*; hint: a layer is missing: the file"
                + " is incomplete", e.getMessage());

        CheckpointBuilder partial = new CheckpointBuilder();
        partial.drop = name -> name.startsWith("norms.0.");
        Path third = partial.write(dir.resolve("partial.safetensors"));
        e = assertThrows(DendraException.class, () -> SpikingSsmCheckpoint.infer(TensorFile.open(third), Options.INFER));
        assertEquals(third + ": error[E0901]: the checkpoint has norms for 1 of its 2 layers: no model.norms.0.*; hint: every layer has a norm"
                + " or none has: the file is incomplete", e.getMessage());
    }
}
