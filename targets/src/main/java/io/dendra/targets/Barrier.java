package io.dendra.targets;

/**
 * The mesh-wide barrier that ends a timestep: its time grows linearly with the tiles it spans,
 * through two measured points (Loihi: 113 ns over 1 tile, 465 ns over 32), and it costs an energy per tile.
 */
public record Barrier(double timeAtFewestNs, double timeAtMostNs, int fewestTiles, int mostTiles, double energyPerTilePj) {
    public Barrier {
        if (!(timeAtFewestNs >= 0) || !(timeAtMostNs >= timeAtFewestNs) || fewestTiles < 1 || mostTiles < fewestTiles || !(energyPerTilePj >= 0)) {
            throw new IllegalArgumentException("barrier times grow with tiles");
        }
    }

    /** The barrier time over {@code tiles} tiles, on the line through the two measured points. */
    public double timeNs(int tiles) {
        if (mostTiles == fewestTiles) return timeAtFewestNs;
        double slope = (timeAtMostNs - timeAtFewestNs) / (mostTiles - fewestTiles);
        return Math.max(0, timeAtFewestNs + slope * (tiles - fewestTiles));
    }

    public double energyPj(int tiles) {
        return energyPerTilePj * tiles;
    }
}
