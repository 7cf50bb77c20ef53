package io.dendra.ir;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import io.dendra.diagnostics.Place;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The {@code .dchip} chip image format, little-endian: the magic {@code DCHIP\r\n\032\n}, a
 * format version, then tagged sections — header, target text, cores (neurons, synapses, routes),
 * input map, output map, layer map — each as {@code tag, byte length, payload}, and last a
 * CRC-32C of every byte before it. docs/dchip.md lays the sections out field by field.
 */
public final class DchipFormat {
    public static final int VERSION = 5;
    private static final byte[] MAGIC = {'D', 'C', 'H', 'I', 'P', '\r', '\n', 0x1a};
    private static final int HEADER = tag("HEAD"), TARGET = tag("TRGT"), CORES = tag("CORE"), INPUT = tag("INPT"), OUTPUT = tag("OUTP"),
            LAYERS = tag("LAYR");

    private DchipFormat() {}

    public static byte[] encode(ChipImage image) {
        Writer out = new Writer();
        out.bytes(MAGIC);
        out.i32(VERSION);
        section(out, HEADER, w -> {
            w.string(image.modelName());
            w.i32(image.stateBits());
            w.i32(image.payloadBits());
            w.string(image.accumulation().id());
            w.i32(image.chips());
            w.i32(image.pipelineDepth());
        });
        section(out, TARGET, w -> {
            w.string(image.targetName());
            w.string(image.targetText());
        });
        section(out, CORES, w -> {
            w.i32(image.cores().size());
            for (CoreImage c : image.cores()) {
                w.i32(c.id());
                w.i32(c.chip());
                w.i32(c.tileX());
                w.i32(c.tileY());
                w.i32(c.slot());
                NeuronBlock b = c.neurons();
                w.string(b.program().id());
                w.string(b.layer());
                w.i32(b.firstNeuron());
                w.i32(b.count());
                w.i32(b.states());
                w.i32(b.startStep());
                w.ints(b.params());
                w.ints(b.initialState());
                w.i32(b.deltaThreshold());
                w.i32(b.deltaCumulative() ? 1 : 0);
                for (int[] array : c.synapses().arrays()) w.ints(array);
                int[] integrates = new int[c.synapses().axons()];
                for (int a = 0; a < integrates.length; a++) integrates[a] = c.synapses().integrates(a) ? 1 : 0;
                w.ints(integrates);
                for (int[] array : c.routes().arrays()) w.ints(array);
            }
        });
        section(out, INPUT, w -> {
            InputMap m = image.input();
            w.i32(m.channels());
            w.i32(m.binary() ? 1 : 0);
            w.i32(m.scale());
            int destinations = m.end(m.channels() - 1);
            int[] start = new int[m.channels() + 1];
            for (int c = 0; c <= m.channels(); c++) start[c] = c == m.channels() ? destinations : m.start(c);
            int[] cores = new int[destinations];
            int[] axons = new int[destinations];
            for (int d = 0; d < destinations; d++) {
                cores[d] = m.core(d);
                axons[d] = m.axon(d);
            }
            w.ints(start);
            w.ints(cores);
            w.ints(axons);
            for (int c = 0; c < m.channels(); c++) {
                w.f64(m.calibratedMin(c));
                w.f64(m.calibratedMax(c));
            }
            int[] biasCore = new int[m.biasDestinations()];
            int[] biasAxon = new int[biasCore.length];
            int[] biasFirst = new int[biasCore.length];
            int[] biasPayload = new int[biasCore.length];
            for (int d = 0; d < biasCore.length; d++) {
                biasCore[d] = m.biasCore(d);
                biasAxon[d] = m.biasAxon(d);
                biasFirst[d] = m.biasFirstSend(d);
                biasPayload[d] = m.biasPayload(d);
            }
            w.ints(biasCore);
            w.ints(biasAxon);
            w.ints(biasFirst);
            w.ints(biasPayload);
        });
        section(out, OUTPUT, w -> {
            OutputMap m = image.output();
            w.i32(m.kind().ordinal());
            w.i32(m.firstStep());
            w.i32(m.outputs());
            for (int k = 0; k < m.outputs(); k++) {
                w.i32(m.core(k));
                w.i32(m.neuron(k));
                w.f64(m.scale(k));
                w.f64(m.bias(k));
            }
        });
        section(out, LAYERS, w -> {
            w.i32(image.layers().size());
            for (LayerMapping l : image.layers()) {
                w.string(l.name());
                w.string(l.program().id());
                w.i32(l.neurons());
                w.ints(l.cores().stream().mapToInt(Integer::intValue).toArray());
                w.i64(l.denseOpsPerStep());
            }
        });
        CRC32C crc = new CRC32C();
        byte[] body = out.toByteArray();
        crc.update(body);
        out.i32((int) crc.getValue());
        return out.toByteArray();
    }

    public static void write(Path file, ChipImage image) {
        try {
            Files.write(file, encode(image));
        } catch (IOException e) {
            throw new DendraException(ErrorCode.CANNOT_WRITE, Place.file(file), "cannot write " + file + ": " + e.getMessage(), null);
        }
    }

    public static ChipImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), "chip image " + file + " not found", null);
        } catch (IOException e) {
            throw new DendraException(ErrorCode.FILE_NOT_READABLE, Place.file(file), "cannot read " + file + ": " + e.getMessage(), null);
        }
        return decode(bytes, file);
    }

    /** Reads an image; {@code file} names it in errors. */
    public static ChipImage decode(byte[] bytes, Path file) {
        Place place = Place.file(file);
        if (bytes.length < MAGIC.length || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new DendraException(ErrorCode.IMAGE_NOT_DCHIP, place, "not a Dendra chip image (no .dchip magic at the start)", null);
        }
        if (bytes.length < MAGIC.length + 8) throw new DendraException(ErrorCode.IMAGE_TRUNCATED, place, "the image ends after its magic", null);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(MAGIC.length);
        int version = in.getInt();
        // The checksum first: a damaged byte anywhere (the version's included) is damage, not a newer format.
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (stored != (int) crc.getValue()) {
            if (sectionsRunPastTheEnd(bytes)) {
                throw new DendraException(ErrorCode.IMAGE_TRUNCATED, place, "the image is cut short or damaged: its sections run past its end ("
                        + bytes.length + " bytes) and its checksum does not match", null);
            }
            throw new DendraException(ErrorCode.IMAGE_CORRUPT, place, "checksum mismatch: the image was changed or damaged after it was written", null);
        }
        if (version != VERSION) {
            throw new DendraException(ErrorCode.IMAGE_VERSION, place, "image format version " + version + ", this Dendra reads version " + VERSION,
                    version > VERSION ? "it was written by a newer Dendra: update Dendra or recompile the model"
                            : "it was written by an earlier Dendra: compile the model again");
        }
        try {
            Reader r = new Reader(in, bytes.length - 4);
            Reader header = r.section(HEADER, place);
            String model = header.string();
            int stateBits = header.i32();
            int payloadBits = header.i32();
            String accumulationId = header.string();
            Accumulation accumulation = Accumulation.byId(accumulationId);
            if (accumulation == null) throw new IllegalArgumentException("unknown accumulation '" + accumulationId + "'");
            int chips = header.i32();
            int depth = header.i32();
            Reader target = r.section(TARGET, place);
            String targetName = target.string();
            String targetText = target.string();
            Reader coreSection = r.section(CORES, place);
            int coreCount = coreSection.count();
            List<CoreImage> cores = new ArrayList<>();
            for (int i = 0; i < coreCount; i++) {
                int id = coreSection.i32();
                int chip = coreSection.i32();
                int x = coreSection.i32();
                int y = coreSection.i32();
                int slot = coreSection.i32();
                String programId = coreSection.string();
                NeuronProgram program = NeuronProgram.byId(programId)
                        .orElseThrow(() -> new IllegalArgumentException("unknown neuron program '" + programId + "'"));
                NeuronBlock block = new NeuronBlock(program, coreSection.string(), coreSection.i32(), coreSection.i32(), coreSection.i32(),
                        coreSection.i32(), coreSection.ints(), coreSection.ints(), coreSection.i32(), coreSection.i32() != 0);
                int[][] table = {coreSection.ints(), coreSection.ints(), coreSection.ints(), coreSection.ints(), coreSection.ints(), coreSection.ints()};
                int[] integrating = coreSection.ints();
                boolean[] integrates = new boolean[integrating.length];
                for (int a = 0; a < integrates.length; a++) integrates[a] = integrating[a] != 0;
                SynapseTable synapses = new SynapseTable(table[0], table[1], table[2], table[3], table[4], table[5], integrates);
                RouteTable routes = new RouteTable(coreSection.ints(), coreSection.ints(), coreSection.ints());
                cores.add(new CoreImage(id, chip, x, y, slot, block, synapses, routes));
            }
            Reader inputSection = r.section(INPUT, place);
            int channels = inputSection.i32();
            boolean binary = inputSection.i32() != 0;
            int fraction = inputSection.i32();
            int[] start = inputSection.ints();
            int[] inputCores = inputSection.ints();
            int[] inputAxons = inputSection.ints();
            if (channels <= 0 || channels > (1 << 24)) throw new IllegalArgumentException("input channels " + channels);
            double[] lo = new double[channels];
            double[] hi = new double[channels];
            for (int c = 0; c < channels; c++) {
                lo[c] = inputSection.f64();
                hi[c] = inputSection.f64();
            }
            InputMap input = new InputMap(channels, binary, fraction, start, inputCores, inputAxons, lo, hi, inputSection.ints(), inputSection.ints(),
                    inputSection.ints(), inputSection.ints());
            Reader outputSection = r.section(OUTPUT, place);
            int kind = outputSection.i32();
            if (kind < 0 || kind >= OutputMap.Kind.values().length) throw new IllegalArgumentException("output kind " + kind);
            int firstStep = outputSection.i32();
            int outputs = outputSection.count();
            int[] outCore = new int[outputs];
            int[] outNeuron = new int[outputs];
            double[] scale = new double[outputs];
            double[] bias = new double[outputs];
            for (int k = 0; k < outputs; k++) {
                outCore[k] = outputSection.i32();
                outNeuron[k] = outputSection.i32();
                scale[k] = outputSection.f64();
                bias[k] = outputSection.f64();
            }
            OutputMap output = new OutputMap(OutputMap.Kind.values()[kind], firstStep, outCore, outNeuron, scale, bias);
            Reader layerSection = r.section(LAYERS, place);
            int layerCount = layerSection.count();
            List<LayerMapping> layers = new ArrayList<>();
            for (int i = 0; i < layerCount; i++) {
                String name = layerSection.string();
                String programId = layerSection.string();
                NeuronProgram program = NeuronProgram.byId(programId).orElseThrow(() -> new IllegalArgumentException("unknown program " + programId));
                int neurons = layerSection.i32();
                List<Integer> layerCores = new ArrayList<>();
                for (int c : layerSection.ints()) layerCores.add(c);
                layers.add(new LayerMapping(name, program, neurons, layerCores, layerSection.i64()));
            }
            return new ChipImage(model, targetName, targetText, stateBits, payloadBits, accumulation, chips, cores, input, output, layers, depth);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new DendraException(ErrorCode.IMAGE_CORRUPT, place, "a section is shorter than its contents", null);
        } catch (IllegalArgumentException | NegativeArraySizeException e) {
            throw new DendraException(ErrorCode.IMAGE_CORRUPT, place, "the image describes an impossible chip: " + e.getMessage(), null);
        }
    }

    /** Whether walking the section headers runs past the end of the file, i.e. the file was cut short. */
    private static boolean sectionsRunPastTheEnd(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long offset = MAGIC.length + 4;
        for (int section = 0; section < 6; section++) {
            if (offset + 12 > bytes.length) return true;
            long length = in.getLong((int) offset + 4);
            if (length < 0) return false;
            offset += 12 + length;
            if (offset > bytes.length) return true;
        }
        return offset + 4 > bytes.length;
    }

    // ---- encoding helpers ----------------------------------------------------------------------

    private interface SectionBody {
        void write(Writer w);
    }

    private static void section(Writer out, int tag, SectionBody body) {
        Writer w = new Writer();
        body.write(w);
        byte[] payload = w.toByteArray();
        out.i32(tag);
        out.i64(payload.length);
        out.bytes(payload);
    }

    private static int tag(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void bytes(byte[] b) { out.writeBytes(b); }
        void i32(int v) { out.write(scratch.clear().putInt(v).array(), 0, 4); }
        void i64(long v) { out.write(scratch.clear().putLong(v).array(), 0, 8); }
        void f64(double v) { i64(Double.doubleToRawLongBits(v)); }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            bytes(b);
        }

        void ints(int[] values) {
            i32(values.length);
            ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(values);
            bytes(b.array());
        }

        byte[] toByteArray() { return out.toByteArray(); }
    }

    private static final class Reader {
        private final ByteBuffer in;

        Reader(ByteBuffer in, int limit) {
            this.in = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            this.in.limit(limit);
        }

        Reader section(int tag, Place place) {
            int found = in.getInt();
            long length = in.getLong();
            if (found != tag) throw new IllegalArgumentException("expected section " + name(tag) + ", found " + name(found));
            if (length < 0 || length > in.remaining()) throw new BufferUnderflowException();
            ByteBuffer slice = in.slice().order(ByteOrder.LITTLE_ENDIAN);
            slice.limit((int) length);
            in.position(in.position() + (int) length);
            return new Reader(slice, (int) length);
        }

        int i32() { return in.getInt(); }
        long i64() { return in.getLong(); }
        double f64() { return Double.longBitsToDouble(in.getLong()); }

        int count() {
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("count " + n + " exceeds the section");
            return n;
        }

        String string() {
            int n = count();
            byte[] b = new byte[n];
            in.get(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        int[] ints() {
            int n = in.getInt();
            if (n < 0 || (long) n * 4 > in.remaining()) throw new BufferUnderflowException();
            int[] values = new int[n];
            in.asIntBuffer().get(values);
            in.position(in.position() + n * 4);
            return values;
        }

        private static String name(int tag) {
            byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(tag).array();
            return new String(b, StandardCharsets.US_ASCII).replaceAll("[^A-Z]", "?");
        }
    }
}
