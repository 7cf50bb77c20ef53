package io.dendra.compiler.frontend.nir;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The NIR primitives Dendra reads, by the type name a NIR file gives them: the one list that the
 * reader, the converter (whose switches over it the compiler checks for every entry) and the
 * unknown-type error use.
 */
public enum NirPrimitive {
    INPUT("Input"),
    OUTPUT("Output"),
    AFFINE("Affine"),
    LINEAR("Linear"),
    SCALE("Scale"),
    LIF("LIF"),
    CUBA_LIF("CubaLIF"),
    LI("LI"),
    CUBA_LI("CubaLI"),
    I("I"),
    IF("IF"),
    THRESHOLD("Threshold"),
    DELAY("Delay"),
    FLATTEN("Flatten"),
    CONV1D("Conv1d"),
    CONV2D("Conv2d"),
    SUM_POOL2D("SumPool2d"),
    AVG_POOL2D("AvgPool2d"),
    /** A nested graph: flattened when read, so the converter never sees one. */
    GRAPH("NIRGraph");

    private final String type;

    NirPrimitive(String type) {
        this.type = type;
    }

    /** The type name in NIR files. */
    public String type() {
        return type;
    }

    public static Optional<NirPrimitive> of(String type) {
        return Arrays.stream(values()).filter(p -> p.type.equals(type)).findFirst();
    }

    /** Every type name, in declaration order. */
    public static List<String> types() {
        return Arrays.stream(values()).map(NirPrimitive::type).toList();
    }
}
