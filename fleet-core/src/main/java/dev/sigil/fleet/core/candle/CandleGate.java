package dev.sigil.fleet.core.candle;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets through only sane candles, in time order, per symbol. A candle with NaN or non-positive prices, high below
 * low, open or close outside [low, high], or a time not after the previous candle of its symbol is rejected with
 * its {@link CandleDefect}; the caller skips and counts it. A candle after missing intervals passes, flagged
 * {@link CandleDefect#GAP} with how many intervals were missing. Never throws on data.
 */
public final class CandleGate {

    /** The verdict on one candle. {@code missing} is the number of absent intervals before a gap candle. */
    public record Verdict(boolean accepted, CandleDefect defect, long missing) {
        static final Verdict OK = new Verdict(true, null, 0);

        static Verdict rejected(CandleDefect defect) {
            return new Verdict(false, defect, 0);
        }
    }

    private final long intervalMillis;
    private final Map<String, Instant> lastOpen = new HashMap<>();

    public CandleGate(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** Remembers {@code openTime} as the symbol's latest candle, e.g. after a restart, so older candles are refused. */
    public void seen(String symbol, Instant openTime) {
        lastOpen.merge(symbol, openTime, (a, b) -> a.isAfter(b) ? a : b);
    }

    public Verdict check(Candle candle) {
        CandleDefect shape = shapeDefect(candle);
        if (shape != null) {
            return Verdict.rejected(shape);
        }
        Instant previous = lastOpen.get(candle.symbol());
        if (previous != null) {
            int order = candle.openTime().compareTo(previous);
            if (order == 0) {
                return Verdict.rejected(CandleDefect.DUPLICATE_TIME);
            }
            if (order < 0) {
                return Verdict.rejected(CandleDefect.OUT_OF_ORDER);
            }
        }
        lastOpen.put(candle.symbol(), candle.openTime());
        if (previous != null) {
            long steps = (candle.openTime().toEpochMilli() - previous.toEpochMilli()) / intervalMillis;
            if (steps > 1) {
                return new Verdict(true, CandleDefect.GAP, steps - 1);
            }
        }
        return Verdict.OK;
    }

    static CandleDefect shapeDefect(Candle candle) {
        double open = candle.open();
        double high = candle.high();
        double low = candle.low();
        double close = candle.close();
        if (Double.isNaN(open) || Double.isNaN(high) || Double.isNaN(low) || Double.isNaN(close)
                || Double.isNaN(candle.volume()) || Double.isInfinite(high) || Double.isInfinite(candle.volume())) {
            return CandleDefect.NOT_A_NUMBER;
        }
        if (open <= 0 || high <= 0 || low <= 0 || close <= 0 || candle.volume() < 0 || candle.quoteVolume() < 0) {
            return CandleDefect.NON_POSITIVE;
        }
        if (high < low) {
            return CandleDefect.HIGH_BELOW_LOW;
        }
        if (open < low || open > high) {
            return CandleDefect.OPEN_OUTSIDE_RANGE;
        }
        if (close < low || close > high) {
            return CandleDefect.CLOSE_OUTSIDE_RANGE;
        }
        if (candle.openTime() == null || candle.closeTime() == null || !candle.closeTime().isAfter(candle.openTime())) {
            return CandleDefect.OUT_OF_ORDER;
        }
        return null;
    }
}
