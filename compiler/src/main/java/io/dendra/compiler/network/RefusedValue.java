package io.dendra.compiler.network;

import io.dendra.compiler.graph.Node;

/**
 * What a layer that cannot map would have sent, so that lowering can go on checking the layers after
 * it on their own. It never appears in a network that lowering returns.
 */
public record RefusedValue(int width, int sendStep, boolean graded, Node valueNode) implements ChipValue {}
