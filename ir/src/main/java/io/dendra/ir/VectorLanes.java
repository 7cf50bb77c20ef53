package io.dendra.ir;

import io.dendra.ir.programs.ssm.SsmLanes;

/**
 * Whether this JVM runs Dendra's eight-lane loops ({@link io.dendra.ir.programs.ssm.SsmLanes}, and the simulator's dense
 * synapse rows) with the JDK's Vector API: the incubating {@code jdk.incubator.vector} module was
 * resolved (as {@code ./dendra} asks), this machine's vectors hold eight longs (fewer would be
 * emulated, slower than scalar code), and {@code -Ddendra.scalar=true} was not given. Results are the
 * same either way; only the time differs.
 */
public final class VectorLanes {
    public static final boolean AVAILABLE = available();

    private VectorLanes() {}

    private static boolean available() {
        if (Boolean.getBoolean("dendra.scalar") || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return io.dendra.ir.programs.ssm.SsmLanes.supported();
        } catch (LinkageError e) {
            return false;
        }
    }
}
