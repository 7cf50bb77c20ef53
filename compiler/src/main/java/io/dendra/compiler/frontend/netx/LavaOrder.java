package io.dendra.compiler.frontend.netx;

/** Lava's (W, H, C) order of a NetX layer's values, channel fastest, against the (C, H, W) of its file's shapes. */
final class LavaOrder {
    private LavaOrder() {}

    /**
     * Where each value of a (C, H, W) layout goes in Lava's (W, H, C) order, the order Dendra keeps a
     * NetX layer's neurons in (so that a core's run of neurons is a spatial tile of every channel,
     * as Lava's Loihi 2 compiler maps convolutions): entry (c·H + y)·W + x is (x·H + y)·C + c.
     */
    static int[] of(int[] chw) {
        int c = chw[0], h = chw[1], w = chw[2];
        int[] at = new int[c * h * w];
        for (int ci = 0; ci < c; ci++) for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) at[(ci * h + y) * w + x] = (x * h + y) * c + ci;
        return at;
    }

    /** A (C, H, W) shape as text. */
    static String text(int[] chw) {
        return "(" + chw[0] + ", " + chw[1] + ", " + chw[2] + ")";
    }
}
