package io.dendra.examples;

import io.dendra.compiler.tensor.DType;
import io.dendra.compiler.tensor.NpyFile;
import io.dendra.compiler.tensor.SafetensorsWriter;
import io.dendra.compiler.tensor.Tensor;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Builds the bundled {@code fmnist-ssm} example: an untrained SpikingSSM checkpoint with the S4D
 * initialisation (deterministic seed) and sequential Fashion-MNIST test images (784 steps, one
 * pixel per step, scaled to [0, 1]) from Debian's {@code dataset-fashion-mnist}.
 *
 * <p>Usage: {@code FashionMnistExample DATASET_DIR OUTPUT_DIR [SAMPLES]}.
 */
public final class FashionMnistExample {
    static final int LAYERS = 2;
    static final int D_MODEL = 64;
    static final int MODES = 32; // d_state N = 64
    static final int CLASSES = 10;
    static final long SEED = 20250;

    private FashionMnistExample() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: FashionMnistExample DATASET_DIR OUTPUT_DIR [SAMPLES]");
            System.exit(1);
        }
        Path dataset = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Files.createDirectories(out);
        SafetensorsWriter.write(out.resolve("spikingssm.safetensors"), checkpoint(new SplittableRandom(SEED)),
                Map.of("format", "pt", "note", "untrained: S4D initialisation, seed " + SEED));
        Tensor images = readImages(dataset.resolve("t10k-images-idx3-ubyte.gz"), samples);
        Tensor labels = readLabels(dataset.resolve("t10k-labels-idx1-ubyte.gz"), samples);
        NpyFile.write(out.resolve("samples.npy"), images);
        NpyFile.write(out.resolve("labels.npy"), labels);
        System.out.println("wrote " + out + ": spikingssm.safetensors, samples.npy " + images.shapeString() + ", labels.npy");
    }

    /** A state_dict with the names of DESIGN §4.3 (prefix "model."), float32 as PyTorch saves it. */
    static List<Tensor> checkpoint(SplittableRandom random) {
        int h = D_MODEL;
        int m = MODES;
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(f32("model.encoder.weight", new int[] {h, 1}, uniform(random, h, 1.0)));
        tensors.add(f32("model.encoder.bias", new int[] {h}, uniform(random, h, 1.0)));
        for (int i = 0; i < LAYERS; i++) {
            String l = "model.s4_layers." + i + ".";
            double[] logDt = new double[h];
            for (int c = 0; c < h; c++) logDt[c] = Math.log(0.001) + random.nextDouble() * (Math.log(0.1) - Math.log(0.001));
            double[] logAReal = new double[h * m];
            double[] aImag = new double[h * m];
            for (int c = 0; c < h; c++) {
                for (int n = 0; n < m; n++) {
                    logAReal[c * m + n] = Math.log(0.5);
                    aImag[c * m + n] = Math.PI * n;
                }
            }
            // C ~ complex standard normal: real and imaginary parts each with variance 1/2.
            double[] c = new double[h * m * 2];
            for (int k = 0; k < c.length; k++) c[k] = gaussian(random) * Math.sqrt(0.5);
            double[] d = new double[h];
            for (int k = 0; k < h; k++) d[k] = gaussian(random);
            tensors.add(f32(l + "kernel.log_dt", new int[] {h}, logDt));
            tensors.add(f32(l + "kernel.log_A_real", new int[] {h, m}, logAReal));
            tensors.add(f32(l + "kernel.A_imag", new int[] {h, m}, aImag));
            tensors.add(f32(l + "kernel.C", new int[] {1, h, m, 2}, c));
            tensors.add(f32(l + "D", new int[] {1, h}, d));
            tensors.add(f32(l + "ln_vth", new int[] {h, 1}, new double[h]));
            double bound = 1 / Math.sqrt(h);
            tensors.add(f32(l + "output_linear.0.weight", new int[] {2 * h, h, 1}, uniform(random, 2 * h * h, bound)));
            tensors.add(f32(l + "output_linear.0.bias", new int[] {2 * h}, uniform(random, 2 * h, bound)));
            tensors.add(f32("model.norms." + i + ".weight", new int[] {h}, filled(h, 1)));
            tensors.add(f32("model.norms." + i + ".bias", new int[] {h}, new double[h]));
            tensors.add(f32("model.norms." + i + ".running_mean", new int[] {h}, new double[h]));
            tensors.add(f32("model.norms." + i + ".running_var", new int[] {h}, filled(h, 1)));
        }
        double bound = 1 / Math.sqrt(h);
        tensors.add(f32("model.decoder.weight", new int[] {CLASSES, h}, uniform(random, CLASSES * h, bound)));
        tensors.add(f32("model.decoder.bias", new int[] {CLASSES}, uniform(random, CLASSES, bound)));
        return tensors;
    }

    /** The first {@code count} images as [count, 784, 1] float32 sequences of pixels in [0, 1], row by row. */
    static Tensor readImages(Path file, int count) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != 2051) throw new IOException(file + " is not an IDX image file");
            int stored = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            int n = Math.min(count, stored);
            double[] pixels = new double[n * rows * cols];
            byte[] raw = in.readNBytes(pixels.length);
            for (int i = 0; i < pixels.length; i++) pixels[i] = (raw[i] & 0xff) / 255.0;
            return new Tensor("samples", DType.F32, new int[] {n, rows * cols, 1}, pixels);
        }
    }

    static Tensor readLabels(Path file, int count) throws IOException {
        try (InputStream raw = new GZIPInputStream(Files.newInputStream(file)); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 2049) throw new IOException(file + " is not an IDX label file");
            int n = Math.min(count, in.readInt());
            byte[] bytes = in.readNBytes(n);
            double[] labels = new double[n];
            for (int i = 0; i < n; i++) labels[i] = bytes[i] & 0xff;
            return new Tensor("labels", DType.I64, new int[] {n}, labels);
        }
    }

    private static Tensor f32(String name, int[] shape, double[] values) {
        double[] rounded = new double[values.length];
        for (int i = 0; i < values.length; i++) rounded[i] = (float) values[i];
        return new Tensor(name, DType.F32, shape, rounded);
    }

    private static double[] uniform(SplittableRandom random, int n, double bound) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (2 * random.nextDouble() - 1) * bound;
        return v;
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    /** Box-Muller on the generator's doubles, so the stream does not depend on the JDK's Gaussian algorithm. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
