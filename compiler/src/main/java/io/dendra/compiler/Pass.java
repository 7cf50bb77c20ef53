package io.dendra.compiler;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One stage of the compiler: a name, and a function from the stage before it to a new value (no
 * stage changes its input). What a pass requires is its input type — quantization takes a
 * calibrated, lowered network; mapping takes only a {@code QuantizedNetwork} — and what it
 * guarantees is its output type. {@link #apply} runs it and, when {@code log} is given
 * ({@code dendra compile -v}), prints its name and time.
 */
public record Pass<I, O>(String name, Function<I, O> work) {

    public O apply(I input, Consumer<String> log) {
        long start = System.nanoTime();
        O output = work.apply(input);
        if (log != null) log.accept(String.format(Locale.ROOT, "  %-28s %8.1f ms", name, (System.nanoTime() - start) / 1e6));
        return output;
    }
}
