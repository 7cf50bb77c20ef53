package io.dendra.compiler.frontend.dnd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.compiler.graph.AddNode;
import io.dendra.compiler.graph.LifNode;
import io.dendra.compiler.graph.LinearNode;
import io.dendra.compiler.graph.ModelGraph;
import io.dendra.compiler.graph.Node;
import io.dendra.compiler.graph.S4dNode;
import io.dendra.compiler.tensor.SafetensorsWriter;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DndFrontEndTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void weights() {
        model = dir.resolve("m.dnd");
        SafetensorsWriter.write(dir.resolve("w.safetensors"), List.of(
                Tensor.of("net.enc.weight", new int[] {3, 2}, 1, 2, 3, 4, 5, 6),
                Tensor.of("net.enc.bias", new int[] {3}, 0.5, 0, -0.5),
                Tensor.of("net.l0.w", new int[] {3, 3}, 1, 0, 0, 0, 1, 0, 0, 0, 1),
                Tensor.of("net.l1.w", new int[] {3, 3}, 2, 0, 0, 0, 2, 0, 0, 0, 2),
                Tensor.of("net.bad", new int[] {2}, 1, Double.NaN)), Map.of());
    }

    private ModelGraph parse(String body) {
        return DndFrontEnd.parse("model m {\n" + body + "\n}\n", model);
    }

    /** Asserts the error code and the exact line:col of the diagnostic (line 1 is "model m {"). */
    private DendraException fails(ErrorCode code, int line, int column, String body) {
        DendraException e = assertThrows(DendraException.class, () -> parse(body));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(line, e.diagnostic().place().line(), e.getMessage());
        assertEquals(column, e.diagnostic().place().column(), e.getMessage());
        assertTrue(e.getMessage().startsWith(model + ":" + line + ":" + column + ": error[" + code.id() + "]: "), e.getMessage());
        return e;
    }

    @Test
    void repeatBuildsOneLayerPerIterationWithInterpolatedTensorNames() {
        ModelGraph g = parse("""
                tensors "w.safetensors" prefix "net.";
                input x: real[2];
                h = linear(x, weight=@"enc.weight", bias=@"enc.bias");
                repeat i in 0..2 {
                  h = linear(h, weight=@"l{i}.w");   // comment
                }
                output h;""");
        assertEquals(List.of("x", "h", "h.0", "h.1"), g.nodes().stream().map(Node::name).toList());
        LinearNode second = (LinearNode) g.nodes().get(3);
        assertEquals(2.0, second.weight(1, 1));
        assertEquals(6 + 3 + 9 + 9, g.parameterCount());
    }

    @Test
    void literalsLetsAndArithmetic() {
        ModelGraph g = parse("""
                let a = 2 * 3 - 1;   # 5
                let b = -a / 2;      /* -2.5 */
                input x: real[2];
                y = linear(x, weight=[[a, b]], bias=[(a + 1) * 2], name="out{a}");
                output y;""");
        LinearNode y = (LinearNode) g.output();
        assertEquals("out5", y.name());
        assertArrayEquals(new double[] {5, -2.5}, y.weight());
        assertEquals(12, y.bias(0));
    }

    @Test
    void residualAdditionOfTwoLayers() {
        ModelGraph g = parse("""
                input x: real[2];
                s = lif(x, tau=0.5, threshold=1, reset="subtract");
                y = x + s;
                output y;""");
        assertInstanceOf(AddNode.class, g.output());
        assertEquals(LifNode.Reset.SUBTRACT, ((LifNode) g.nodes().get(1)).reset());
    }

    @Test
    void syntaxErrorPointsAtTheOffendingToken() {
        DendraException e = fails(ErrorCode.SYNTAX, 3, 11, "input x: real[2];\ny = lif(x tau=1);\noutput y;");
        assertTrue(e.getMessage().contains("'tau'"), e.getMessage());
    }

    @Test
    void reservedWordAsANameIsExplained() {
        DendraException e = fails(ErrorCode.SYNTAX, 2, 7, "input tokens: real[1];\noutput tokens;");
        assertTrue(e.getMessage().contains("'tokens' is a reserved word"), e.getMessage());
    }

    @Test
    void unknownCharacterIsASyntaxError() {
        fails(ErrorCode.SYNTAX, 2, 7, "input $x: real[1];");
    }

    @Test
    void unknownLayerSuggestsTheClosestKind() {
        DendraException e = fails(ErrorCode.UNKNOWN_LAYER, 3, 5, "input x: real[1];\ny = lfi(x);\noutput y;");
        assertTrue(e.getMessage().contains("did you mean 'lif'?"), e.getMessage());
    }

    @Test
    void undefinedNameSuggestsTheClosestName() {
        DendraException e = fails(ErrorCode.UNDEFINED_NAME, 3, 9, "input signal: real[1];\ny = lif(signa);\noutput y;");
        assertTrue(e.getMessage().contains("did you mean 'signal'?"), e.getMessage());
    }

    @Test
    void unknownArgumentSuggestsTheClosestArgument() {
        DendraException e = fails(ErrorCode.BAD_ARGUMENT, 3, 12, "input x: real[1];\ny = lif(x, treshold=1);\noutput y;");
        assertTrue(e.getMessage().contains("did you mean 'threshold'?"), e.getMessage());
    }

    @Test
    void missingRequiredArgument() {
        DendraException e = fails(ErrorCode.BAD_ARGUMENT, 3, 5, "input x: real[2];\ny = linear(x, bias=[1]);\noutput y;");
        assertTrue(e.getMessage().contains("needs argument 'weight'"), e.getMessage());
    }

    @Test
    void repeatedArgument() {
        fails(ErrorCode.BAD_ARGUMENT, 3, 21, "input x: real[1];\ny = lif(x, tau=0.5, tau=0.2);\noutput y;");
    }

    @Test
    void numberWhereALayerIsExpected() {
        fails(ErrorCode.WRONG_KIND, 3, 9, "input x: real[1];\ny = lif(3);\noutput y;");
    }

    @Test
    void outOfRangeValue() {
        fails(ErrorCode.BAD_VALUE, 3, 12, "input x: real[1];\ny = lif(x, tau=1.5);\noutput y;");
        fails(ErrorCode.BAD_VALUE, 2, 15, "input x: real[0];\noutput x;");
    }

    @Test
    void missingOutputAndSecondInput() {
        fails(ErrorCode.MODEL_STRUCTURE, 3, 1, "input x: real[1];");
        fails(ErrorCode.MODEL_STRUCTURE, 3, 1, "input x: real[1];\ninput y: real[1];\noutput x;");
    }

    @Test
    void widthMismatchBetweenLayers() {
        DendraException e = fails(ErrorCode.SHAPE_MISMATCH, 4, 5, """
                input x: real[2];
                h = linear(x, weight=[[1, 2], [3, 4], [5, 6]]);
                y = x + h;
                output y;""");
        assertTrue(e.getMessage().contains("width 2") && e.getMessage().contains("width 3"), e.getMessage());
    }

    @Test
    void sequenceLayerAfterMeanOverTime() {
        fails(ErrorCode.TIME_MISMATCH, 4, 9, "input x: real[1];\np = mean_time(x);\ny = lif(p);\noutput y;");
    }

    @Test
    void missingTensorNamesTheFilesAndSuggests() {
        DendraException e = fails(ErrorCode.MISSING_TENSOR, 4, 23, """
                tensors "w.safetensors" prefix "net.";
                input x: real[2];
                h = linear(x, weight=@"enc.wieght");
                output h;""");
        assertTrue(e.getMessage().contains("w.safetensors (prefix \"net.\")"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'enc.weight'?"), e.getMessage());
    }

    @Test
    void tensorOfTheWrongShapeNamesBothShapes() {
        DendraException e = fails(ErrorCode.TENSOR_SHAPE, 4, 15, """
                tensors "w.safetensors" prefix "net.";
                input x: real[3];
                h = linear(x, weight=@"enc.weight");
                output h;""");
        assertTrue(e.getMessage().contains("needs shape (out, 3)") && e.getMessage().contains("has shape (3, 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("'net.enc.weight' of w.safetensors"), e.getMessage());
    }

    @Test
    void tensorHoldingNaNIsRefused() {
        fails(ErrorCode.TENSOR_NOT_FINITE, 4, 40, """
                tensors "w.safetensors" prefix "net.";
                input x: real[2];
                h = linear(x, weight=[[1, 1], [2, 2]], bias=@"bad");
                output h;""");
    }

    @Test
    void missingTensorFileIsReportedAtItsStatement() {
        fails(ErrorCode.FILE_NOT_READABLE, 2, 9, "tensors \"nothing.safetensors\";\ninput x: real[1];\noutput x;");
    }

    @Test
    void s4dInfersStatesAndDirectionsFromItsTensors() {
        ModelGraph g = parse("""
                input x: real[1];
                y = s4d(x, log_dt=[-2], log_A_real=[[0, 0]], A_imag=[[0, 3.14]], C=[[[[1, 0], [0, 1]]], [[[1, 1], [2, 2]]]], D=[[0.5]]);
                output y;""");
        S4dNode s = (S4dNode) g.output();
        assertEquals(2, s.states());
        assertTrue(s.bidirectional());
        assertEquals(Math.exp(-2), s.dt(0), 1e-15);
        assertEquals(-1, s.aRe()[0]);
        assertEquals(2, s.cRe(1, 0, 1));
    }
}
