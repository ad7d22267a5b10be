package dev.sigil.fleet.core.report;

import java.util.List;

/**
 * The hard stops' distances from the entry — the variable the A/B grid tests — summed up: the median distance and
 * the shares of stops clamped to the floor and to the cap. A grid whose arms all sit on the floor measures nothing.
 *
 * @param positions positions counted
 * @param medianPct median stop distance, percent of the entry price (NaN with no positions)
 * @param onFloor   share (0..1) of stops at {@code exit.hard_stop_floor_pct}
 * @param onCap     share (0..1) of stops at {@code exit.hard_stop_cap_pct}
 */
public record StopDistances(int positions, double medianPct, double onFloor, double onCap) {

    /** One position's entry and hard stop, and the floor and cap (percents) of the config it was opened with. */
    public record Stop(double entryPrice, double stopPrice, double floorPct, double capPct) {
        double distancePct() {
            return (entryPrice - stopPrice) / entryPrice * 100;
        }
    }

    /** Floor and cap are matched to this many percentage points (the stop price went through a multiplication). */
    private static final double SAME = 1e-7;

    public static StopDistances of(List<Stop> stops) {
        if (stops.isEmpty()) {
            return new StopDistances(0, Double.NaN, 0, 0);
        }
        double[] distances = stops.stream().mapToDouble(Stop::distancePct).sorted().toArray();
        int middle = distances.length / 2;
        double median = distances.length % 2 == 1 ? distances[middle] : (distances[middle - 1] + distances[middle]) / 2;
        long floor = stops.stream().filter(stop -> Math.abs(stop.distancePct() - stop.floorPct()) < SAME).count();
        long cap = stops.stream().filter(stop -> Math.abs(stop.distancePct() - stop.capPct()) < SAME).count();
        return new StopDistances(distances.length, median, (double) floor / distances.length, (double) cap / distances.length);
    }

    @Override
    public String toString() {
        return positions == 0 ? "no positions" : String.format(java.util.Locale.ROOT, "median %.2f %% · on the floor %.0f %% · on the cap %.0f %% (%d positions)",
                medianPct, onFloor * 100, onCap * 100, positions);
    }
}
