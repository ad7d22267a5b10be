package dev.sigil.fleet.core.candle;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Builds one symbol's candles of a longer interval from its base candles, the way Binance's klines are: aligned to
 * UTC multiples of the interval since the epoch, first open, highest high, lowest low, last close, summed volumes.
 * Only closed candles come out: a candle is handed on when a base candle reaches its end, or when a base candle of a
 * later interval shows it has closed (after missing base candles). With the base interval itself, every candle is
 * passed through as it is. Base candles must come in time order (the candle gate sees to it).
 */
public final class CandleAggregator {

    private final long intervalSeconds;
    private final boolean passThrough;
    private String symbol;
    private long bucket = Long.MIN_VALUE;
    private double open;
    private double high;
    private double low;
    private double close;
    private double volume;
    private double quoteVolume;

    public CandleAggregator(Duration base, Duration interval) {
        if (interval.compareTo(base) < 0 || interval.toSeconds() % base.toSeconds() != 0) {
            throw new IllegalArgumentException("an interval of " + interval + " is not a multiple of the base " + base);
        }
        this.intervalSeconds = interval.toSeconds();
        this.passThrough = interval.equals(base);
    }

    /** Receives a closed candle's high, low and close: what an ATR needs, with no {@link Candle} made for it. */
    @FunctionalInterface
    public interface PriceSink {
        void accept(double high, double low, double close);
    }

    /** Takes the next base candle; hands {@code closed} every candle of the interval it shows to be closed (0, 1 or 2). */
    public void add(Candle base, Consumer<Candle> closed) {
        add(base, closed, null);
    }

    /** As {@link #add(Candle, Consumer)}, handing on only the closed candles' prices: allocates nothing. */
    public void add(Candle base, PriceSink closed) {
        add(base, null, closed);
    }

    /** Exactly one of {@code candles} and {@code prices} is set. */
    private void add(Candle base, Consumer<Candle> candles, PriceSink prices) {
        if (passThrough) {
            if (candles != null) {
                candles.accept(base);
            } else {
                prices.accept(base.high(), base.low(), base.close());
            }
            return;
        }
        long at = Math.floorDiv(base.openTime().getEpochSecond(), intervalSeconds);
        if (at != bucket) {
            if (bucket != Long.MIN_VALUE) {
                handOn(candles, prices);
            }
            bucket = at;
            symbol = base.symbol();
            open = base.open();
            high = base.high();
            low = base.low();
            close = base.close();
            volume = base.volume();
            quoteVolume = base.quoteVolume();
        } else {
            high = Math.max(high, base.high());
            low = Math.min(low, base.low());
            close = base.close();
            volume += base.volume();
            quoteVolume += base.quoteVolume();
        }
        if (base.closeTime().getEpochSecond() >= (bucket + 1) * intervalSeconds) {
            handOn(candles, prices);
            bucket = Long.MIN_VALUE;
        }
    }

    private void handOn(Consumer<Candle> candles, PriceSink prices) {
        if (candles != null) {
            candles.accept(current());
        } else {
            prices.accept(high, low, close);
        }
    }

    private Candle current() {
        Instant start = Instant.ofEpochSecond(bucket * intervalSeconds);
        return new Candle(symbol, start, start.plusSeconds(intervalSeconds), open, high, low, close, volume, quoteVolume);
    }
}
