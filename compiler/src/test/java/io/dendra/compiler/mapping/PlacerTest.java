package io.dendra.compiler.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dendra.targets.Mesh;
import io.dendra.targets.Targets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Placement priced by the target's hop and crossing costs, by closed forms. */
class PlacerTest {
    @Test
    void placementBeatsRowMajorWhenTrafficJumpsAcrossTheMesh() {
        // 32 cores in a pipeline whose stages alternate between the first and the last tiles in row-major order.
        Mesh mesh = Targets.builtIn("loihi2").mesh();
        List<Placer.Traffic> traffic = new ArrayList<>();
        int[] order = new int[32];
        for (int i = 0; i < 16; i++) {
            order[2 * i] = i;
            order[2 * i + 1] = 127 - i;
        }
        for (int i = 0; i + 1 < 32; i++) traffic.add(new Placer.Traffic(Math.min(order[i], 127), Math.min(order[i + 1], 127), 10));
        Placement p = new Placer(mesh, 128, traffic, 4.1, 6.5, 65).place();
        assertTrue(p.cost() < p.rowMajorCost() / 4, p.cost() + " vs row-major " + p.rowMajorCost());
    }

    /**
     * The objective is the target's hop costs: a chain of three cores (10 messages per step on each
     * link) on a 3 x 3 mesh of one core per tile lies along the cheaper axis — 2 links x 10 x 1 ns —
     * whichever axis that is.
     */
    @Test
    void placementLaysAChainAlongTheCheaperAxis() {
        Mesh mesh = new Mesh(3, 3, 1);
        List<Placer.Traffic> chain = List.of(new Placer.Traffic(0, 1, 10), new Placer.Traffic(1, 2, 10));
        Placement eastWest = new Placer(mesh, 3, chain, 1, 100, 1000).place();
        Placement northSouth = new Placer(mesh, 3, chain, 100, 1, 1000).place();
        assertEquals(20, eastWest.cost(), 1e-9);
        assertEquals(20, northSouth.cost(), 1e-9);
        assertEquals(Placement.tileY(mesh, eastWest.slot(0)), Placement.tileY(mesh, eastWest.slot(2)));
        assertEquals(Placement.tileX(mesh, northSouth.slot(0)), Placement.tileX(mesh, northSouth.slot(2)));
    }

    /**
     * A chip boundary costs a crossing instead of a hop: three cores on two chips of two tiles each
     * (chips side by side east-west), 10 messages per step from core 0 to 1 and 1 from core 1 to 2.
     * The heavy pair shares a chip (10 x 1 ns) and the light link crosses (1 x 100 ns): 110, where
     * the other way round costs 1 x 1 + 10 x 100.
     */
    @Test
    void placementKeepsHeavyTrafficOnOneChip() {
        Mesh mesh = new Mesh(2, 1, 1);
        List<Placer.Traffic> traffic = List.of(new Placer.Traffic(0, 1, 10), new Placer.Traffic(1, 2, 1));
        Placement p = new Placer(mesh, 3, traffic, 1, 1, 100).place();
        assertEquals(110, p.cost(), 1e-9);
        assertEquals(Placement.chip(mesh, p.slot(0)), Placement.chip(mesh, p.slot(1)));
    }

}
