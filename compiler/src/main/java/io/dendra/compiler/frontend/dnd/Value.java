package io.dendra.compiler.frontend.dnd;

import io.dendra.compiler.graph.Node;
import io.dendra.compiler.tensor.Tensor;
import java.util.List;

/** What an expression of the model language evaluates to. */
sealed interface Value {

    /** How the value is named in "expected a layer, got ..." messages. */
    String describe();

    record NumberValue(double value) implements Value {
        public String describe() { return "the number " + Elaborator.formatNumber(value); }
    }

    record StringValue(String value) implements Value {
        public String describe() { return "the string \"" + value + "\""; }
    }

    /** A tensor from a file, or a list literal turned into one; {@code source} names where it came from. */
    record TensorValue(Tensor tensor, String source) implements Value {
        public String describe() { return "the tensor " + source + " " + tensor.shapeString(); }
    }

    record LayerValue(Node node) implements Value {
        public String describe() { return "the layer '" + node.name() + "'"; }
    }

    record ListValue(List<Value> items) implements Value {
        public String describe() { return "a list of " + items.size(); }
    }
}
