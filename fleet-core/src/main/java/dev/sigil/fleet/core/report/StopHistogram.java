package dev.sigil.fleet.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hard stops' distances from the entry (percent) counted in bins shared by every arm, so the arms' bars stand side
 * by side. The bin width is the smallest of 0.05, 0.1, 0.25, 0.5, 1, 2, 5 and 10 percentage points that needs at
 * most {@link #MAX_BINS} bins; bins start at a multiple of the width. Distances that are not numbers are left out.
 *
 * @param lowerEdges each bin's lower edge (inclusive; the upper edge is the next one, exclusive); empty without stops
 * @param counts     per arm (in the given order), the stops in each bin
 */
public record StopHistogram(double width, List<Double> lowerEdges, Map<String, List<Integer>> counts) {

    public static final int MAX_BINS = 24;

    private static final double[] WIDTHS = {0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10};

    /** @param distancesByArm stop distances in percent of the entry price, by arm */
    public static StopHistogram of(Map<String, List<Double>> distancesByArm) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> distances : distancesByArm.values()) {
            for (double distance : distances) {
                if (Double.isFinite(distance)) {
                    min = Math.min(min, distance);
                    max = Math.max(max, distance);
                }
            }
        }
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        if (min > max) {
            distancesByArm.keySet().forEach(arm -> counts.put(arm, List.of()));
            return new StopHistogram(Double.NaN, List.of(), counts);
        }
        double width = width(min, max);
        double start = Math.floor(min / width + 1e-6) * width;
        int bins = bin(max, start, width) + 1;
        List<Double> edges = new ArrayList<>(bins);
        for (int i = 0; i < bins; i++) {
            edges.add(Math.round((start + i * width) * 1e6) / 1e6);
        }
        distancesByArm.forEach((arm, distances) -> {
            Integer[] count = new Integer[bins];
            Arrays.fill(count, 0);
            distances.stream().filter(Double::isFinite).forEach(distance -> count[Math.min(bins - 1, bin(distance, start, width))]++);
            counts.put(arm, List.of(count));
        });
        return new StopHistogram(width, edges, counts);
    }

    private static double width(double min, double max) {
        for (double candidate : WIDTHS) {
            if (bin(max, Math.floor(min / candidate + 1e-6) * candidate, candidate) < MAX_BINS) {
                return candidate;
            }
        }
        return WIDTHS[WIDTHS.length - 1];
    }

    /** Tolerates the float error of a stop price computed by multiplication: 3.0000000001 % belongs to the bin at 3 (and so does 2.9999999999 %). */
    private static int bin(double value, double start, double width) {
        return Math.max(0, (int) Math.floor((value - start) / width + 1e-6));
    }
}
