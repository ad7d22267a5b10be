package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.testkit.KlineDumps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Minute dump files shaped for the guards: closes zigzag 100 / 100.5 (every up-candle is an EMA(9)/EMA(21) cross,
 * RSI near 52), volume spikes on every candle i ≡ 7 (mod 14) so signals fire regularly, and during "hot" candles
 * each close sits 10 bps above its candle's VWAP (quote volume / volume), which anchor_saturation sees.
 */
final class GuardScenarioData {

    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    static final List<String> SYMBOLS = List.of("AAAUSDT", "BBBUSDT", "CCCUSDT");

    private GuardScenarioData() {
    }

    static void write(Path dir, int candles, IntPredicate hot) throws Exception {
        for (String symbol : SYMBOLS) {
            List<Candle> rows = new ArrayList<>();
            double previous = 100;
            for (int i = 0; i < candles; i++) {
                double close = i % 2 == 0 ? 100 : 100.5;
                double open = i == 0 ? close : previous;
                double volume = i % 14 == 7 ? 30 : 10;
                double vwap = hot.test(i) ? close / 1.0010 : close;
                Instant openTime = T0.plusSeconds(60L * i);
                rows.add(new Candle(symbol, openTime, openTime.plusSeconds(60), open, Math.max(open, close) + 0.1,
                        Math.min(open, close) - 0.1, close, volume, volume * vwap));
                previous = close;
            }
            KlineDumps.csv(dir.resolve(symbol + "-1m-2024-05-01.csv"), rows, false, false);
        }
    }

    /** Sets that make the scenario readable: small guard windows, no cooldown, short holds, no daily-loss trips, a short warm-up. */
    static List<String> sets(String... more) {
        // the replay's warm-up: its first 30 minutes (the indicators on 1m candles need fewer), before any stretch of the scenarios
        List<String> sets = new ArrayList<>(List.of("market.symbols=[AAAUSDT, BBBUSDT, CCCUSDT]", "entry.cooldown_hours=0", "scanner.warmup_candles=30",
                "exit.max_hold_minutes=3", "exit.atr_interval=1m", "risk.max_daily_loss_usd=100000", "risk.max_drawdown_pct=99",
                "guard.anchor_window_seconds=600", "guard.recovery_stability_seconds=300", "guard.recovery_cooldown_seconds=180"));
        sets.addAll(List.of(more));
        return sets;
    }
}
