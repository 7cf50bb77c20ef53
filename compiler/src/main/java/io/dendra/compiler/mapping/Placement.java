package io.dendra.compiler.mapping;

import io.dendra.targets.Mesh;

/**
 * Where each core sits: a slot number per core, slots counted row-major (slot within tile, tile
 * column, tile row, then chip). Also the placement's cost: messages per step times the target's hop latencies (ns).
 */
public record Placement(int[] slotOfCore, double cost, double rowMajorCost) {
    public Placement {
        slotOfCore = slotOfCore.clone();
    }

    public int slot(int core) {
        return slotOfCore[core];
    }

    public static int chip(Mesh mesh, int slot) { return slot / mesh.cores(); }
    public static int tileX(Mesh mesh, int slot) { return (slot % mesh.cores()) / mesh.coresPerTile() % mesh.columns(); }
    public static int tileY(Mesh mesh, int slot) { return (slot % mesh.cores()) / mesh.coresPerTile() / mesh.columns(); }
    public static int slotInTile(Mesh mesh, int slot) { return slot % mesh.coresPerTile(); }
}
