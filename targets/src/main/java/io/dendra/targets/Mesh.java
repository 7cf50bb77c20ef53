package io.dendra.targets;

/** A chip's mesh of tiles ({@code columns} east-west by {@code rows} north-south) and the cores in each tile. */
public record Mesh(int columns, int rows, int coresPerTile) {
    public Mesh {
        if (columns <= 0 || rows <= 0 || coresPerTile <= 0) throw new IllegalArgumentException("mesh sizes are positive");
    }

    public int tiles() {
        return columns * rows;
    }

    public int cores() {
        return tiles() * coresPerTile;
    }
}
