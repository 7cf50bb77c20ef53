package io.dendra.compiler.mapping;

import io.dendra.targets.Mesh;
import java.util.ArrayList;
import java.util.List;

/**
 * Places cores on the mesh to reduce the time messages spend between tiles: messages × the
 * target's hop latencies. Starts from a greedy serpentine that walks the cores in pipeline order
 * through neighbouring tiles, then improves it by a deterministic local search of moves and swaps
 * that lower the cost; a row-major placement is the baseline, and the result is never worse than
 * it. A message's distance is what the simulator charges its route (chips lie side by side
 * east-west): its east-west hops at {@code hop_ew}, a chip boundary at {@code chip_crossing}
 * instead of a hop, its north-south hops at {@code hop_ns}; cores in one tile are 0 apart.
 */
public final class Placer {
    private static final int MAX_PASSES = 4;

    /** Messages per step from core {@code from} to core {@code to}. */
    public record Traffic(int from, int to, double messages) {}

    private final Mesh mesh;
    private final double eastWest, northSouth, crossing;
    private final int cores;
    private final int slots;
    private final List<List<Traffic>> edges = new ArrayList<>();

    /** A placer pricing routes with the hop latencies (ns) of a target: east-west, north-south, chip crossing. */
    public Placer(Mesh mesh, int cores, List<Traffic> traffic, double eastWestNs, double northSouthNs, double crossingNs) {
        if (!(eastWestNs >= 0 && northSouthNs >= 0 && crossingNs >= 0)) throw new IllegalArgumentException("hop latencies are not negative");
        this.mesh = mesh;
        this.eastWest = eastWestNs;
        this.northSouth = northSouthNs;
        this.crossing = crossingNs;
        this.cores = cores;
        int chips = Math.max(1, (cores + mesh.cores() - 1) / mesh.cores());
        this.slots = chips * mesh.cores();
        for (int c = 0; c < cores; c++) edges.add(new ArrayList<>());
        for (Traffic t : traffic) {
            if (t.from() == t.to()) continue;
            edges.get(t.from()).add(t);
            edges.get(t.to()).add(t);
        }
    }

    public Placement place() {
        int[] rowMajor = new int[cores];
        for (int c = 0; c < cores; c++) rowMajor[c] = c;
        double baseline = cost(rowMajor);
        int[] slotOf = serpentine();
        improve(slotOf);
        double cost = cost(slotOf);
        if (cost > baseline) return new Placement(rowMajor, baseline, baseline);
        return new Placement(slotOf, cost, baseline);
    }

    /** Consecutive cores fill a tile, then the next tile along a boustrophedon path, so neighbours stay near. */
    private int[] serpentine() {
        int[] order = new int[slots];
        int i = 0;
        int chips = slots / mesh.cores();
        for (int chip = 0; chip < chips; chip++) {
            for (int y = 0; y < mesh.rows(); y++) {
                for (int k = 0; k < mesh.columns(); k++) {
                    int x = y % 2 == 0 ? k : mesh.columns() - 1 - k;
                    for (int s = 0; s < mesh.coresPerTile(); s++) {
                        order[i++] = chip * mesh.cores() + (y * mesh.columns() + x) * mesh.coresPerTile() + s;
                    }
                }
            }
        }
        int[] slotOf = new int[cores];
        for (int c = 0; c < cores; c++) slotOf[c] = order[c];
        return slotOf;
    }

    private void improve(int[] slotOf) {
        int[] coreAt = new int[slots];
        java.util.Arrays.fill(coreAt, -1);
        for (int c = 0; c < cores; c++) coreAt[slotOf[c]] = c;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean improved = false;
            for (int c = 0; c < cores; c++) {
                if (edges.get(c).isEmpty()) continue;
                for (int s = 0; s < slots; s++) {
                    if (s == slotOf[c]) continue;
                    int other = coreAt[s];
                    double before = local(c, slotOf) + (other >= 0 ? local(other, slotOf) : 0);
                    int from = slotOf[c];
                    slotOf[c] = s;
                    if (other >= 0) slotOf[other] = from;
                    double after = local(c, slotOf) + (other >= 0 ? local(other, slotOf) : 0);
                    if (after < before - 1e-9) {
                        coreAt[s] = c;
                        coreAt[from] = other;
                        improved = true;
                    } else {
                        slotOf[c] = from;
                        if (other >= 0) slotOf[other] = s;
                    }
                }
            }
            if (!improved) break;
        }
    }

    /** The cost of the edges touching one core (an edge between two swapped cores counts in both, equally before and after). */
    private double local(int core, int[] slotOf) {
        double sum = 0;
        for (Traffic t : edges.get(core)) sum += t.messages() * distance(slotOf[t.from()], slotOf[t.to()]);
        return sum;
    }

    double cost(int[] slotOf) {
        double sum = 0;
        for (int c = 0; c < cores; c++) for (Traffic t : edges.get(c)) if (t.from() == c) sum += t.messages() * distance(slotOf[t.from()], slotOf[t.to()]);
        return sum;
    }

    /** The hop latency of a message from slot a to slot b, in ns. */
    double distance(int a, int b) {
        int chipA = Placement.chip(mesh, a);
        int chipB = Placement.chip(mesh, b);
        int xa = chipA * mesh.columns() + Placement.tileX(mesh, a);
        int xb = chipB * mesh.columns() + Placement.tileX(mesh, b);
        int crossings = Math.abs(chipA - chipB);
        return (Math.abs(xa - xb) - crossings) * eastWest + Math.abs(Placement.tileY(mesh, a) - Placement.tileY(mesh, b)) * northSouth
                + crossings * crossing;
    }
}
