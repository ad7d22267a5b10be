package dev.sigil.fleet.core.report;

import dev.sigil.fleet.core.research.EquityPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Equity curves made fit for a chart: the drawdown at every snapshot, and a curve thinned to a few thousand points
 * (a month of minute snapshots is 43,200 a variant) without losing its spikes and troughs.
 */
public final class Curves {

    /** One point of a chart's line. */
    public record Point(Instant at, double value) {
    }

    private Curves() {
    }

    public static List<Point> equity(List<EquityPoint> curve) {
        return curve.stream().map(point -> new Point(point.at(), point.equity())).toList();
    }

    /** The drawdown at each snapshot, percent below the highest equity so far: 0 at a new high, negative below it. */
    public static List<Point> drawdownPct(List<EquityPoint> curve) {
        List<Point> drawdown = new ArrayList<>(curve.size());
        double peak = Double.NEGATIVE_INFINITY;
        for (EquityPoint point : curve) {
            peak = Math.max(peak, point.equity());
            drawdown.add(new Point(point.at(), peak > 0 ? (point.equity() / peak - 1) * 100 : 0));
        }
        return drawdown;
    }

    /**
     * At most {@code maxPoints} of the points (at least 4): the first and the last, and between them buckets of equal
     * count each keeping its lowest and its highest point in time order, so a one-minute crash still shows.
     */
    public static List<Point> minMax(List<Point> points, int maxPoints) {
        if (maxPoints < 4) {
            throw new IllegalArgumentException("maxPoints must be at least 4, not " + maxPoints);
        }
        if (points.size() <= maxPoints) {
            return points;
        }
        List<Point> inner = points.subList(1, points.size() - 1);
        int buckets = (maxPoints - 2) / 2;
        List<Point> kept = new ArrayList<>(maxPoints);
        kept.add(points.getFirst());
        for (int bucket = 0; bucket < buckets; bucket++) {
            List<Point> slice = inner.subList((int) ((long) bucket * inner.size() / buckets), (int) ((long) (bucket + 1) * inner.size() / buckets));
            Point low = slice.stream().min(Comparator.comparingDouble(Point::value)).orElseThrow();
            Point high = slice.stream().max(Comparator.comparingDouble(Point::value)).orElseThrow();
            if (low == high) {
                kept.add(low);
            } else if (low.at().isAfter(high.at())) {
                kept.add(high);
                kept.add(low);
            } else {
                kept.add(low);
                kept.add(high);
            }
        }
        kept.add(points.getLast());
        return kept;
    }
}
