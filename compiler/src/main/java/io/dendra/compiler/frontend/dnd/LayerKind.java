package io.dendra.compiler.frontend.dnd;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The layer kinds of the model language, each with the named arguments it takes (every kind also
 * takes {@code name}): the one list the elaborator checks calls against and builds from, in a
 * switch the compiler checks for every kind.
 */
enum LayerKind {
    LINEAR("linear", "weight", "bias"),
    EMBEDDING("embedding", "weight"),
    S4D("s4d", "log_dt", "log_A_real", "A_imag", "C", "D", "inv_dt", "A_real", "B"),
    LIF("lif", "tau", "threshold", "reset", "ln_vth"),
    GLU("glu", "weight", "bias"),
    LAYERNORM("layernorm", "weight", "bias", "eps"),
    BATCHNORM("batchnorm", "weight", "bias", "running_mean", "running_var", "eps"),
    MEAN_TIME("mean_time"),
    SPIKINGSSM("spikingssm", "checkpoint", "prefix", "norm", "prenorm", "apply_postnorm", "encoder", "tau", "threshold");

    private final String id;
    private final List<String> arguments;

    LayerKind(String id, String... arguments) {
        this.id = id;
        this.arguments = List.of(arguments);
    }

    /** The name a model file calls it by. */
    String id() { return id; }

    /** The named arguments it takes, besides {@code name}. */
    List<String> arguments() { return arguments; }

    static Optional<LayerKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    static List<String> ids() {
        return Arrays.stream(values()).map(LayerKind::id).toList();
    }
}
