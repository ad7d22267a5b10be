package dev.sigil.fleet.runner.marketdata;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Instant;

/**
 * One line of a Binance kline dump (data.binance.vision): open_time, open, high, low, close, volume, close_time,
 * quote_volume, trades, taker_buy_base, taker_buy_quote, ignore. Times are milliseconds in older spot dumps and
 * microseconds from 2025 on; both are read. A header line is recognised and skipped.
 */
final class KlineCsv {

    /** Above this an epoch timestamp is in microseconds (1e14 ms would be the year 5138). */
    private static final long MICROSECONDS_THRESHOLD = 100_000_000_000_000L;

    private KlineCsv() {
    }

    static boolean isHeader(String line) {
        return !line.isEmpty() && !Character.isDigit(line.charAt(0));
    }

    /** The candle of a data line, or null if the line is malformed. */
    static Candle parse(String symbol, String line) {
        String[] fields = line.split(",", -1);
        if (fields.length < 7) {
            return null;
        }
        try {
            Instant openTime = epoch(Long.parseLong(fields[0].strip()));
            long closeInclusive = Long.parseLong(fields[6].strip());
            double volume = Double.parseDouble(fields[5]);
            double quoteVolume = fields.length > 7 ? Double.parseDouble(fields[7]) : Double.NaN;
            return new Candle(symbol, openTime, closeExclusive(closeInclusive),
                    Double.parseDouble(fields[1]), Double.parseDouble(fields[2]), Double.parseDouble(fields[3]),
                    Double.parseDouble(fields[4]), volume, Double.isNaN(quoteVolume) ? 0 : quoteVolume);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The dump's close time is the candle's last tick (…999 ms, or …999999 µs); one unit more is its end. */
    static Instant closeExclusive(long closeInclusive) {
        return closeInclusive >= MICROSECONDS_THRESHOLD ? epoch(closeInclusive + 1) : Instant.ofEpochMilli(closeInclusive + 1);
    }

    static Instant epoch(long value) {
        if (value >= MICROSECONDS_THRESHOLD) {
            return Instant.ofEpochSecond(value / 1_000_000, (value % 1_000_000) * 1_000);
        }
        return Instant.ofEpochMilli(value);
    }
}
