package io.dendra.compiler.frontend.spikingssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.frontend.dnd.DndFrontEnd;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Encoder;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Kernel;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Norm;
import io.dendra.compiler.frontend.spikingssm.SpikingSsmCheckpoint.Options;
import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.EmbeddingNode;
import io.dendra.compiler.graph.LayerNormNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.tensor.SafetensorsFile;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikingSsmCheckpointTest {
    private static final Options INFER = new Options("model.", null, null, null);
    private static final Options PRENORM = new Options("model.", null, null, true);

    @TempDir
    Path dir;

    private SpikingSsmCheckpoint infer(CheckpointBuilder b, Options options) {
        return SpikingSsmCheckpoint.infer(SafetensorsFile.open(b.write(dir.resolve("ckpt.safetensors"))), options);
    }

    private ModelGraph importAndLoad(CheckpointBuilder b, Options options, SpikingSsmModelWriter.Semantics soma) throws Exception {
        SpikingSsmCheckpoint ckpt = infer(b, options);
        Path model = dir.resolve("sub/model.dnd");
        Files.createDirectories(model.getParent());
        Files.writeString(model, SpikingSsmModelWriter.source(ckpt, soma, model, "m"));
        return DndFrontEnd.load(model);
    }

    @Test
    void infersTheArchitectureFromNamesAndShapes() {
        SpikingSsmCheckpoint c = infer(new CheckpointBuilder(), INFER);
        assertEquals(2, c.layers());
        assertEquals(4, c.dModel());
        assertEquals(6, c.dState());
        assertEquals(Encoder.LINEAR, c.encoder());
        assertEquals(2, c.inputSize());
        assertEquals(Kernel.MINIMAL, c.kernel());
        assertEquals(Norm.BATCH, c.norm());
        assertEquals(5, c.classes().orElseThrow());
        assertTrue(c.lnVth());
    }

    @Test
    void detectsLayerNormTrainableBAndBidirectionalLayers() throws Exception {
        CheckpointBuilder b = new CheckpointBuilder();
        b.norm = "layer";
        b.trainableB = true;
        b.directions = 2;
        ModelGraph g = importAndLoad(b, PRENORM, SpikingSsmModelWriter.Semantics.SPIKINGSSM);
        S4dNode s4d = (S4dNode) g.nodes().stream().filter(n -> n instanceof S4dNode).findFirst().orElseThrow();
        assertEquals(S4dNode.Kernel.TRAINABLE_B, s4d.kernel());
        assertTrue(s4d.bidirectional());
        assertTrue(g.nodes().stream().anyMatch(n -> n instanceof LayerNormNode));
    }

    @Test
    void postnormIsComputedByNothingByDefaultAsInTheOfficialForward() throws Exception {
        ModelGraph g = importAndLoad(new CheckpointBuilder(), INFER, SpikingSsmModelWriter.Semantics.SPIKINGSSM);
        assertEquals(List.of("real", "linear", "s4d", "lif", "glu", "add", "s4d", "lif", "glu", "add", "mean_time", "linear"),
                g.nodes().stream().map(Node::kind).toList());
        String source = Files.readString(dir.resolve("sub/model.dnd"));
        assertTrue(source.contains("// post-norm: the official SpikingSSM.forward computes norms.{i} after the residual and discards"), source);
    }

    @Test
    void appliedPostnormAddsToTheStreamThenNormalises() throws Exception {
        ModelGraph g = importAndLoad(new CheckpointBuilder(), INFER, new SpikingSsmModelWriter.Semantics(0.125, 1.0, true));
        List<String> kinds = g.nodes().stream().map(Node::kind).toList();
        assertEquals(List.of("real", "linear", "s4d", "lif", "glu", "add", "batchnorm", "s4d", "lif", "glu", "add", "batchnorm",
                "mean_time", "linear"), kinds);
        S4dNode secondSsm = (S4dNode) g.nodes().get(7);
        assertEquals("norms.0", secondSsm.input().name());
        LifNode lif = (LifNode) g.nodes().get(3);
        assertEquals(0.125, lif.tau());
        assertEquals(1.0, lif.threshold());
    }

    @Test
    void prenormNormalisesTheSsmInputButNotTheResidual() throws Exception {
        ModelGraph g = importAndLoad(new CheckpointBuilder(), PRENORM, new SpikingSsmModelWriter.Semantics(0, 0, false));
        List<String> kinds = g.nodes().stream().map(Node::kind).toList();
        assertEquals(List.of("real", "linear", "batchnorm", "s4d", "lif", "glu", "add", "batchnorm", "s4d", "lif", "glu", "add",
                "mean_time", "linear"), kinds);
        AddNode add = (AddNode) g.nodes().get(6);
        assertSame(g.nodes().get(1), add.left(), "the residual adds to the un-normalised stream");
        assertSame(g.nodes().get(2), ((S4dNode) g.nodes().get(3)).input());
        assertEquals(0.0, ((LifNode) g.nodes().get(4)).threshold(), "Binary S4D soma");
    }

    @Test
    void embeddingEncoderWithoutBias() throws Exception {
        CheckpointBuilder b = new CheckpointBuilder();
        b.vocabulary = 7;
        ModelGraph g = importAndLoad(b, INFER, SpikingSsmModelWriter.Semantics.SPIKINGSSM);
        assertInstanceOf(EmbeddingNode.class, g.nodes().get(1));
        assertEquals(7, g.input().vocabulary());
    }

    @Test
    void squareEncoderWithoutBiasIsAmbiguousUntilTheUserSays() {
        CheckpointBuilder b = new CheckpointBuilder();
        b.vocabulary = 4; // equal to H
        DendraException e = assertThrows(DendraException.class, () -> infer(b, INFER));
        assertEquals(ErrorCode.CHECKPOINT_AMBIGUOUS, e.code());
        assertTrue(e.getMessage().contains("--encoder"), e.getMessage());
        assertEquals(Encoder.EMBEDDING, infer(b, new Options("model.", null, Encoder.EMBEDDING, null)).encoder());
    }

    @Test
    void noDecoderMeansTheResidualStreamIsTheOutput() throws Exception {
        CheckpointBuilder b = new CheckpointBuilder();
        b.classes = 0;
        ModelGraph g = importAndLoad(b, INFER, SpikingSsmModelWriter.Semantics.SPIKINGSSM);
        assertTrue(g.sequenceOutput());
    }

    @Test
    void missingTensorsAreListedByName() {
        CheckpointBuilder b = new CheckpointBuilder();
        b.drop = name -> name.equals("s4_layers.1.D") || name.equals("norms.0.running_var");
        DendraException e = assertThrows(DendraException.class, () -> infer(b, INFER));
        assertEquals(ErrorCode.CHECKPOINT_MISSING, e.code());
        assertTrue(e.getMessage().contains("model.s4_layers.1.D") && e.getMessage().contains("model.norms.0.running_var"), e.getMessage());
    }

    @Test
    void wrongPrefixHintsAtTheRightOne() {
        CheckpointBuilder b = new CheckpointBuilder();
        b.prefix = "net.backbone.";
        DendraException e = assertThrows(DendraException.class, () -> infer(b, INFER));
        assertEquals(ErrorCode.CHECKPOINT_MISSING, e.code());
        assertTrue(e.getMessage().contains("--prefix \"net.backbone.\""), e.getMessage());
        assertEquals(2, infer(b, new Options("net.backbone.", null, null, null)).layers());
    }

    @Test
    void inconsistentShapesNameTheTensor() {
        CheckpointBuilder b = new CheckpointBuilder();
        b.directions = 3;
        DendraException e = assertThrows(DendraException.class, () -> infer(b, INFER));
        assertEquals(ErrorCode.CHECKPOINT_SHAPE, e.code());
        assertTrue(e.getMessage().contains("tensor 'model.s4_layers.0.kernel.C'") && e.getMessage().contains("got (3, 4, 3, 2)"), e.getMessage());
    }

    @Test
    void askingForANormTheCheckpointLacksIsAnError() {
        CheckpointBuilder b = new CheckpointBuilder();
        b.norm = "none";
        assertEquals(Norm.NONE, infer(b, INFER).norm());
        assertEquals(ErrorCode.CHECKPOINT_MISSING, assertThrows(DendraException.class, () -> infer(b, new Options("model.", Norm.LAYER, null, null))).code());
    }

    @Test
    void checkpointWithoutLnVthScalesByOne() throws Exception {
        CheckpointBuilder b = new CheckpointBuilder();
        b.lnVth = false;
        ModelGraph g = importAndLoad(b, INFER, SpikingSsmModelWriter.Semantics.SPIKINGSSM);
        LifNode lif = (LifNode) g.nodes().get(3);
        assertEquals(1.0, lif.inputScale(0));
        assertFalse(infer(b, INFER).lnVth());
    }

    @Test
    void shortcutBuildsTheSameLayersAsTheImportedFile() throws Exception {
        CheckpointBuilder b = new CheckpointBuilder();
        b.norm = "layer";
        ModelGraph imported = importAndLoad(b, PRENORM, new SpikingSsmModelWriter.Semantics(0.25, 0.5, false));
        Path shortcut = dir.resolve("sub/short.dnd");
        Files.writeString(shortcut, """
                model s {
                  input x: real[2];
                  y = spikingssm(x, checkpoint="../ckpt.safetensors", prenorm=true, tau=0.25, threshold=0.5);
                  output y;
                }
                """);
        ModelGraph expanded = DndFrontEnd.load(shortcut);
        assertEquals(imported.nodes().stream().map(n -> n.kind() + " " + n.name() + " " + n.width()).toList(),
                expanded.nodes().stream().map(n -> n.kind() + " " + n.name() + " " + n.width()).toList());
        double[] input = {0.5, -1, 1, 0.25, -0.5, 2};
        assertEquals(java.util.Arrays.toString(new io.dendra.compiler.reference.ReferenceInterpreter(imported).runSample(input, 3)),
                java.util.Arrays.toString(new io.dendra.compiler.reference.ReferenceInterpreter(expanded).runSample(input, 3)));
    }

    @Test
    void errorInsideTheShortcutIsReportedAtTheCall() throws Exception {
        CheckpointBuilder b = new CheckpointBuilder();
        b.norm = "none";
        b.write(dir.resolve("ckpt.safetensors"));
        Path shortcut = dir.resolve("short.dnd");
        Files.writeString(shortcut, "model s {\n  input x: real[2];\n  y = spikingssm(x, checkpoint=\"ckpt.safetensors\", norm=\"layer\");\n  output y;\n}\n");
        DendraException e = assertThrows(DendraException.class, () -> DndFrontEnd.load(shortcut));
        assertEquals(ErrorCode.CHECKPOINT_MISSING, e.code());
        Files.writeString(shortcut, "model s {\n  input x: real[3];\n  y = spikingssm(x, checkpoint=\"ckpt.safetensors\");\n  output y;\n}\n");
        e = assertThrows(DendraException.class, () -> DndFrontEnd.load(shortcut));
        assertEquals(ErrorCode.SHAPE_MISMATCH, e.code());
        assertTrue(e.getMessage().startsWith(shortcut + ":3:18: "), e.getMessage());
    }
}
