package io.dendra.cli;

import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.Tensor;
import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import io.dendra.ir.ChipImage;
import io.dendra.ir.LayerMapping;
import io.dendra.simulator.ChipSimulator;
import io.dendra.simulator.StateProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code run --probe LAYER[:VARS]|all}: each probed layer's state words by their program's names and
 * what it sends ({@code s}), per step, of one sample (the {@code --raster-sample}), written as
 * {@code probes/<layer>.<var>.npy}, int64 {@code [steps, neurons]} in the layer's (C, H, W) order.
 * The sample is simulated once more for them, on the calling thread: a run is exact, so its states
 * are the ones the run went through.
 */
final class Probes {
    static final String FOLDER = "probes";

    private Probes() {}

    /** The probes asked for, checked against the image: layer → variables (empty for all). */
    static Map<String, List<String>> parse(List<String> specs, ChipImage image) {
        Map<String, List<String>> probes = new LinkedHashMap<>();
        for (String spec : specs) {
            if (spec.equals("all")) {
                for (LayerMapping l : image.layers()) probes.put(l.name(), List.of());
                continue;
            }
            int colon = spec.indexOf(':');
            String layer = colon < 0 ? spec : spec.substring(0, colon);
            List<String> vars = colon < 0 ? List.of() : List.of(spec.substring(colon + 1).split(","));
            probes.put(layer, vars);
        }
        try {
            new StateProbe(image, probes, 1);
        } catch (IllegalArgumentException e) {
            throw new DendraException(ErrorCode.USAGE, Place.named("--probe"), e.getMessage(), "--probe LAYER, LAYER:u,v or all");
        }
        return probes;
    }

    /** Simulates {@code sample} with the probes and stages their files in {@code output}/probes. */
    static List<Path> write(ChipSimulator sim, Map<String, List<String>> probes, double[] sample, int steps, Path output, OutputFiles.Staged staged) {
        StateProbe probe = new StateProbe(sim.image(), probes, steps);
        sim.run(sample, steps, probe);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, long[]> e : probe.values().entrySet()) {
            long[] v = e.getValue();
            double[] values = new double[v.length];
            for (int i = 0; i < v.length; i++) values[i] = v[i];
            Path file = output.resolve(FOLDER).resolve(e.getKey() + ".npy");
            staged.npy(file, new Tensor(e.getKey(), DType.I64, new int[] {steps, v.length / steps}, values));
            written.add(file);
        }
        return written;
    }

    /** Removes an earlier run's probe files, which would otherwise look like this run's. */
    static void clearStale(Path output) {
        Path folder = output.resolve(FOLDER);
        if (!Files.isDirectory(folder)) return;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".npy")).toList()) Files.delete(f);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(folder), "cannot remove the earlier probes in " + folder + ": " + e.getMessage(), null);
        }
    }
}
