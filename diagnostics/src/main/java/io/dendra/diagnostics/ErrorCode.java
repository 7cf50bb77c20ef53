package io.dendra.diagnostics;

/**
 * The catalogue of every user-facing error. Each code is documented in {@code docs/errors.md}; a
 * test checks that the two agree. Ranges: E00xx command line, E01xx tensor files, E02xx the model
 * language, E03xx the model graph, E04xx compiling to a chip, E05xx target files, E06xx chip images, E07xx inputs, E08xx NIR graphs, E09xx checkpoint import.
 */
public enum ErrorCode {
    // E00xx: the command line
    USAGE("E0001", "bad command-line usage", "run the command with --help"),
    CANNOT_WRITE("E0002", "cannot write an output file", "check that the folder exists and is writable"),
    INTERNAL("E0003", "internal error", "this is a bug in Dendra; rerun with DENDRA_DEBUG=1 for the stack trace and report it with the command you ran"),
    UNKNOWN_MODEL_FORMAT("E0004", "unknown model file format", "give a .dnd model, a .nir graph or a lava-dl NetX .net network"),
    OUT_OF_MEMORY("E0005", "out of memory", "give Java more memory (DENDRA_JAVA_OPTS=-Xmx16g ./dendra ...) or run fewer samples at once (--samples A:B)"),
    TOO_DEEP("E0006", "input nested too deeply", "flatten the deepest nesting of the input (parentheses, nested graphs)"),
    SPARK_JOB("E0007", "the Spark job failed", "the Spark driver's log says more; a partition is retried as spark.task.maxFailures allows"),

    // E01xx: tensor files (safetensors, .npy, .npz)
    FILE_NOT_READABLE("E0101", "file missing or unreadable", "check the path"),
    FILE_TRUNCATED("E0102", "file is truncated", "the file ends before the data its header announces; re-export it"),
    FILE_CORRUPT("E0103", "file header is corrupt", "the file is not a valid tensor file; re-export it"),
    UNSUPPORTED_DTYPE("E0104", "unsupported tensor dtype",
            "supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL"),
    UNKNOWN_TENSOR_FORMAT("E0105", "unknown tensor file format", "use .safetensors, .npy, .npz or a PyTorch checkpoint (.ckpt, .pt, .pth)"),
    MISSING_TENSOR("E0106", "tensor not found", "check the tensor name against the file's contents"),
    TENSOR_SHAPE("E0107", "tensor has the wrong shape", "the tensor does not fit the layer it is bound to"),
    TENSOR_NOT_FINITE("E0109", "tensor holds NaN or infinity", "check the training run that produced it"),
    TORCH_LEGACY_FORMAT("E0110", "PyTorch checkpoint in the legacy format",
            "load and save it again with PyTorch 1.6 or later: torch.save(torch.load(\"old.pt\"), \"new.pt\")"),
    TORCH_UNSUPPORTED("E0111", "PyTorch checkpoint holds a tensor kind Dendra cannot read",
            "save dense, unquantized tensors (tensor.to_dense(), tensor.dequantize()) in the state_dict"),

    // E02xx: the model language
    SYNTAX("E0201", "syntax error", "see docs/model-language.md for the grammar"),
    UNKNOWN_LAYER("E0202", "unknown layer kind", "see docs/model-language.md for the layer kinds"),
    UNDEFINED_NAME("E0203", "undefined name", "define it before use with 'let' or an assignment"),
    BAD_ARGUMENT("E0204", "unknown, missing or repeated argument", "see the layer's arguments in docs/model-language.md"),
    WRONG_KIND("E0205", "value of the wrong kind", "a layer argument needs a layer, a number, a string or a tensor as documented"),
    BAD_VALUE("E0206", "value out of range", "see the allowed range in docs/model-language.md"),
    MODEL_STRUCTURE("E0207", "model lacks an input or an output", "declare one 'input' and one 'output'"),

    // E03xx: the model graph
    SHAPE_MISMATCH("E0301", "layer shapes do not match", "the layer's input width must match what feeds it"),
    TIME_MISMATCH("E0302", "layer needs a sequence", "put sequence layers (s4d, lif, norms over time) before mean_time"),

    // E04xx: compiling to a chip
    UNSUPPORTED_ON_TARGET("E0412", "layer needs what the target lacks", "use a target that has it, for example --target loihi2"),
    LAYERNORM_ON_CHIP("E0413", "LayerNorm does not map to a chip", "train with BatchNorm (it folds into the weights) or norm=none"),
    BIDIRECTIONAL_ON_CHIP("E0414", "bidirectional S4D cannot stream", "a chip sees each input once; use a causal (unidirectional) model"),
    DELAY_OUT_OF_RANGE("E0415", "delay balancing needs a longer synaptic delay than the target allows", "raise core.delay in the target"),
    NOT_LOWERABLE("E0416", "layer pattern has no chip lowering", "see docs/lowering.md for the patterns that map"),
    CORE_TOO_SMALL("E0417", "one neuron does not fit a core", "use a target with more synaptic memory or input axons per core"),
    BOARD_TOO_SMALL("E0418", "model needs more chips than a board has", "use a smaller model or a target with more chips per board"),

    // E05xx: target files
    TARGET_SYNTAX("E0501", "target file syntax error", "see docs/targets.md for the target language"),
    TARGET_UNKNOWN_FIELD("E0502", "unknown section or field in a target", "see docs/targets.md for the fields of each section"),
    TARGET_UNIT("E0503", "unit missing, unknown or of the wrong kind",
            "energy: fJ pJ nJ; time: ps ns us cycles; power: uW mW W; memory: bit B KiB MiB; frequency: MHz GHz"),
    TARGET_MISSING_FIELD("E0504", "target lacks a required field", "copy the field from a built-in target: dendra targets loihi2"),
    TARGET_VALUE("E0505", "impossible value in a target", "see the allowed values in docs/targets.md"),
    TARGET_DUPLICATE("E0506", "field or section given twice", "remove one of them"),
    UNKNOWN_PROGRAM("E0507", "unknown neuron program", "programs: lif, ssm, glu, sum, readout (the programs Dendra defines, docs/neuron-programs.md)"),
    UNKNOWN_TARGET("E0508", "unknown target", "give a built-in name (dendra targets lists them) or the path of a .target file"),

    // E06xx: chip images
    IMAGE_NOT_DCHIP("E0601", "not a chip image", "give a .dchip file written by dendra compile"),
    IMAGE_VERSION("E0602", "chip image from another Dendra version", "recompile the model with this Dendra"),
    IMAGE_TRUNCATED("E0603", "chip image is truncated", "copy it again or recompile the model"),
    IMAGE_CORRUPT("E0604", "chip image is corrupt", "its checksum or contents do not match; recompile the model"),
    IMAGE_TARGET("E0605", "chip image's embedded target is invalid", "recompile the model with this Dendra"),

    // E07xx: inputs to a run
    INPUT_SHAPE("E0701", "input has the wrong shape", "give [T, C] or [B, T, C] with C the model's input width"),
    INPUT_NOT_FINITE("E0702", "input holds NaN or infinity", "clean the input data"),
    INPUT_EMPTY("E0703", "input sequence is empty", "give at least one timestep"),
    TOKEN_ID("E0704", "token id is not a valid index", "token ids are integers in [0, vocabulary size)"),
    INPUT_NOT_BINARY("E0705", "input is not spikes", "this chip takes binary spike input: every value 0 or 1"),
    COMPARE_MISMATCH("E0706", "compared model does not fit the run", "compare with the model the image was compiled from"),
    REPORT_INVALID("E0707", "not a Dendra run report", "give the report.json that dendra run wrote"),
    LABELS("E0708", "labels do not fit the input or the model", "give one integer class per sample of the input file"),
    INPUT_NOT_REPRESENTABLE("E0709", "input value the chip's input cannot carry",
            "scale the input as the model was trained and calibrated, or pass --clip-input to saturate it"),

    // E08xx: NIR graphs
    NIR_INVALID("E0801", "not a readable NIR file", "NIR files are HDF5 written by nir.write"),
    NIR_MISSING("E0802", "NIR node or graph lacks a dataset", "re-export the graph; the NIR primitives' parameters are listed in docs/nir.md"),
    NIR_UNKNOWN_TYPE("E0803", "unknown NIR primitive", "the NIR primitives Dendra reads are listed in docs/nir.md"),
    NIR_EDGE("E0804", "NIR edge names a missing node", "check the exporter; known naming quirks are read unless --strict"),
    NIR_SHAPE("E0805", "NIR shapes do not fit together", "each primitive's parameters and the shapes they take are in docs/nir.md; known exporter quirks are read unless --strict"),
    NIR_UNSUPPORTED("E0806", "NIR graph uses what Dendra does not run yet", "dendra check lists each node's status"),
    NIR_VALUE("E0807", "NIR parameter is not real numbers", "Dendra reads real-valued parameters: export them as floats"),

    // E09xx: SpikingSSM checkpoint import
    CHECKPOINT_MISSING("E0901", "checkpoint lacks expected tensors", "check --prefix; the names are listed in docs/checkpoints.md"),
    CHECKPOINT_SHAPE("E0902", "checkpoint tensors have inconsistent shapes", "the checkpoint does not look like a SpikingSSM"),
    CHECKPOINT_AMBIGUOUS("E0903", "checkpoint is ambiguous", "say which with the option named in the message"),
    CHECKPOINT_UNSUPPORTED("E0904", "checkpoint's architecture is one Dendra does not import",
            "Dendra imports SpikingSSMs with a Linear or Embedding encoder and a pooling decoder (docs/checkpoints.md)"),

    // E10xx: lava-dl NetX networks
    NETX_INVALID("E1001", "not a readable NetX network", "NetX .net files are HDF5 written by lava-dl (slayer's export_hdf5)"),
    NETX_MISSING("E1002", "NetX layer lacks a dataset", "the datasets each layer type needs are listed in docs/netx.md"),
    NETX_SHAPE("E1003", "NetX shapes do not fit together", "each layer's shape must be what its weights and geometry make of its input (docs/netx.md)"),
    NETX_UNSUPPORTED("E1004", "NetX network uses what Dendra does not run yet", "dendra check lists every layer and field it cannot run"),
    NETX_VALUE("E1005", "NetX value is not what Loihi holds", "weights, biases and neuron fields are integers in Loihi's ranges (docs/netx.md)");

    private final String id;
    private final String title;
    private final String hint;

    ErrorCode(String id, String title, String hint) {
        this.id = id;
        this.title = title;
        this.hint = hint;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The default hint, used when a diagnostic gives no more specific one. */
    public String hint() {
        return hint;
    }
}
