package io.dendra.targets;

import java.util.Arrays;

/**
 * The mesh-wide synchronisation that ends a timestep, by the tiles in use: a table of measured
 * points (tiles, time), read between points either on the straight line through its neighbours
 * ({@code linear}: Loihi's 113 ns over 1 tile and 465 ns over 32, Davies 2018) or as the entry of
 * the largest tile count not above ({@code step}: SANA-FE's table model); outside the table, its end
 * values (linear: extended along the last segment, never below 0). It costs an energy per tile.
 */
public record Barrier(int[] tiles, double[] timesNs, boolean step, double energyPerTilePj) {
    public Barrier {
        if (tiles.length == 0 || tiles.length != timesNs.length || !(energyPerTilePj >= 0)) throw new IllegalArgumentException("one time per tile count");
        for (int i = 0; i < tiles.length; i++) {
            if (tiles[i] < 1 || (i > 0 && tiles[i] <= tiles[i - 1])) throw new IllegalArgumentException("tile counts increase from 1");
            if (!(timesNs[i] >= 0) || (i > 0 && timesNs[i] < timesNs[i - 1])) throw new IllegalArgumentException("barrier times grow with tiles");
        }
        tiles = tiles.clone();
        timesNs = timesNs.clone();
    }

    /** Davies's form: a straight line through two measured points. */
    public static Barrier linear(double timeAtFewestNs, double timeAtMostNs, int fewestTiles, int mostTiles, double energyPerTilePj) {
        if (fewestTiles == mostTiles) return new Barrier(new int[] {fewestTiles}, new double[] {timeAtFewestNs}, false, energyPerTilePj);
        return new Barrier(new int[] {fewestTiles, mostTiles}, new double[] {timeAtFewestNs, timeAtMostNs}, false, energyPerTilePj);
    }

    /** The barrier time over {@code n} tiles. */
    public double timeNs(int n) {
        if (tiles.length == 1) return timesNs[0];
        if (step) {
            double t = timesNs[0];
            for (int i = 0; i < tiles.length && tiles[i] <= n; i++) t = timesNs[i];
            return t;
        }
        int i = 1;
        while (i < tiles.length - 1 && tiles[i] < n) i++;
        double slope = (timesNs[i] - timesNs[i - 1]) / (tiles[i] - tiles[i - 1]);
        return Math.max(0, timesNs[i - 1] + slope * (n - tiles[i - 1]));
    }

    public double energyPj(int n) {
        return energyPerTilePj * n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Barrier b && Arrays.equals(tiles, b.tiles) && Arrays.equals(timesNs, b.timesNs) && step == b.step
                && energyPerTilePj == b.energyPerTilePj;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(tiles) * 31 + Arrays.hashCode(timesNs);
    }

    @Override
    public String toString() {
        return "Barrier" + Arrays.toString(tiles) + Arrays.toString(timesNs) + (step ? " step" : " linear");
    }
}
