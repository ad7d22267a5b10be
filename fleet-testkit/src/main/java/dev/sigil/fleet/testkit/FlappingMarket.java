package dev.sigil.fleet.testkit;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.marketdata.SyntheticMarket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Minute dump files of the seeded synthetic market on which the guards engage: during the hours {@code flapping}
 * selects, the whole universe dips {@link #DIP_PCT} % over two minutes and climbs back over the next four, every
 * {@link #CYCLE_MINUTES} minutes — directional_drift flapping at the design's time scale (an episode every quarter
 * hour, recovered within minutes). Outside those hours the market is the synthetic one, untouched. Every price of a
 * candle, and its quote volume, is scaled alike, so its VWAP stays where the synthetic market put it.
 */
public final class FlappingMarket {

    /** How far the universe dips, percent. */
    public static final double DIP_PCT = 2.6;
    /** One dip every this many minutes. */
    public static final int CYCLE_MINUTES = 15;

    private FlappingMarket() {
    }

    /**
     * One zipped daily dump per symbol and day ({@code BTCUSDT-1m-2024-03-01.zip}) from {@code first} for {@code days}
     * days, flapping in the hours (of the minute's open time) that {@code flapping} accepts.
     */
    public static void write(Path directory, long seed, List<String> symbols, LocalDate first, int days, Predicate<Instant> flapping)
            throws IOException {
        Instant start = first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (String symbol : symbols) {
            SyntheticMarket market = new SyntheticMarket(seed, symbol, Duration.ofMinutes(1), start);
            for (int day = 0; day < days; day++) {
                String date = first.plusDays(day).toString();
                List<Candle> candles = new ArrayList<>();
                while (market.nextOpenTime().toString().startsWith(date)) {
                    Candle candle = market.next();
                    candles.add(flapping.test(candle.openTime()) ? scaled(candle, factor(candle.openTime())) : candle);
                }
                KlineDumps.zip(directory.resolve(symbol + "-1m-" + date + ".zip"), candles, false, false);
            }
        }
    }

    /** Hours of the day selected by their UTC hour, on the given days (0 = the first). */
    public static Predicate<Instant> hours(LocalDate first, List<Integer> days, int fromHour, int toHour) {
        return at -> {
            long day = java.time.temporal.ChronoUnit.DAYS.between(first, LocalDate.ofInstant(at, java.time.ZoneOffset.UTC));
            int hour = at.atZone(java.time.ZoneOffset.UTC).getHour();
            return days.contains((int) day) && hour >= fromHour && hour < toHour;
        };
    }

    /** The price factor of the minute: 1, then down over two minutes, back up over four, then 1 until the next dip. */
    static double factor(Instant openTime) {
        int minute = (int) Math.floorMod(openTime.getEpochSecond() / 60, CYCLE_MINUTES);
        double dip = DIP_PCT / 100;
        return switch (minute) {
            case 0 -> 1 - dip / 2;
            case 1 -> 1 - dip;
            case 2 -> 1 - dip * 3 / 4;
            case 3 -> 1 - dip / 2;
            case 4 -> 1 - dip / 4;
            default -> 1;
        };
    }

    private static Candle scaled(Candle candle, double factor) {
        return new Candle(candle.symbol(), candle.openTime(), candle.closeTime(), candle.open() * factor, candle.high() * factor,
                candle.low() * factor, candle.close() * factor, candle.volume(), candle.quoteVolume() * factor);
    }
}
