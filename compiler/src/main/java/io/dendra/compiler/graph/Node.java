package io.dendra.compiler.graph;

import io.dendra.diagnostics.Place;
import java.util.List;

/**
 * One layer of a model graph. Every node produces, per timestep, a vector of {@link #width()}
 * reals (a {@link Timing#SEQUENCE}), or one vector per sequence after a mean over time
 * ({@link Timing#STATIC}).
 */
public sealed interface Node
        permits InputNode, LinearNode, SparseLinearNode, IntegerSynapseNode, IntegerNeuronNode, DeltaNode, IntegratorNode, ThresholdNode, DelayNode, EmbeddingNode, S4dNode, LifNode, GluNode, AddNode, LayerNormNode,
                BatchNormNode, MeanTimeNode {

    /** Whether a node's value is a sequence (one vector per timestep) or a single vector. */
    enum Timing { SEQUENCE, STATIC }

    /** The layer name used in reports, unique within a graph. */
    String name();

    /** Where the layer is defined, for diagnostics. */
    Place place();

    List<Node> inputs();

    int width();

    Timing timing();

    /** The layer kind as written in the model language. */
    String kind();

    /** Number of trainable parameters (complex values count as two). */
    long parameterCount();
}
