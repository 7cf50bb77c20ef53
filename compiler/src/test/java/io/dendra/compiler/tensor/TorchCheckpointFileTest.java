package io.dendra.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.diagnostics.DendraException;
import io.dendra.diagnostics.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints written by torch.save (fixtures from src/test/python/make_checkpoint_fixtures.py). */
class TorchCheckpointFileTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(TorchCheckpointFileTest.class.getResource("/checkpoints/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] values(TensorFile file, String name) {
        return file.require(name).toArray();
    }

    @Test
    void readsEveryDtypeExactly() {
        TensorFile f = TensorFile.open(fixture("dtypes.pt"));
        assertEquals(List.of("f32", "f64", "f16", "bf16", "i64", "i32", "u8", "bool", "base", "transposed", "slice", "scalar"), f.names());
        assertArrayEquals(new double[] {1.5, -2.25, (double) 3.0e-8f}, values(f, "f32"));
        assertEquals(DType.F32, f.require("f32").dtype());
        assertArrayEquals(new double[] {Math.PI, -Math.E}, values(f, "f64"));
        assertArrayEquals(new int[] {1, 2}, f.require("f64").shape());
        assertArrayEquals(new double[] {0.5, -65504, Math.scalb(1.0, -14)}, values(f, "f16"));
        assertArrayEquals(new double[] {1.0, -Math.scalb(1.0, 100), 0.0078125}, values(f, "bf16"));
        assertEquals(DType.BF16, f.require("bf16").dtype());
        assertArrayEquals(new double[] {-Math.scalb(1.0, 53), 7, Math.scalb(1.0, 40)}, values(f, "i64"));
        assertArrayEquals(new double[] {-5, Integer.MAX_VALUE}, values(f, "i32"));
        assertArrayEquals(new double[] {0, 255}, values(f, "u8"));
        assertArrayEquals(new double[] {1, 0, 1}, values(f, "bool"));
        assertArrayEquals(new int[0], f.require("scalar").shape());
        assertArrayEquals(new double[] {42}, values(f, "scalar"));
    }

    @Test
    void readsNonContiguousAndSharedStorageViews() {
        TensorFile f = TensorFile.open(fixture("dtypes.pt"));
        // base = arange(24).reshape(4, 6) / 8; transposed = base.t() (strides 1, 6); slice = base[1:3, 2:5] (offset 8)
        double[] transposed = values(f, "transposed");
        assertArrayEquals(new int[] {6, 4}, f.require("transposed").shape());
        for (int i = 0; i < 6; i++) for (int j = 0; j < 4; j++) assertEquals((j * 6 + i) / 8.0, transposed[i * 4 + j]);
        double[] slice = values(f, "slice");
        assertArrayEquals(new int[] {2, 3}, f.require("slice").shape());
        for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) assertEquals(((1 + a) * 6 + 2 + b) / 8.0, slice[a * 3 + b]);
    }

    @Test
    void findsTheStateDictOfALightningCheckpointAndReadsItsHyperParameters() {
        TorchCheckpointFile f = TorchCheckpointFile.open(fixture("lightning_postnorm.ckpt"));
        assertEquals("state_dict", f.stateDictKey());
        assertEquals("model.s4_layers.0.D", f.names().get(0));
        assertTrue(f.names().contains("encoder.0.weight") && f.names().contains("model.norms.1.num_batches_tracked"));
        assertFalse(f.names().stream().anyMatch(n -> n.contains("exp_avg")), "optimizer states are not the model's tensors");
        assertTrue(f.otherKeys().containsAll(List.of("optimizer_states", "lr_schedulers", "callbacks", "precision")), f.otherKeys().toString());
        // hyper_parameters are OmegaConf objects in the pickle (classes Dendra does not have): read through their nodes
        Map<String, Object> hp = f.hyperParameters().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) hp.get("model");
        assertEquals(false, model.get("prenorm"));
        assertEquals("batch", model.get("norm"));
        assertEquals(Map.of("d_state", 4, "bidirectional", false, "neuron", "sdn"), model.get("layer"));
        assertEquals(Map.of("_name_", "sequence", "mode", "pool"), hp.get("decoder"));
        assertEquals(DType.I64, f.info("model.norms.0.num_batches_tracked").orElseThrow().dtype());
        assertArrayEquals(new double[] {1234}, values(f, "model.norms.0.num_batches_tracked"));
    }

    @Test
    void bareStateDictHasTheSameTensors() {
        TensorFile lightning = TensorFile.open(fixture("lightning_postnorm.ckpt"));
        TorchCheckpointFile bare = TorchCheckpointFile.open(fixture("bare_state_dict.pt"));
        assertEquals("", bare.stateDictKey());
        assertTrue(bare.hyperParameters().isEmpty());
        assertEquals(lightning.names(), bare.names());
        for (String name : bare.names()) assertEquals(lightning.read(name), bare.read(name), name);
        // encoder.0.weight was saved as a transposed view: (H, d_in) = (4, 2) over a (2, 4) storage
        assertArrayEquals(new int[] {4, 2}, bare.require("encoder.0.weight").shape());
    }

    @Test
    void viewsThatDoNotFitTheirStorageAreRefusedBeforeAnythingIsAllocated() {
        DendraException huge = assertThrows(DendraException.class, () -> TensorFile.open(fixture("huge_tensor.pt")));
        assertEquals(fixture("huge_tensor.pt") + ": tensor 'w': error[E0103]: tensor of 10000000000 elements is too large; "
                + "hint: the file is not a valid tensor file; re-export it", huge.getMessage());
        DendraException outside = assertThrows(DendraException.class, () -> TensorFile.open(fixture("view_out_of_storage.pt")));
        assertEquals(fixture("view_out_of_storage.pt") + ": tensor 'w': error[E0103]: its view (offset 0, shape (3, 3)) reaches element 8 "
                + "of a storage of 4; hint: the file is not a valid tensor file; re-export it", outside.getMessage());
    }

    @Test
    void quantizedTensorsAreNamedAsUnsupported() {
        DendraException e = assertThrows(DendraException.class, () -> TensorFile.open(fixture("quantized.pt")));
        assertEquals(fixture("quantized.pt") + ": error[E0111]: the checkpoint holds a tensor rebuilt by torch.QInt8Storage, which Dendra "
                + "does not read; hint: save dense, unquantized tensors (tensor.to_dense(), tensor.dequantize()) in the state_dict", e.getMessage());
    }

    @Test
    void legacyFormatGetsAHint() throws IOException {
        Path legacy = dir.resolve("old.pt");
        // torch.save before 1.6: pickle protocol 2, then the magic number 0x1950a86a20f9469cfc6c as a LONG1
        Files.write(legacy, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8, 0x50, 0x19, 0x2e});
        DendraException e = assertThrows(DendraException.class, () -> TensorFile.open(legacy));
        assertEquals(legacy + ": error[E0110]: this is a checkpoint in the legacy (non-zip) format of torch.save before PyTorch 1.6, which Dendra"
                + " does not read; hint: load and save it again with PyTorch 1.6 or later: torch.save(torch.load(\"old.pt\"), \"new.pt\")", e.getMessage());
    }

    @Test
    void truncatedOrForeignFilesAreOneLineErrors() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("lightning_postnorm.ckpt"));
        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        DendraException e = assertThrows(DendraException.class, () -> TensorFile.open(cut));
        assertEquals(ErrorCode.FILE_TRUNCATED, e.code());
        assertTrue(e.getMessage().startsWith(cut + ": error[E0102]: the checkpoint's zip directory is missing or broken ("), e.getMessage());

        Path text = dir.resolve("notes.pt");
        Files.writeString(text, "this is not a checkpoint\n");
        assertEquals(text + ": error[E0103]: not a PyTorch checkpoint: a torch.save file is a zip archive, and this one does not start like one;"
                + " hint: the file is not a valid tensor file; re-export it", assertThrows(DendraException.class, () -> TensorFile.open(text)).getMessage());
    }

    @Test
    void aStorageShorterThanItsTensorsIsTruncated() throws IOException {
        // rewrite the zip with one storage cut to half its bytes
        Path damaged = dir.resolve("damaged.pt");
        rewrite(fixture("bare_state_dict.pt"), damaged, (name, bytes) -> name.endsWith("/data/0") ? Arrays.copyOf(bytes, bytes.length / 2) : bytes);
        DendraException e = assertThrows(DendraException.class, () -> TensorFile.open(damaged));
        assertEquals(damaged + ": tensor 'model.s4_layers.0.D': error[E0102]: its storage declares 4 F32 elements but bare_state_dict/data/0 holds"
                + " 8 bytes; hint: the file ends before the data its header announces; re-export it", e.getMessage());
    }

    @Test
    void aPickleDeclaringMoreBytesThanItHoldsIsRefusedWithoutAllocating() throws IOException {
        Path crafted = dir.resolve("crafted.pt");
        // PROTO 2, BINBYTES of 2^31 - 1 bytes, STOP
        byte[] pickle = {(byte) 0x80, 2, 'B', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, '.'};
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(crafted))) {
            zip.putNextEntry(new ZipEntry("crafted/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
        }
        DendraException e = assertThrows(DendraException.class, () -> TensorFile.open(crafted));
        assertEquals(crafted + ": error[E0103]: its pickle (crafted/data.pkl) does not load: an opcode declares 2147483647 bytes but 1 remain;"
                + " hint: the file is not a valid tensor file; re-export it", e.getMessage());
    }

    @Test
    void aFolderIsNotAFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("model.ckpt"));
        DendraException e = assertThrows(DendraException.class, () -> TensorFile.open(folder));
        assertEquals(folder + ": error[E0101]: cannot read " + folder + ": it is a folder; hint: check the path", e.getMessage());
    }

    private interface EntryEdit {
        byte[] apply(String name, byte[] bytes);
    }

    private static void rewrite(Path from, Path to, EntryEdit edit) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream raw = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(raw)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] bytes;
                try (InputStream s = in.getInputStream(e)) {
                    bytes = s.readAllBytes();
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(edit.apply(e.getName(), bytes));
                out.closeEntry();
            }
        }
        assertTrue(new String(Files.readAllBytes(to), 0, 2, StandardCharsets.US_ASCII).equals("PK"));
    }
}
