package io.dendra.compiler.network;

import io.dendra.compiler.graph.InputNode;

/** The model input, sent by the host at step t for input step t: graded payloads, or spikes on a binary-only target. */
public final class HostSource implements ChipValue {
    private final InputNode node;
    private final boolean binary;

    public HostSource(InputNode node, boolean binary) {
        this.node = node;
        this.binary = binary;
    }

    public boolean binary() { return binary; }
    @Override public int width() { return node.width(); }
    @Override public int sendStep() { return 0; }
    @Override public boolean graded() { return !binary; }
    @Override public InputNode valueNode() { return node; }
}
