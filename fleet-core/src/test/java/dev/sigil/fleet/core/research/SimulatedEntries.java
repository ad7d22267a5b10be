package dev.sigil.fleet.core.research;

import dev.sigil.fleet.core.TestConfigs;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.fill.PaperFills;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.shadow.ClosedShadow;
import dev.sigil.fleet.core.shadow.ShadowBook;
import dev.sigil.fleet.core.shadow.ShadowExit;
import dev.sigil.fleet.core.shadow.ShadowStop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded population of entries, each followed under the grid's two exit configurations (1.5 and 2.5 ATR hard stops,
 * the rest as base.yaml: 3–6 % floor and cap, trail 2 ATR from 1 ATR up, fees 0.10 %, slippage 0.05 %) by the fleet's
 * own {@link ShadowBook} on random-walk minute candles. The hourly ATR of an entry is drawn around 1.6 % of the price
 * (a quarter of the entries above 2 %, where the two stops part from the 3 % floor), the minutes' moves scaled to it.
 * A position is held at most two days (time exit). What it gives is the joint shape of a pair's two R results: the
 * simulations shift it to a known effect.
 */
final class SimulatedEntries {

    /** One entry's result in R under each configuration. */
    record Pair(double first, double second) {
        double difference() {
            return first - second;
        }
    }

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private SimulatedEntries() {
    }

    static List<Pair> pool(int entries, long seed) {
        SigilConfig tight = TestConfigs.config("exit.hard_stop_multiplier", 1.5, "exit.max_hold_minutes", 2880);
        SigilConfig wide = TestConfigs.config("exit.hard_stop_multiplier", 2.5, "exit.max_hold_minutes", 2880);
        PaperFills fills = new PaperFills(tight.paper());
        SplittableRandom random = new SplittableRandom(seed);
        List<Pair> pairs = new ArrayList<>(entries);
        for (int e = 0; e < entries; e++) {
            ShadowBook book = new ShadowBook(fills);
            book.follow(List.of(new ShadowExit("1.5", tight.exit()), new ShadowExit("2.5", wide.exit())));
            double atrPct = 0.016 * Math.exp(0.45 * gaussian(random));
            double entry = fills.entryPrice(100);
            double atr = 100 * atrPct;
            List<ShadowStop> stops = book.stopsFor(entry, atr);
            Position position = new Position(e + 1, "SIM", T0, entry, 1, fills.fee(entry), stops.getFirst().stopPrice(), atr, entry, Double.NaN);
            book.opened(position, stops);
            double minuteSd = atrPct / 1.4 / Math.sqrt(60);
            double close = 100;
            double[] r = new double[2];
            int closed = 0;
            for (int minute = 1; closed < 2; minute++) {
                double open = close;
                close = open * Math.exp(minuteSd * gaussian(random));
                double high = Math.max(open, close) * Math.exp(Math.abs(minuteSd * gaussian(random)) * 0.5);
                double low = Math.min(open, close) * Math.exp(-Math.abs(minuteSd * gaussian(random)) * 0.5);
                Instant opened = T0.plusSeconds(60L * (minute - 1));
                Candle candle = new Candle("SIM", opened, opened.plusSeconds(60), open, high, low, close, 1, close);
                book.judge(candle);
                book.raise(candle, atr);
                for (ClosedShadow shadow : book.closed()) {
                    Position state = shadow.shadow().state();
                    r["1.5".equals(shadow.shadow().label()) ? 0 : 1] = shadow.realizedPnl() / ((state.entryPrice() - state.stopPrice()) * state.qty());
                    closed++;
                }
                book.saved();
            }
            pairs.add(new Pair(r[0], r[1]));
        }
        return pairs;
    }

    private static double gaussian(SplittableRandom random) {
        return random.nextGaussian();
    }
}
