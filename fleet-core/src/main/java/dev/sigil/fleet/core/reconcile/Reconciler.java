package dev.sigil.fleet.core.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lists, trade by trade, where a live run and the replay of the candles it recorded differ, and why where it can tell.
 * <p>
 * Trades match by symbol and entry candle time. A matched pair differs in its fill when entry price or quantity
 * differ, else in its exit when one is open and the other closed, or exit time, reason or price differ (prices
 * compared to a relative 1e-9: both are the same doubles through exact decimals, the slack only absorbs formatting).
 * <p>
 * Reasons, first that applies: a <b>data gap</b> of the trade's symbol from {@code memory} before its entry to its
 * exit (indicators remember that long: the warm-up); a <b>restart</b> or <b>config change</b> boundary from
 * {@code memory} before its entry to its exit (the engine was rebuilt there); else none.
 */
public final class Reconciler {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private final Duration memory;

    /** @param memory how long before an entry a gap or a boundary can still change it: the indicators' warm-up span */
    public Reconciler(Duration memory) {
        this.memory = memory;
    }

    /**
     * The differences, in entry time order (then symbol). {@code end} is the end of the compared run: an open trade
     * counts as in the market until then.
     */
    public List<Difference> differences(List<Trade> live, List<Trade> replay, List<CandleGap> gaps, List<Boundary> boundaries, Instant end) {
        Map<String, Trade> replayed = byKey(replay);
        List<Difference> differences = new ArrayList<>();
        for (Map.Entry<String, Trade> entry : byKey(live).entrySet()) {
            Trade ours = entry.getValue();
            Trade theirs = replayed.remove(entry.getKey());
            Difference.Kind kind = theirs == null ? Difference.Kind.MISSED
                    : !same(ours.entryPrice(), theirs.entryPrice()) || !same(ours.qty(), theirs.qty()) ? Difference.Kind.DIFFERENT_FILL
                    : !sameExit(ours, theirs) ? Difference.Kind.DIFFERENT_EXIT : null;
            if (kind != null) {
                differences.add(new Difference(kind, ours.symbol(), ours.entryTime(), ours, theirs, reason(ours, theirs, gaps, boundaries, end)));
            }
        }
        for (Trade extra : replayed.values()) {
            differences.add(new Difference(Difference.Kind.EXTRA, extra.symbol(), extra.entryTime(), null, extra,
                    reason(extra, null, gaps, boundaries, end)));
        }
        differences.sort(Comparator.comparing(Difference::entryTime).thenComparing(Difference::symbol));
        return differences;
    }

    private String reason(Trade one, Trade other, List<CandleGap> gaps, List<Boundary> boundaries, Instant end) {
        Instant from = one.entryTime().minus(memory);
        Instant to = latest(one.lastTime(end), other == null ? null : other.lastTime(end));
        for (CandleGap gap : gaps) {
            if (gap.symbol().equals(one.symbol()) && !gap.to().isBefore(from) && !gap.from().isAfter(to)) {
                return "data gap: " + gap.describe();
            }
        }
        for (Boundary.Kind kind : Boundary.Kind.values()) {
            for (Boundary boundary : boundaries) {
                if (boundary.kind() == kind && !boundary.at().isBefore(from) && !boundary.at().isAfter(to)) {
                    return kind.words() + ": " + boundary.detail();
                }
            }
        }
        return null;
    }

    private static Instant latest(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static boolean sameExit(Trade live, Trade replay) {
        if (live.open() || replay.open()) {
            return live.open() == replay.open();
        }
        return live.exitTime().equals(replay.exitTime()) && Objects.equals(live.exitReason(), replay.exitReason())
                && same(live.exitPrice(), replay.exitPrice());
    }

    private static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    private static Map<String, Trade> byKey(List<Trade> trades) {
        Map<String, Trade> keyed = new LinkedHashMap<>();
        for (Trade trade : trades) {
            keyed.put(trade.symbol() + "@" + trade.entryTime(), trade);
        }
        return keyed;
    }
}
