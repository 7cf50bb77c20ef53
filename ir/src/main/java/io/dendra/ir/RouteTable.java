package io.dendra.ir;

import java.util.Arrays;

/**
 * Where each neuron of a core sends its messages: one message per destination (a core and an
 * input axon there), neuron {@code n}'s destinations being {@code start[n] .. start[n+1]}.
 */
public final class RouteTable {
    private final int[] start;
    private final int[] destinationCore;
    private final int[] destinationAxon;

    public RouteTable(int[] start, int[] destinationCore, int[] destinationAxon) {
        if (start.length < 1 || start[0] != 0) throw new IllegalArgumentException("start begins at 0");
        for (int n = 0; n + 1 < start.length; n++) if (start[n + 1] < start[n]) throw new IllegalArgumentException("start is not increasing");
        int routes = start[start.length - 1];
        if (destinationCore.length != routes || destinationAxon.length != routes) throw new IllegalArgumentException("one core and axon per route");
        this.start = start.clone();
        this.destinationCore = destinationCore.clone();
        this.destinationAxon = destinationAxon.clone();
    }

    public int neurons() { return start.length - 1; }
    public int routes() { return destinationCore.length; }
    public int start(int neuron) { return start[neuron]; }
    public int end(int neuron) { return start[neuron + 1]; }
    public int destinationCore(int route) { return destinationCore[route]; }
    public int destinationAxon(int route) { return destinationAxon[route]; }

    /** Copies of start, destination core and destination axon. */
    public int[][] arrays() {
        return new int[][] {start.clone(), destinationCore.clone(), destinationAxon.clone()};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteTable r && Arrays.equals(start, r.start) && Arrays.equals(destinationCore, r.destinationCore)
                && Arrays.equals(destinationAxon, r.destinationAxon);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(destinationCore) * 31 + Arrays.hashCode(destinationAxon);
    }
}
