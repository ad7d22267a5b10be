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
        String row = line.strip();
        int[] commas = new int[12];
        int fields = 1;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == ',') {
                if (fields <= commas.length) {
                    commas[fields - 1] = i;
                }
                fields++;
            }
        }
        if (fields < 7) {
            throw new BadKlineRow(RowDefect.WRONG_SHAPE, fields + " fields, at least 7 needed");
        }
        try {
            Instant openTime = epoch(integer(row, 0, commas[0]));
            long closeInclusive = integer(row, commas[5] + 1, fields > 7 ? commas[6] : row.length());
            double volume = decimal(row, commas[4] + 1, commas[5]);
            double quoteVolume = fields > 7 ? decimal(row, commas[6] + 1, fields > 8 ? commas[7] : row.length()) : Double.NaN;
            return new Candle(symbol, openTime, closeExclusive(closeInclusive),
                    decimal(row, commas[0] + 1, commas[1]), decimal(row, commas[1] + 1, commas[2]), decimal(row, commas[2] + 1, commas[3]),
                    decimal(row, commas[3] + 1, commas[4]), volume, Double.isNaN(quoteVolume) ? 0 : quoteVolume);
        } catch (NumberFormatException e) {
            throw new BadKlineRow(RowDefect.NOT_A_NUMBER, e.getMessage());
        }
    }

    /** Powers of ten a double holds exactly (10^22 is the largest). */
    private static final double[] POWERS_OF_TEN = new double[23];
    /** Above this a long mantissa no longer converts to a double exactly. */
    private static final long EXACT_MANTISSA = 1L << 53;

    static {
        double power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    /**
     * The field {@code row[from, to)} as {@link Double#parseDouble} reads it. A plain decimal ({@code -62000.12345678}:
     * sign, digits, one point) whose digits fit 2^53 and whose fraction has at most 22 digits is the quotient of two
     * doubles held exactly, which IEEE division rounds correctly — the very double parseDouble returns — without the
     * substring; anything else (exponents, whitespace, NaN, long digit strings, garbage) goes to parseDouble itself.
     */
    static double decimal(String row, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (row.charAt(i) == '-' || row.charAt(i) == '+')) {
            negative = row.charAt(i) == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < to; i++) {
            char c = row.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
                if (mantissa >= EXACT_MANTISSA) {
                    return Double.parseDouble(row.substring(from, to));
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.parseDouble(row.substring(from, to));
            }
        }
        if (digits == 0 || fraction > 22) {
            return Double.parseDouble(row.substring(from, to));
        }
        double value = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
        return negative ? -value : value;
    }

    /** The field {@code row[from, to)} as {@code Long.parseLong} reads it stripped: digits read in place, anything else parsed the slow way. */
    static long integer(String row, int from, int to) {
        long value = 0;
        if (from >= to || to - from > 18) {
            return Long.parseLong(row.substring(from, to).strip());
        }
        for (int i = from; i < to; i++) {
            char c = row.charAt(i);
            if (c < '0' || c > '9') {
                return Long.parseLong(row.substring(from, to).strip());
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
