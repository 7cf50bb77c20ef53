package io.dendra.compiler.mapping;

import io.dendra.compiler.network.LogicalBlock;

/** The neurons {@code first .. first + count} of a block, assigned to core {@code core}. */
public record CorePiece(int core, LogicalBlock block, int first, int count) {
    public boolean holds(int neuron) {
        return neuron >= first && neuron < first + count;
    }
}
