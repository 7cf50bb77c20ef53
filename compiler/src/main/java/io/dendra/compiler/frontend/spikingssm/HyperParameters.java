package io.dendra.compiler.frontend.spikingssm;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hyper-parameters a Lightning checkpoint carries (plain values, read through OmegaConf's nodes
 * by the unpickler), asked by path; every answer is empty when the checkpoint has none.
 */
final class HyperParameters {
    private final Map<String, Object> hyper;

    HyperParameters(Map<String, Object> hyper) {
        this.hyper = hyper;
    }

    /** The value at {@code path} in the nested maps, or null. */
    Object at(String... path) {
        Object at = hyper;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> map)) return null;
            at = map.get(key);
        }
        return at;
    }

    Optional<Integer> integer(String... path) {
        return at(path) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Optional.of(n.intValue()) : Optional.empty();
    }

    Optional<Boolean> bool(String... path) {
        return at(path) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    Optional<String> string(String... path) {
        return at(path) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** A component's registry name: a string, a map's {@code _name_}, or the first of a list's. */
    Optional<String> name(String key) {
        Object o = at(key);
        if (o instanceof List<?> list && !list.isEmpty()) o = list.get(0);
        if (o instanceof Map<?, ?> map) o = map.get("_name_");
        return o instanceof String s ? Optional.of(s.toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
