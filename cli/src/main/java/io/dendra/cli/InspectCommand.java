package io.dendra.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dendra.ir.ChipImage;
import io.dendra.ir.CoreImage;
import io.dendra.ir.DchipFormat;
import io.dendra.ir.ImageParams;
import io.dendra.ir.LayerMapping;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dendra inspect IMAGE.dchip [--json]}: prints what a chip image holds. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print what a chip image holds: target, cores with their tile and load, layers, input, output, pipeline depth.",
                "--params prints every integer the chip holds as JSON (docs/image-params.md): enough to run the image elsewhere."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE.dchip", description = "a chip image written by dendra compile")
    Path image;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--params", description = "print every parameter word, initial state, synapse and route as JSON (schema " + ImageParams.SCHEMA + ")")
    boolean params;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ChipImage img = DchipFormat.read(image);
        PrintWriter out = spec.commandLine().getOut();
        if (params) {
            out.print(new ObjectMapper().writeValueAsString(ImageParams.write(img)) + "\n");
        } else if (json) {
            out.print(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(img)) + "\n");
        } else {
            out.printf(Locale.ROOT, "chip image %s: model %s, target %s, %d chip(s), %d core(s), %,d neurons, %,d synapses%n", image, img.modelName(),
                    img.targetName(), img.chips(), img.cores().size(), img.neurons(), img.synapses());
            out.printf(Locale.ROOT, "formats: state %d bit, graded payload %s; pipeline depth %d steps%n", img.stateBits(),
                    img.payloadBits() == 0 ? "none" : img.payloadBits() + " bit", img.pipelineDepth());
            out.printf(Locale.ROOT, "input: %d channel(s), %s; output: %d value(s), %s from step %d%n", img.input().channels(),
                    img.input().binary() ? "binary spikes" : "graded payloads with " + img.input().scale() + " fraction bits", img.output().outputs(),
                    img.output().kind().name().toLowerCase(Locale.ROOT), img.output().firstStep());
            out.printf(Locale.ROOT, "  %-4s %-4s %-6s %-4s %-22s %-8s %8s %6s %9s %7s %6s%n", "core", "chip", "tile", "slot", "layer", "program", "neurons", "axons",
                    "synapses", "routes", "start");
            for (CoreImage c : img.cores()) {
                out.printf(Locale.ROOT, "  %-4d %-4d %-6s %-4d %-22s %-8s %8d %6d %9d %7d %6d%n", c.id(), c.chip(), c.tileX() + "," + c.tileY(), c.slot(),
                        c.neurons().layer() + (c.neurons().firstNeuron() > 0 ? "+" + c.neurons().firstNeuron() : ""), c.neurons().program().id(),
                        c.neurons().count(), c.synapses().axons(), c.synapses().synapses(), c.routes().routes(), c.neurons().startStep());
            }
            out.println("layers:");
            for (LayerMapping l : img.layers()) {
                out.printf(Locale.ROOT, "  %-22s %-8s %6d neurons on core(s) %s, %,d dense ops per step%n", l.name(), l.program().id(), l.neurons(), l.cores(),
                        l.denseOpsPerStep());
            }
        }
        out.flush();
        return 0;
    }

    private static ObjectNode toJson(ChipImage img) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("model", img.modelName());
        root.put("target", img.targetName());
        root.put("chips", img.chips());
        root.put("state_bits", img.stateBits());
        root.put("payload_bits", img.payloadBits());
        root.put("pipeline_depth", img.pipelineDepth());
        root.put("neurons", img.neurons());
        root.put("synapses", img.synapses());
        ObjectNode input = root.putObject("input");
        input.put("channels", img.input().channels());
        input.put("binary", img.input().binary());
        input.put("fraction_bits", img.input().scale());
        ObjectNode output = root.putObject("output");
        output.put("kind", img.output().kind().name().toLowerCase(Locale.ROOT));
        output.put("first_step", img.output().firstStep());
        output.put("values", img.output().outputs());
        ArrayNode cores = root.putArray("cores");
        for (CoreImage c : img.cores()) {
            ObjectNode core = cores.addObject();
            core.put("id", c.id());
            core.put("chip", c.chip());
            core.put("tile_x", c.tileX());
            core.put("tile_y", c.tileY());
            core.put("slot", c.slot());
            core.put("layer", c.neurons().layer());
            core.put("first_neuron", c.neurons().firstNeuron());
            core.put("program", c.neurons().program().id());
            core.put("neurons", c.neurons().count());
            core.put("start_step", c.neurons().startStep());
            core.put("axons", c.synapses().axons());
            core.put("synapses", c.synapses().synapses());
            core.put("routes", c.routes().routes());
        }
        ImageParams.putLayers(root, img);
        return root;
    }
}
