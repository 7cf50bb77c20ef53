package io.dendra.ir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Every integer a chip image holds, as JSON (schema {@value #SCHEMA}, docs/image-params.md): per
 * core its program, each parameter word by name for every neuron, the initial state, each input
 * axon's synapse group (exponent; target, weight mantissa and delay of every synapse) and each
 * neuron's routes; the input and output maps; the layer map; the formats and the target's text.
 * {@link #read} rebuilds the image, so the JSON is enough to run it elsewhere.
 */
public final class ImageParams {
    public static final String SCHEMA = "dendra-image-params/2";

    private ImageParams() {}

    public static ObjectNode write(ChipImage img) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("model", img.modelName());
        root.put("target", img.targetName());
        root.put("state_bits", img.stateBits());
        root.put("payload_bits", img.payloadBits());
        root.put("accumulation", img.accumulation().id());
        root.put("chips", img.chips());
        root.put("pipeline_depth", img.pipelineDepth());
        InputMap in = img.input();
        ObjectNode input = root.putObject("input");
        input.put("channels", in.channels());
        input.put("binary", in.binary());
        input.put("fraction_bits", in.scale());
        ArrayNode range = input.putArray("calibrated_range");
        for (int ch = 0; ch < in.channels(); ch++) {
            ArrayNode r = range.addArray();
            if (Double.isNaN(in.calibratedMin(ch))) r.addNull().addNull();
            else r.add(in.calibratedMin(ch)).add(in.calibratedMax(ch));
        }
        ArrayNode destinations = input.putArray("destinations");
        for (int ch = 0; ch < in.channels(); ch++) {
            ArrayNode list = destinations.addArray();
            for (int d = in.start(ch); d < in.end(ch); d++) list.addArray().add(in.core(d)).add(in.axon(d));
        }
        ArrayNode bias = input.putArray("bias");
        for (int d = 0; d < in.biasDestinations(); d++) {
            bias.addObject().put("core", in.biasCore(d)).put("axon", in.biasAxon(d)).put("first_send", in.biasFirstSend(d)).put("payload", in.biasPayload(d));
        }
        OutputMap out = img.output();
        ObjectNode output = root.putObject("output");
        output.put("kind", out.kind().name().toLowerCase(java.util.Locale.ROOT));
        output.put("first_step", out.firstStep());
        ArrayNode values = output.putArray("values");
        for (int k = 0; k < out.outputs(); k++) {
            values.addObject().put("core", out.core(k)).put("neuron", out.neuron(k)).put("scale", out.scale(k)).put("bias", out.bias(k));
        }
        putLayers(root, img);
        ArrayNode cores = root.putArray("cores");
        for (CoreImage c : img.cores()) cores.add(core(mapper, c));
        root.put("target_text", img.targetText());
        return root;
    }

    /** The layer map as {@code inspect --json} and {@code --params} both print it. */
    public static void putLayers(ObjectNode root, ChipImage img) {
        ArrayNode layers = root.putArray("layers");
        for (LayerMapping l : img.layers()) {
            ObjectNode layer = layers.addObject();
            layer.put("name", l.name());
            layer.put("program", l.program().id());
            layer.put("neurons", l.neurons());
            ArrayNode cores = layer.putArray("cores");
            l.cores().forEach(cores::add);
            layer.put("dense_ops_per_step", l.denseOpsPerStep());
        }
    }

    private static ObjectNode core(ObjectMapper mapper, CoreImage c) {
        NeuronBlock b = c.neurons();
        ObjectNode core = mapper.createObjectNode();
        core.put("id", c.id());
        core.put("chip", c.chip());
        core.putArray("tile").add(c.tileX()).add(c.tileY());
        core.put("slot", c.slot());
        core.put("layer", b.layer());
        core.put("first_neuron", b.firstNeuron());
        core.put("program", b.program().id());
        core.put("neurons", b.count());
        core.put("states", b.states());
        core.put("start_step", b.startStep());
        List<String> names = b.program().paramNames(b.states());
        ObjectNode parameters = core.putObject("parameters");
        for (int w = 0; w < names.size(); w++) {
            ArrayNode column = parameters.putArray(names.get(w));
            for (int i = 0; i < b.count(); i++) column.add(b.param(i * names.size() + w));
        }
        int[] initial = b.initialState();
        if (initial.length == 0) {
            core.putNull("initial_state");
        } else {
            List<String> stateNames = b.program().stateNames(b.states());
            ObjectNode state = core.putObject("initial_state");
            for (int w = 0; w < stateNames.size(); w++) {
                ArrayNode column = state.putArray(stateNames.get(w));
                for (int i = 0; i < b.count(); i++) column.add(initial[i * stateNames.size() + w]);
            }
        }
        if (b.deltaThreshold() > 0) core.put("delta_threshold", b.deltaThreshold());
        if (b.deltaCumulative()) core.put("delta_cumulative", true);
        SynapseTable s = c.synapses();
        ArrayNode axons = core.putArray("axons");
        for (int a = 0; a < s.axons(); a++) {
            ObjectNode axon = axons.addObject();
            axon.put("exponent", s.exponent(a));
            axon.put("group", s.group(a));
            if (s.integrates(a)) axon.put("integrates", true);
            ArrayNode synapses = axon.putArray("synapses");
            for (int k = s.start(a); k < s.end(a); k++) synapses.addArray().add(s.target(k)).add(s.weight(k)).add(s.delay(k));
        }
        RouteTable r = c.routes();
        ArrayNode routes = core.putArray("routes");
        for (int i = 0; i < r.neurons(); i++) {
            ArrayNode list = routes.addArray();
            for (int k = r.start(i); k < r.end(i); k++) list.addArray().add(r.destinationCore(k)).add(r.destinationAxon(k));
        }
        return core;
    }

    /** Rebuilds the image the JSON describes; the image's own checks reject what is inconsistent. */
    public static ChipImage read(JsonNode root) {
        if (!SCHEMA.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("schema is '" + root.path("schema").asText() + "', not " + SCHEMA);
        }
        JsonNode input = root.get("input");
        IntArrayBuilder start = new IntArrayBuilder();
        IntArrayBuilder core = new IntArrayBuilder();
        IntArrayBuilder axon = new IntArrayBuilder();
        start.add(0);
        for (JsonNode channel : input.get("destinations")) {
            for (JsonNode d : channel) {
                core.add(d.get(0).asInt());
                axon.add(d.get(1).asInt());
            }
            start.add(core.size());
        }
        int channels = input.get("channels").asInt();
        double[] lo = new double[channels];
        double[] hi = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            JsonNode r = input.get("calibrated_range").get(ch);
            lo[ch] = r.get(0).isNull() ? Double.NaN : r.get(0).asDouble();
            hi[ch] = r.get(1).isNull() ? Double.NaN : r.get(1).asDouble();
        }
        InputMap inputMap = new InputMap(channels, input.get("binary").asBoolean(), input.get("fraction_bits").asInt(), start.toArray(), core.toArray(),
                axon.toArray(), lo, hi);
        IntArrayBuilder biasCore = new IntArrayBuilder(), biasAxon = new IntArrayBuilder(), biasFirst = new IntArrayBuilder(),
                biasPayload = new IntArrayBuilder();
        for (JsonNode d : input.get("bias")) {
            biasCore.add(d.get("core").asInt());
            biasAxon.add(d.get("axon").asInt());
            biasFirst.add(d.get("first_send").asInt());
            biasPayload.add(d.get("payload").asInt());
        }
        inputMap = inputMap.withBias(biasCore.toArray(), biasAxon.toArray(), biasFirst.toArray(), biasPayload.toArray());
        JsonNode output = root.get("output");
        JsonNode values = output.get("values");
        int[] outCore = new int[values.size()];
        int[] outNeuron = new int[values.size()];
        double[] scale = new double[values.size()];
        double[] bias = new double[values.size()];
        for (int k = 0; k < values.size(); k++) {
            outCore[k] = values.get(k).get("core").asInt();
            outNeuron[k] = values.get(k).get("neuron").asInt();
            scale[k] = values.get(k).get("scale").asDouble();
            bias[k] = values.get(k).get("bias").asDouble();
        }
        OutputMap outputMap = new OutputMap(OutputMap.Kind.valueOf(output.get("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                output.get("first_step").asInt(), outCore, outNeuron, scale, bias);
        List<LayerMapping> layers = new ArrayList<>();
        for (JsonNode l : root.get("layers")) {
            List<Integer> cores = new ArrayList<>();
            for (JsonNode c : l.get("cores")) cores.add(c.asInt());
            layers.add(new LayerMapping(l.get("name").asText(), program(l.get("program").asText()), l.get("neurons").asInt(), cores,
                    l.get("dense_ops_per_step").asLong()));
        }
        List<CoreImage> cores = new ArrayList<>();
        for (JsonNode c : root.get("cores")) cores.add(readCore(c));
        return new ChipImage(root.get("model").asText(), root.get("target").asText(), root.get("target_text").asText(), root.get("state_bits").asInt(),
                root.get("payload_bits").asInt(), accumulation(root.get("accumulation").asText()), root.get("chips").asInt(), cores, inputMap, outputMap, layers, root.get("pipeline_depth").asInt());
    }

    private static CoreImage readCore(JsonNode c) {
        NeuronProgram program = program(c.get("program").asText());
        int count = c.get("neurons").asInt();
        int states = c.get("states").asInt();
        List<String> names = program.paramNames(states);
        int[] params = new int[count * names.size()];
        for (int w = 0; w < names.size(); w++) {
            JsonNode column = c.get("parameters").get(names.get(w));
            if (column == null || column.size() != count) throw new IllegalArgumentException("core " + c.get("id") + ": parameter " + names.get(w));
            for (int i = 0; i < count; i++) params[i * names.size() + w] = column.get(i).asInt();
        }
        int[] initial = new int[0];
        if (!c.get("initial_state").isNull()) {
            List<String> stateNames = program.stateNames(states);
            initial = new int[count * stateNames.size()];
            for (int w = 0; w < stateNames.size(); w++) {
                JsonNode column = c.get("initial_state").get(stateNames.get(w));
                for (int i = 0; i < count; i++) initial[i * stateNames.size() + w] = column.get(i).asInt();
            }
        }
        NeuronBlock block = new NeuronBlock(program, c.get("layer").asText(), c.get("first_neuron").asInt(), count, states,
                c.get("start_step").asInt(), params, initial, c.has("delta_threshold") ? c.get("delta_threshold").asInt() : 0,
                c.has("delta_cumulative") && c.get("delta_cumulative").asBoolean());
        IntArrayBuilder start = new IntArrayBuilder();
        IntArrayBuilder exponent = new IntArrayBuilder();
        IntArrayBuilder target = new IntArrayBuilder();
        IntArrayBuilder weight = new IntArrayBuilder();
        IntArrayBuilder delay = new IntArrayBuilder();
        IntArrayBuilder group = new IntArrayBuilder();
        List<Boolean> integrating = new java.util.ArrayList<>();
        start.add(0);
        for (JsonNode a : c.get("axons")) {
            exponent.add(a.get("exponent").asInt());
            group.add(a.get("group").asInt());
            integrating.add(a.has("integrates") && a.get("integrates").asBoolean());
            for (JsonNode s : a.get("synapses")) {
                target.add(s.get(0).asInt());
                weight.add(s.get(1).asInt());
                delay.add(s.get(2).asInt());
            }
            start.add(target.size());
        }
        boolean[] integrates = new boolean[integrating.size()];
        for (int a = 0; a < integrates.length; a++) integrates[a] = integrating.get(a);
        SynapseTable synapses = new SynapseTable(start.toArray(), exponent.toArray(), target.toArray(), weight.toArray(), delay.toArray(), group.toArray(),
                integrates);
        IntArrayBuilder routeStart = new IntArrayBuilder();
        IntArrayBuilder destinationCore = new IntArrayBuilder();
        IntArrayBuilder destinationAxon = new IntArrayBuilder();
        routeStart.add(0);
        for (JsonNode neuron : c.get("routes")) {
            for (JsonNode r : neuron) {
                destinationCore.add(r.get(0).asInt());
                destinationAxon.add(r.get(1).asInt());
            }
            routeStart.add(destinationCore.size());
        }
        RouteTable routes = new RouteTable(routeStart.toArray(), destinationCore.toArray(), destinationAxon.toArray());
        JsonNode tile = c.get("tile");
        return new CoreImage(c.get("id").asInt(), c.get("chip").asInt(), tile.get(0).asInt(), tile.get(1).asInt(), c.get("slot").asInt(), block,
                synapses, routes);
    }

    private static Accumulation accumulation(String id) {
        Accumulation a = Accumulation.byId(id);
        if (a == null) throw new IllegalArgumentException("unknown accumulation " + id);
        return a;
    }

    private static NeuronProgram program(String id) {
        return NeuronProgram.byId(id).orElseThrow(() -> new IllegalArgumentException("unknown program " + id));
    }
}
