package dev.sigil.fleet.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.testkit.KlineDumps;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of hand-made Binance dump files through the whole runner, checked against numbers worked out by hand
 * from the design's rules. Closes zigzag 100 / 100.5 with high = max(open, close) + 0.1 and low = min − 0.1, so:
 * every true range is 0.7 (ATR 0.7), RSI stays near 52, and EMA(9) crosses above EMA(21) on every up-candle from
 * candle 21 on; volume is 10 except one spike, so exactly one candle per symbol passes the volume filter.
 */
@ExtendWith(PostgresFixture.class)
class ReplayEndToEndTest {

    private static final Instant T0 = Instant.parse("2024-01-31T00:00:00Z");
    private static final double ENTRY = 100.5 * 1.0005;              // close + 0.05 % slippage
    private static final double QTY = 50 / ENTRY;                    // $5 risk / 3 % floor = $166 → capped at $50
    private static final double STOP = ENTRY * 0.97;                 // 1.5 × 0.7 / 100.55 = 1.04 % < 3 % floor

    private static List<Candle> zigzag(String symbol, int spikeAt, int dropAt) {
        List<Candle> candles = new ArrayList<>();
        double previous = 100;
        for (int i = 0; i < 60; i++) {
            double base = i > dropAt && dropAt >= 0 ? -2.8 : 0;
            double close = (i % 2 == 0 ? 100 : 100.5) + base;
            double open = i == 0 ? close : previous;
            double high = Math.max(open, close) + 0.1;
            double low = Math.min(open, close) - 0.1;
            if (i == dropAt) {
                close = 97.2;
                low = 97.0;
                high = open + 0.1;
            }
            double volume = i == spikeAt ? 30 : 10;
            Instant openTime = T0.plusSeconds(3600L * i);
            candles.add(new Candle(symbol, openTime, openTime.plusSeconds(3600), open, high, low, close, volume, volume * close));
            previous = close;
        }
        return candles;
    }

    @Test
    void replayMatchesHandComputedEntriesExitReasonsAndPnl(TestDatabase database, @TempDir Path data) throws Exception {
        List<Candle> zig = zigzag("ZIGUSDT", 41, 42);
        KlineDumps.zip(data.resolve("ZIGUSDT-1h-2024-01.zip"), zig.subList(0, 24), true, false);
        KlineDumps.zip(data.resolve("ZIGUSDT-1h-2024-02.zip"), zig.subList(24, 60), false, false);
        KlineDumps.csv(data.resolve("ZAGUSDT-1h-2024-01.csv"), zigzag("ZAGUSDT", 45, -1), false, true, "not,a,kline,row");
        RunnerHarness.migrate(database);

        try (RunnerHarness harness = RunnerHarness.start(database, "variant", "baseline", "market", "replay", "duration-seconds", 31_536_000, "data", data.toString(),
                "sets", List.of("market.symbols=[ZIGUSDT, ZAGUSDT]", "market.interval=1h", "exit.max_hold_minutes=180",
                        "scanner.session_duration_seconds=604800", "scanner.warmup_candles=30"))) {
            List<SessionSummary> sessions = harness.runToEnd();
            MeterRegistry registry = harness.context.getBean(MeterRegistry.class);

            assertThat(sessions).singleElement().satisfies(s -> assertThat(s.endReason()).isEqualTo(EndReason.REPLAY_EXHAUSTED));
            assertThat(registry.get("sigil.bad.candles").tag("reason", "malformed").counter().count()).isEqualTo(1);
            assertThat(registry.get("sigil.candles.processed").counter().count()).as("all but the 30 hours of warm-up").isEqualTo(120 - 2 * 30);
        }

        try (Connection connection = database.connect(); ResultSet rows = connection.createStatement().executeQuery("""
                SELECT symbol, entry_time, entry_price, qty, entry_fee, stop_price, atr_at_entry, exit_time, exit_price,
                       exit_fee, exit_reason, realized_pnl FROM positions ORDER BY entry_time""")) {
            assertThat(rows.next()).isTrue();
            double hardStopFill = STOP * 0.9995;                     // the stop (97.53) is below the open (100.5): fills at the stop
            assertPosition(rows, "ZIGUSDT", T0.plusSeconds(3600L * 42), T0.plusSeconds(3600L * 43), hardStopFill, "hard_stop");
            assertThat(rows.getDouble("realized_pnl")).isCloseTo(-1.6227257499999992, within(1e-9));
            assertThat(rows.next()).isTrue();
            double timeExitFill = 100 * 0.9995;                       // close of candle 48, three hours after entry
            assertPosition(rows, "ZAGUSDT", T0.plusSeconds(3600L * 46), T0.plusSeconds(3600L * 49), timeExitFill, "time_exit");
            assertThat(rows.getDouble("realized_pnl")).isCloseTo(-0.3981841168967697, within(1e-9));
            assertThat(rows.next()).as("exactly two trades").isFalse();
        }
    }

    private static void assertPosition(ResultSet row, String symbol, Instant entry, Instant exit, double exitPrice, String reason) throws Exception {
        assertThat(row.getString("symbol")).isEqualTo(symbol);
        assertThat(row.getTimestamp("entry_time").toInstant()).isEqualTo(entry);
        assertThat(row.getDouble("entry_price")).isCloseTo(ENTRY, within(1e-9));
        assertThat(row.getDouble("qty")).isCloseTo(QTY, within(1e-12));
        assertThat(row.getDouble("entry_fee")).isCloseTo(0.05, within(1e-12));
        assertThat(row.getDouble("stop_price")).isCloseTo(STOP, within(1e-9));
        assertThat(row.getDouble("atr_at_entry")).isCloseTo(0.7, within(1e-9));
        assertThat(row.getTimestamp("exit_time").toInstant()).isEqualTo(exit);
        assertThat(row.getDouble("exit_price")).isCloseTo(exitPrice, within(1e-9));
        assertThat(row.getDouble("exit_fee")).isCloseTo(exitPrice * QTY * 0.001, within(1e-12));
        assertThat(row.getString("exit_reason")).isEqualTo(reason);
        double expected = (exitPrice - ENTRY) * QTY - 0.05 - exitPrice * QTY * 0.001;
        assertThat(row.getDouble("realized_pnl")).isCloseTo(expected, within(1e-9));
    }
}
