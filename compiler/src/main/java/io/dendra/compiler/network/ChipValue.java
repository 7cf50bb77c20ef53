package io.dendra.compiler.network;

import io.dendra.compiler.graph.Node;

/** Something on the chip that sends values each step: the host's input channels or a block of neurons. */
public sealed interface ChipValue permits HostSource, LogicalBlock, RefusedValue {
    /** How many values it sends per step (channels or neurons). */
    int width();

    /** The step at which it sends the values belonging to input step 0. */
    int sendStep();

    /** Whether its messages carry payloads; otherwise they are binary spikes. */
    boolean graded();

    /** The graph node whose reference values equal the values it sends, for calibration. */
    Node valueNode();
}
