package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one kline dump file holds: its rows, its first and last candle, the rows that are not kline rows, and the runs
 * of candles missing inside it (an exchange outage, a delisting) — what {@code fleet data ls} shows before a backtest
 * relies on the file.
 *
 * @param last the open time of the last candle
 */
public record KlineCoverage(Path file, long candles, long badRows, Instant first, Instant last, List<Gap> gaps) {

    /** Candles missing between {@code after} and {@code before} (open times of the candles either side). */
    public record Gap(Instant after, Instant before, long missing) {
    }

    /** Reads the file to its end; an unusable file throws {@link UnusableKlineFileException}. */
    public static KlineCoverage of(Path file, String symbol, Duration interval) {
        long candles = 0;
        long bad = 0;
        Instant first = null;
        Instant previous = null;
        List<Gap> gaps = new ArrayList<>();
        try (KlineFileReader reader = KlineFileReader.open(file)) {
            for (String row = reader.nextRow(); row != null; row = reader.nextRow()) {
                Candle candle;
                try {
                    candle = KlineCsv.parse(symbol, row);
                } catch (BadKlineRow e) {
                    bad++;
                    continue;
                }
                candles++;
                first = first == null ? candle.openTime() : first;
                if (previous != null) {
                    long steps = Duration.between(previous, candle.openTime()).dividedBy(interval);
                    if (steps > 1) {
                        gaps.add(new Gap(previous, candle.openTime(), steps - 1));
                    }
                }
                previous = candle.openTime();
            }
        }
        return new KlineCoverage(file, candles, bad, first, previous, gaps);
    }
}
