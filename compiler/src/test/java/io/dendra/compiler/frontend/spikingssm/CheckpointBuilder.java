package io.dendra.compiler.frontend.spikingssm;

import io.dendra.compiler.tensor.SafetensorsWriter;
import io.dendra.compiler.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/** Writes small random SpikingSSM checkpoints with the names of DESIGN §4.3, in every variant the importer must read. */
final class CheckpointBuilder {
    String prefix = "model.";
    int layers = 2;
    int h = 4;
    int m = 3;
    int inputs = 2;
    int vocabulary = 0;
    int classes = 5;
    int directions = 1;
    boolean trainableB;
    boolean lnVth = true;
    String norm = "batch";
    Predicate<String> drop = name -> false;

    private final SplittableRandom random = new SplittableRandom(7);

    Path write(Path file) {
        List<Tensor> t = new ArrayList<>();
        if (vocabulary > 0) {
            add(t, "encoder.weight", vocabulary, h);
        } else {
            add(t, "encoder.weight", h, inputs);
            add(t, "encoder.bias", h);
        }
        for (int i = 0; i < layers; i++) {
            String l = "s4_layers." + i + ".";
            if (trainableB) {
                add(t, l + "kernel.inv_dt", h, 1);
                add(t, l + "kernel.A_real", h, m);
                add(t, l + "kernel.B", 1, h, m, 2);
            } else {
                add(t, l + "kernel.log_dt", h);
                add(t, l + "kernel.log_A_real", h, m);
            }
            add(t, l + "kernel.A_imag", h, m);
            add(t, l + "kernel.C", directions, h, m, 2);
            add(t, l + "D", 1, h);
            if (lnVth) add(t, l + "ln_vth", h, 1);
            add(t, l + "output_linear.0.weight", 2 * h, h, 1);
            add(t, l + "output_linear.0.bias", 2 * h);
            if (!norm.equals("none")) {
                add(t, "norms." + i + ".weight", h);
                add(t, "norms." + i + ".bias", h);
            }
            if (norm.equals("batch")) {
                add(t, "norms." + i + ".running_mean", h);
                t.add(Tensor.of(prefix + "norms." + i + ".running_var", new int[] {h}, positive(h)));
            }
        }
        if (classes > 0) {
            add(t, "decoder.weight", classes, h);
            add(t, "decoder.bias", classes);
        }
        t.removeIf(tensor -> drop.test(tensor.name().substring(prefix.length())));
        SafetensorsWriter.write(file, t, Map.of());
        return file;
    }

    private void add(List<Tensor> tensors, String name, int... shape) {
        double[] v = new double[(int) Tensor.sizeOf(shape)];
        for (int i = 0; i < v.length; i++) v[i] = random.nextDouble() - 0.5;
        tensors.add(Tensor.of(prefix + name, shape, v));
    }

    private double[] positive(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 0.5 + random.nextDouble();
        return v;
    }
}
