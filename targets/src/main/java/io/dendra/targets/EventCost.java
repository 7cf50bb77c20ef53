package io.dendra.targets;

/** The energy and time one event costs on a target. */
public record EventCost(double energyPj, double timeNs) {
    public EventCost {
        if (!(energyPj >= 0) || !(timeNs >= 0)) throw new IllegalArgumentException("costs are finite and non-negative");
    }

    public EventCost plus(EventCost other) {
        return new EventCost(energyPj + other.energyPj, timeNs + other.timeNs);
    }

    public EventCost times(int count) {
        return new EventCost(energyPj * count, timeNs * count);
    }
}
