package io.dendra.compiler.frontend.netx;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Suggestions;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What of a NetX layer Dendra does not run yet, each with the field that says so: layer types it
 * does not run (netx itself runs none of them but {@code dense_comp}), a conv's delays, a recurrent
 * dense layer's delays, neuron types other than LOIHI, CUBA and SDNN
 * ({@code RF…} resonators), a sigma-delta activation other than ReLU. The converter refuses the
 * first; {@code dendra check} lists them all.
 */
final class NetxSupport {
    static final Set<String> NOT_RUN = Set.of("pool", "average", "concat", "convT", "unpool", "dense_comp");
    static final Set<String> TYPES = Set.of("input", "conv", "dense", "flatten", "pool", "average", "concat", "convT", "unpool", "dense_rec", "dense_comp");

    private NetxSupport() {}

    /** Why Dendra does not run {@code layer} yet, or empty when it does. */
    static Optional<DendraException> unsupported(NetxLayer layer) {
        String type = layer.text("type");
        if (!TYPES.contains(type)) {
            String suggestion = Suggestions.didYouMean(type, TYPES);
            return Optional.of(layer.error(ErrorCode.NETX_UNSUPPORTED, "type", layer.path() + " has the unknown type '" + type + "'",
                    suggestion != null ? suggestion : "NetX layer types: " + String.join(", ", new TreeSet<>(TYPES))));
        }
        if (NOT_RUN.contains(type)) {
            return Optional.of(layer.error(ErrorCode.NETX_UNSUPPORTED, "type", layer.path() + " is a '" + type + "' layer, which Dendra does not run yet", null));
        }
        if (type.equals("conv") && layer.has("delay")) {
            return Optional.of(layer.error(ErrorCode.NETX_UNSUPPORTED, "delay", layer.path() + " is a conv layer with synaptic delays, which Dendra does not run yet",
                    null));
        }
        if (type.equals("dense_rec") && layer.has("delay")) {
            return Optional.of(layer.error(ErrorCode.NETX_UNSUPPORTED, "delay", layer.path() + " is a recurrent dense layer with synaptic delays, which"
                    + " Dendra does not run yet", null));
        }
        if (layer.neuron().isEmpty()) return Optional.empty();
        NetxLayer neuron = layer.neuron().get();
        String kind = neuron.text("type");
        if (!kind.equals("LOIHI") && !kind.equals("CUBA") && !kind.equals("SDNN")) {
            return Optional.of(neuron.error(ErrorCode.NETX_UNSUPPORTED, "type", layer.path() + " has '" + kind + "' neurons; Dendra runs LOIHI, CUBA and SDNN",
                    null));
        }
        if (kind.equals("SDNN") && neuron.has("activation") && !neuron.text("activation").equalsIgnoreCase("relu")) {
            return Optional.of(neuron.error(ErrorCode.NETX_UNSUPPORTED, "activation", layer.path() + " has the activation '" + neuron.text("activation")
                    + "'; netx runs every sigma-delta neuron with a ReLU, and so does Dendra", null));
        }
        return Optional.empty();
    }
}
