package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Instant;
import java.util.Locale;

/**
 * One line of a Binance kline dump (data.binance.vision): open_time, open, high, low, close, volume, close_time,
 * quote_volume, trades, taker_buy_base, taker_buy_quote, ignore. Times are milliseconds in older spot dumps and
 * microseconds from 2025 on; both are read. A header line is recognised (it starts with a letter) and skipped.
 */
final class KlineCsv {

    /** Above this an epoch timestamp is in microseconds (1e14 ms would be the year 5138). */
    private static final long MICROSECONDS_THRESHOLD = 100_000_000_000_000L;
    /** A real row is about 150 characters; anything this long is not one. */
    private static final int MAX_ROW = 1024;

    private KlineCsv() {
    }

    static boolean isHeader(String line) {
        String text = line.strip();
        return !text.isEmpty() && Character.isLetter(text.charAt(0)) && text.charAt(0) < 0x80;
    }

    /**
     * The candle of a data line. A byte outside ASCII, fewer than 7 fields or a field that is not a number make it
     * a {@link BadKlineRow}; values that parse but make no sense (NaN, high below low) are the candle gate's to judge.
     */
    static Candle parse(String symbol, String line) throws BadKlineRow {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) > 0x7F) {
                throw new BadKlineRow(RowDefect.NON_ASCII, String.format(Locale.ROOT, "byte 0x%02X at column %d", (int) line.charAt(i), i + 1));
            }
        }
        if (line.length() > MAX_ROW) {
            throw new BadKlineRow(RowDefect.WRONG_SHAPE, line.length() + " characters");
        }
        String[] fields = line.strip().split(",", -1);
        if (fields.length < 7) {
            throw new BadKlineRow(RowDefect.WRONG_SHAPE, fields.length + " fields, at least 7 needed");
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
            throw new BadKlineRow(RowDefect.NOT_A_NUMBER, e.getMessage());
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
