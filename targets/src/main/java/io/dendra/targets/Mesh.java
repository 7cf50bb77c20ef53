package io.dendra.targets;

/**
 * A chip's mesh of tiles ({@code columns} east-west by {@code rows} north-south), the cores in each
 * tile, and the messages each directed link's router buffer holds before the message behind waits
 * ({@code linkBuffer}; 0: unbounded).
 */
public record Mesh(int columns, int rows, int coresPerTile, int linkBuffer) {
    public Mesh(int columns, int rows, int coresPerTile) {
        this(columns, rows, coresPerTile, 0);
    }

    public Mesh {
        if (columns <= 0 || rows <= 0 || coresPerTile <= 0) throw new IllegalArgumentException("mesh sizes are positive");
        if (linkBuffer < 0) throw new IllegalArgumentException("a link buffer holds 0 (unbounded) or more messages");
    }

    public int tiles() {
        return columns * rows;
    }

    public int cores() {
        return tiles() * coresPerTile;
    }
}
