package dev.sigil.fleet.core.engine;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.CandleDefect;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.position.ClosedPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine driven tick by tick on hand-made candles. Warm-up candles have close 100, high 101, low 99: every
 * true range is 2, so ATR(14) is exactly 2 from the 15th candle on. Expected numbers are computed here by hand
 * from the design's formulas, not by calling the engine's own helpers.
 */
class ScanEngineTest {

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    private static final double SLIP = 0.0005;
    private static final double FEE = 0.001;

    private final RecordingLedger ledger = new RecordingLedger();
    private final ScriptedStrategy strategy = new ScriptedStrategy();
    private final List<String> events = new ArrayList<>();
    private ScanEngine engine;
    private long tickNumber;

    private final EngineListener listener = new EngineListener() {
        @Override
        public void badCandle(Candle candle, CandleDefect defect, long missing) {
            events.add("bad " + candle.symbol() + " " + defect.token());
        }

        @Override
        public void signal(dev.sigil.fleet.core.strategy.EntrySignal signal, String rejectReason) {
            events.add("signal " + signal.symbol() + " " + (rejectReason == null ? "accepted" : rejectReason));
        }

        @Override
        public void exited(ClosedPosition closed) {
            events.add("exit " + closed.position().symbol() + " " + closed.reason().token());
        }

        @Override
        public void ledgerFailed(String operation, RuntimeException error) {
            events.add("ledger failed " + operation);
        }
    };

    @BeforeEach
    void setUp() {
        start(config("market.symbols", List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), "entry.cooldown_hours", 1,
                "entry.max_open_positions", 2, "scanner.equity_snapshot_cycles", 1000));
    }

    private void start(SigilConfig config) {
        engine = new ScanEngine(config, strategy, ledger, listener, 0);
    }

    private static Candle candle(String symbol, int minute, double open, double high, double low, double close) {
        Instant openTime = T0.plusSeconds(60L * minute);
        return new Candle(symbol, openTime, openTime.plusSeconds(60), open, high, low, close, 10, 1000);
    }

    private static Candle flat(String symbol, int minute) {
        return candle(symbol, minute, 100, 101, 99, 100);
    }

    private TickReport tick(boolean breakerTripped, Candle... candles) {
        Instant time = candles.length == 0 ? T0 : candles[candles.length - 1].closeTime();
        // the engine's report is overwritten by its next tick: these tests keep several
        return engine.tick(new Tick(++tickNumber, time, List.of(candles), breakerTripped)).copy();
    }

    private TickReport tick(Candle... candles) {
        return tick(false, candles);
    }

    private void warm(String symbol, int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            tick(flat(symbol, minute));
        }
    }

    @Test
    void entryIsSizedByConstantRiskAndTheHardStopExitMatchesHandComputedPnl() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));

        double entry = 100 * (1 + SLIP);                       // 100.05
        double stopPct = Math.max(0.03, 1.5 * 2 / entry);      // 1.5 ATR = 2.999 % → floor 3 %
        double stop = entry * (1 - stopPct);                   // 97.0485
        double qty = 50 / entry;                               // risk 5 / 3 % = 166.67 → capped at 50
        assertThat(ledger.opened).singleElement().satisfies(order -> {
            assertThat(order.entryPrice()).isCloseTo(entry, within(1e-9));
            assertThat(order.stopPrice()).isCloseTo(stop, within(1e-9));
            assertThat(order.qty()).isCloseTo(qty, within(1e-12));
            assertThat(order.entryFee()).isCloseTo(50 * FEE, within(1e-12));
            assertThat(order.atrAtEntry()).isCloseTo(2, within(1e-12));
            assertThat(order.protectedUntil()).isEqualTo(T0.plusSeconds(60L * 21 + 3600));
        });

        tick(candle("BTCUSDT", 21, 99, 99.5, 96, 96.5));       // low 96 goes through the 97.05 stop; opened above it

        double exit = stop * (1 - SLIP);
        double pnl = (exit - entry) * qty - 50 * FEE - exit * qty * FEE;
        assertThat(ledger.closed).singleElement().satisfies(closed -> {
            assertThat(closed.reason()).isEqualTo(ExitReason.HARD_STOP);
            assertThat(closed.exitPrice()).isCloseTo(exit, within(1e-9));
            assertThat(closed.realizedPnl()).isCloseTo(pnl, within(1e-9));
            assertThat(closed.exitTime()).isEqualTo(T0.plusSeconds(60L * 22));
        });
        assertThat(pnl).as("a stop hit loses about the capped notional × stop distance").isCloseTo(-1.6, within(0.05));
        assertThat(engine.realizedPnl()).isCloseTo(pnl, within(1e-9));
        assertThat(engine.openPositions()).isEmpty();
    }

    @Test
    void gapThroughTheStopFillsAtTheOpen() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));

        tick(candle("BTCUSDT", 21, 90, 91, 89, 90.5));

        assertThat(ledger.closed.getFirst().exitPrice()).isCloseTo(90 * (1 - SLIP), within(1e-9));
    }

    @Test
    void trailRidesTheRiseAndExitsAtItsLevel() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));
        // rise by 1 a candle with low = previous close and high = previous close + 2: every true range stays 2, so
        // ATR stays 2; after the high of 107 the trail is 107 − 2 × 2 = 103
        for (int step = 1; step <= 6; step++) {
            double previous = 99 + step;
            tick(candle("BTCUSDT", 20 + step, previous, previous + 2, previous, previous + 1));
        }
        assertThat(engine.openPositions()).singleElement().satisfies(p -> {
            assertThat(p.highestPrice()).isEqualTo(107);
            assertThat(p.trailStopPrice()).isCloseTo(103, within(1e-9));
        });
        assertThat(ledger.trailUpdates).isNotEmpty();

        tick(candle("BTCUSDT", 27, 105, 105.5, 102.5, 103));

        assertThat(ledger.closed).singleElement().satisfies(closed -> {
            assertThat(closed.reason()).isEqualTo(ExitReason.ATR_TRAIL);
            assertThat(closed.exitPrice()).isCloseTo(103 * (1 - SLIP), within(1e-9));
            assertThat(closed.realizedPnl()).isCloseTo((103 * (1 - SLIP) - 100.05) * (50 / 100.05) - 50 * FEE
                    - 103 * (1 - SLIP) * (50 / 100.05) * FEE, within(1e-9));
        });
    }

    @Test
    void cooldownWrittenAtOpenBlocksReentryUntilItExpiresAndIsNotExtendedByRejections() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));   // opens at minute 21: protected until minute 81
        for (int minute : new int[] {30, 60, 79, 80}) {
            strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * minute));
        }
        tick(flat("BTCUSDT", 20));
        tick(candle("BTCUSDT", 21, 99, 99.5, 96, 96.5));       // hard stop: flat again, still protected
        for (int minute = 22; minute <= 80; minute++) {
            tick(flat("BTCUSDT", minute));
        }

        assertThat(events.stream().filter(e -> e.startsWith("signal")).toList()).containsExactly(
                "signal BTCUSDT accepted", "signal BTCUSDT cooldown_active", "signal BTCUSDT cooldown_active",
                "signal BTCUSDT cooldown_active", "signal BTCUSDT accepted");
        assertThat(ledger.opened.get(1).entryTime()).isEqualTo(T0.plusSeconds(60L * 81));
        assertThat(ledger.rejected).extracting(SignalRecord::rejectReason).containsOnly("cooldown_active");
    }

    @Test
    void protectionsRestoredFromTheDatabaseAreHonouredAfterARestart() {
        warm("BTCUSDT", 20);
        engine.restore(List.of(), java.util.Map.of("BTCUSDT", T0.plusSeconds(3600)));
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));

        tick(flat("BTCUSDT", 20));

        assertThat(ledger.opened).isEmpty();
        assertThat(ledger.rejected).singleElement().satisfies(r -> assertThat(r.rejectReason()).isEqualTo("cooldown_active"));
    }

    @Test
    void preSignalGuardRefusesOpenSymbolMaxPositionsAndTrippedBreakerButExitsStillRun() {
        for (int minute = 0; minute < 20; minute++) {
            tick(flat("BTCUSDT", minute), flat("ETHUSDT", minute), flat("SOLUSDT", minute));
        }
        for (String symbol : List.of("BTCUSDT", "ETHUSDT", "SOLUSDT")) {
            strategy.fireOn(symbol, T0.plusSeconds(60L * 20));
        }
        tick(flat("BTCUSDT", 20), flat("ETHUSDT", 20), flat("SOLUSDT", 20));
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 21));
        strategy.fireOn("SOLUSDT", T0.plusSeconds(60L * 22));
        tick(flat("BTCUSDT", 21), flat("ETHUSDT", 21), flat("SOLUSDT", 21));
        tick(true, flat("BTCUSDT", 22), candle("ETHUSDT", 22, 99, 99.5, 95, 96), flat("SOLUSDT", 22));

        assertThat(events.stream().filter(e -> !e.startsWith("bad")).toList()).containsExactly(
                "signal BTCUSDT accepted", "signal ETHUSDT accepted", "signal SOLUSDT max_open_positions",
                "signal BTCUSDT position_open",
                "exit ETHUSDT hard_stop", "signal SOLUSDT breaker_tripped");
    }

    @Test
    void onlyTheNewestCandlesSignalOfATickIsActedOn() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20), flat("BTCUSDT", 21));
        assertThat(ledger.opened).isEmpty();

        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 23));
        tick(flat("BTCUSDT", 22), flat("BTCUSDT", 23));
        assertThat(ledger.opened).singleElement().satisfies(order -> assertThat(order.entryTime()).isEqualTo(T0.plusSeconds(60L * 24)));
    }

    @Test
    void badCandlesAreSkippedAndCountedWithoutStoppingTheTick() {
        TickReport report = tick(flat("BTCUSDT", 0), candle("ETHUSDT", 0, 100, 99, 101, 100),
                candle("DOGEUSDT", 0, 1, 1, 1, 1), flat("BTCUSDT", 0), flat("BTCUSDT", 3), flat("SOLUSDT", 0));

        assertThat(report.candlesAccepted()).isEqualTo(3);
        assertThat(report.candlesRejected()).isEqualTo(3);
        assertThat(events).containsExactly("bad ETHUSDT high_below_low", "bad DOGEUSDT unknown_symbol",
                "bad BTCUSDT duplicate_time", "bad BTCUSDT gap");
        assertThat(report.newestCandle()).isEqualTo(T0.plusSeconds(60L * 4));
    }

    @Test
    void exitThatCannotBeWrittenIsKeptAndSettledOnceTheLedgerIsBack() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));
        ledger.down = true;

        TickReport during = tick(candle("BTCUSDT", 21, 99, 99.5, 96, 96.5));
        TickReport stillDown = tick(flat("BTCUSDT", 22));
        ledger.down = false;
        TickReport after = tick(flat("BTCUSDT", 23));

        assertThat(during.ledgerFailures()).isPositive();
        assertThat(stillDown.openPositions()).isEqualTo(1);
        assertThat(after.openPositions()).isZero();
        assertThat(ledger.closed).singleElement().satisfies(closed -> {
            assertThat(closed.reason()).isEqualTo(ExitReason.HARD_STOP);
            assertThat(closed.exitTime()).as("the fill of the candle that hit the stop").isEqualTo(T0.plusSeconds(60L * 22));
        });
        assertThat(events.stream().filter(e -> e.startsWith("exit"))).containsExactly("exit BTCUSDT hard_stop");
        assertThat(engine.realizedPnl()).isEqualTo(ledger.closed.getFirst().realizedPnl());
    }

    @Test
    void degradedModeSkipsEntriesWithTheReasonWhileExitsKeepRunning() {
        start(config("market.symbols", List.of("BTCUSDT", "ETHUSDT"), "scanner.equity_snapshot_cycles", 1000,
                "guard.anchor_window_seconds", 2 * 60, "guard.anchor_entry_fraction_pct", 40, "guard.recovery_stability_seconds", 30 * 60));
        for (int minute = 0; minute < 20; minute++) {
            tick(flat("BTCUSDT", minute), flat("ETHUSDT", minute));
        }
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20), flat("ETHUSDT", 20));
        // closes 60 bps above their VWAP (quote volume / volume): anchor_saturation fires
        Candle skewed = new Candle("ETHUSDT", T0.plusSeconds(60L * 21), T0.plusSeconds(60L * 22), 100, 101, 99, 100, 10, 10 * 99.4);
        strategy.fireOn("ETHUSDT", T0.plusSeconds(60L * 22));
        TickReport degraded = tick(candle("BTCUSDT", 21, 100, 100.5, 99.8, 100.2), skewed);
        Candle skewedAgain = new Candle("ETHUSDT", T0.plusSeconds(60L * 22), T0.plusSeconds(60L * 23), 100, 101, 99, 100, 10, 10 * 99.4);
        TickReport later = tick(candle("BTCUSDT", 22, 99, 99.5, 96, 96.5), skewedAgain);

        assertThat(degraded.mode()).isEqualTo(dev.sigil.fleet.core.guard.Mode.DEGRADED);
        assertThat(later.exits()).as("the hard stop still fires in DEGRADED").isEqualTo(1);
        assertThat(events).contains("exit BTCUSDT hard_stop", "signal ETHUSDT mode_degraded");
    }

    @Test
    void walletTruthIsComparedWithMemoryBeforeTheTickChangesIt() {
        // the stop-out candle falls 3.5 % in a minute: the drift guard is set wider so that only the truth can degrade
        start(config("market.symbols", List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), "entry.cooldown_hours", 1, "entry.max_open_positions", 2,
                "scanner.equity_snapshot_cycles", 1000, "guard.drift_entry_pct", 5.0, "guard.drift_exit_pct", 4.0));
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));
        var position = engine.openPositions().iterator().next();
        var agreeing = new dev.sigil.fleet.core.guard.LedgerTruth(0, List.of(new dev.sigil.fleet.core.guard.LedgerTruth.OpenPosition(
                position.id(), "BTCUSDT", position.qty(), position.entryPrice(), position.entryFee())));
        var foreign = new dev.sigil.fleet.core.guard.LedgerTruth(0, List.of(
                new dev.sigil.fleet.core.guard.LedgerTruth.OpenPosition(position.id(), "BTCUSDT", position.qty(), position.entryPrice(), position.entryFee()),
                new dev.sigil.fleet.core.guard.LedgerTruth.OpenPosition(999, "ETHUSDT", 1, 2000, 2)));

        TickReport agreed = engine.tick(new Tick(++tickNumber, T0.plusSeconds(60L * 22), List.of(candle("BTCUSDT", 21, 99, 99.5, 96, 96.5)), false, agreeing)).copy();
        TickReport halted = engine.tick(new Tick(++tickNumber, T0.plusSeconds(60L * 23), List.of(flat("BTCUSDT", 22)), false, foreign));

        assertThat(agreed.mode()).as("the exit in this tick does not count against the truth read before it").isEqualTo(dev.sigil.fleet.core.guard.Mode.ACTIVE);
        assertThat(halted.haltReason()).isEqualTo("inventory_truth_halt");
    }

    @Test
    void equityMarksOpenPositionsToTheLastClose() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));
        TickReport report = tick(candle("BTCUSDT", 21, 100, 101, 99.5, 101));

        double entry = 100 * (1 + SLIP);
        double qty = 50 / entry;
        assertThat(report.equity()).isCloseTo(1000 + (101 - entry) * qty - 50 * FEE, within(1e-9));
    }

    @Test
    void theReportIsTheEnginesOwnUntilTheNextTickAndACopyKeepsIt() {
        TickReport first = engine.tick(new Tick(++tickNumber, T0.plusSeconds(60), List.of(flat("BTCUSDT", 0)), false));
        TickReport kept = first.copy();
        TickReport second = engine.tick(new Tick(++tickNumber, T0.plusSeconds(120), List.of(flat("BTCUSDT", 1), flat("ETHUSDT", 1)), false));

        assertThat(second).as("filled in place").isSameAs(first);
        assertThat(second.tick()).isEqualTo(kept.tick() + 1);
        assertThat(second.candlesAccepted()).isEqualTo(2);
        assertThat(kept.candlesAccepted()).as("the copy is the first tick's").isEqualTo(1);
        assertThat(kept.marketTime()).isEqualTo(T0.plusSeconds(60));
        assertThat(kept.toString()).contains("tick=" + kept.tick(), "candlesAccepted=1", "mode=ACTIVE");
    }

    @Test
    void equitySnapshotsFallOnTheTickClockSoAResumedRunTakesThemAtTheSameTimes() {
        start(config("market.symbols", List.of("BTCUSDT"), "scanner.equity_snapshot_cycles", 10));
        for (int minute = 0; minute < 35; minute++) {
            tick(flat("BTCUSDT", minute));
        }
        List<Instant> uninterrupted = ledger.snapshots.stream().map(EquitySnapshot::at).toList();

        RecordingLedger resumedLedger = new RecordingLedger();
        ScanEngine resumed = new ScanEngine(config("market.symbols", List.of("BTCUSDT"), "scanner.equity_snapshot_cycles", 10), strategy,
                resumedLedger, listener, 0);
        for (int minute = 0; minute < 17; minute++) {
            resumed.warmUp(flat("BTCUSDT", minute));
        }
        resumed.resumeAfter(T0.plusSeconds(60L * 17));
        for (int minute = 17; minute < 35; minute++) {
            resumed.tick(new Tick(minute - 16, T0.plusSeconds(60L * (minute + 1)), List.of(flat("BTCUSDT", minute)), false));
        }

        assertThat(uninterrupted).as("every 10 minutes of market time, the first tick in each slot")
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(600), T0.plusSeconds(1200), T0.plusSeconds(1800));
        assertThat(resumedLedger.snapshots.stream().map(EquitySnapshot::at).toList())
                .as("a run resumed at minute 17 snapshots where the uninterrupted one did, nothing twice")
                .containsExactly(T0.plusSeconds(1200), T0.plusSeconds(1800));
    }

    @Test
    void resyncReplacesPositionsAndRealizedPnlWithTheDatabasesSoAWalletTruthHaltDoesNotRepeat() {
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));
        var memory = engine.openPositions().iterator().next();
        var truth = new dev.sigil.fleet.core.guard.LedgerTruth(-3.5, List.of());
        assertThat(engine.tick(new Tick(++tickNumber, T0.plusSeconds(60L * 22), List.of(flat("BTCUSDT", 21)), false, truth)).haltReason())
                .as("memory holds a position and P&L the database does not").isEqualTo("inventory_truth_halt");

        engine.resync(List.of(), List.of(), java.util.Map.of(), new java.math.BigDecimal("-3.5"));
        engine.startSession(ledger);

        assertThat(engine.openPositions()).doesNotContain(memory).isEmpty();
        assertThat(engine.realizedPnl()).isEqualTo(-3.5);
        TickReport next = engine.tick(new Tick(++tickNumber, T0.plusSeconds(60L * 23), List.of(flat("BTCUSDT", 22)), false, truth));
        assertThat(next.haltReason()).as("the next session starts from the truth").isNull();
        assertThat(next.mode()).isEqualTo(dev.sigil.fleet.core.guard.Mode.ACTIVE);
    }

    @Test
    void aBreakerResetIsActedOnOnceHoweverOftenItIsSeen() {
        assertThat(engine.acknowledgeBreakerReset(0)).as("no reset yet").isFalse();
        assertThat(engine.acknowledgeBreakerReset(7)).isTrue();
        assertThat(engine.acknowledgeBreakerReset(7)).as("the same reset read again").isFalse();
        assertThat(engine.acknowledgeBreakerReset(5)).as("an older one").isFalse();
        assertThat(engine.acknowledgeBreakerReset(9)).isTrue();
        assertThat(engine.engineState()).containsEntry("risk.acknowledged_reset_event", "9");
    }

    @Test
    void realizedPnlIsTheExactSumOfTheExitsWhateverTheirOrder() {
        double[] exits = {0.1, 0.2, 0.3, -0.6000000000000001, 1e-17, 12.345678901234567};
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (double pnl : exits) {
            exact = exact.add(java.math.BigDecimal.valueOf(pnl));
        }
        Account forward = new Account(1000, java.math.BigDecimal.ZERO);
        Account backward = new Account(1000, java.math.BigDecimal.ZERO);
        for (int i = 0; i < exits.length; i++) {
            forward.realize(exits[i]);
            backward.realize(exits[exits.length - 1 - i]);
        }
        assertThat(forward.realizedPnl()).isEqualTo(backward.realizedPnl()).isEqualTo(exact.doubleValue());
    }

    @Test
    void theStopIsSizedByTheHourlyAtrBuiltFromMinuteCandlesNotByTheMinuteAtr() {
        // every hour climbs from 100 to 102.95 a minute at a time (minute ranges ±0.01), then the next hour starts at
        // 100 again: the minute ATR is tiny; each hourly candle is 100 → 102.96 / 99.99 → 102.95, a true range of 2.97
        // the hourly fall back to 100 is a −2.9 % drift over two minutes: its guard is set wider, out of the way
        start(config("market.symbols", List.of("BTCUSDT"), "exit.atr_interval", "1h", "scanner.equity_snapshot_cycles", 100000,
                "guard.drift_entry_pct", 5.0, "guard.drift_exit_pct", 4.0));
        for (int minute = 0; minute < 16 * 60 + 30; minute++) {
            double close = 100 + 0.05 * (minute % 60);
            if (minute == 16 * 60 + 29) {
                strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * minute));
            }
            Instant open = T0.plusSeconds(60L * minute);
            tick(new Candle("BTCUSDT", open, open.plusSeconds(60), close, close + 0.01, close - 0.01, close, 10, 10 * close));
        }

        assertThat(events).as("entered, nothing in the way").contains("signal BTCUSDT accepted");
        double entry = (100 + 0.05 * 29) * (1 + SLIP);
        double hourlyAtr = 2.97;
        assertThat(ledger.opened).singleElement().satisfies(order -> {
            assertThat(order.atrAtEntry()).as("ATR(14) of the hourly candles").isCloseTo(hourlyAtr, within(1e-9));
            assertThat(order.stopPrice()).as("1.5 × 2.97 / 101.5 = 4.39 %: above the 3 % floor")
                    .isCloseTo(entry * (1 - 1.5 * hourlyAtr / entry), within(1e-9));
        });
    }

    @Test
    void withoutAnAtrYetTheStopGoesOnTheFloorAndThatIsToldOncePerSymbol() {
        // the stop's ATR is hourly: two hours of minutes are not enough for ATR(14), so it has no value (G1)
        List<String> told = new ArrayList<>();
        engine = new ScanEngine(config("market.symbols", List.of("BTCUSDT"), "exit.atr_interval", "1h", "entry.cooldown_hours", 0.01,
                "scanner.equity_snapshot_cycles", 100000), strategy, ledger, new EngineListener() {
                    @Override
                    public void stopOnFloorWithoutAtr(String symbol, double atr) {
                        told.add(symbol + " " + atr);
                    }
                }, 0);
        warm("BTCUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));
        tick(candle("BTCUSDT", 21, 100, 100.2, 99.9, 100.1));
        tick(candle("BTCUSDT", 22, 100.1, 100.2, 96.5, 99.5));               // through the floor stop (97.05): closed
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 23));
        tick(flat("BTCUSDT", 23));                                           // a second entry, still no ATR

        double entry = 100 * (1 + SLIP);
        assertThat(ledger.opened).hasSize(2).allSatisfy(order -> {
            assertThat(order.stopPrice()).as("the 3 % floor").isCloseTo(order.entryPrice() * 0.97, within(1e-9));
            assertThat(order.atrAtEntry()).as("no ATR: recorded as 0").isZero();
        });
        assertThat(ledger.opened.getFirst().entryPrice()).isCloseTo(entry, within(1e-9));
        assertThat(told).as("once per symbol").containsExactly("BTCUSDT NaN");
    }

    @Test
    void theStrategySignalsOnlyOnClosedCandlesOfItsInterval() {
        start(config("market.symbols", List.of("BTCUSDT"), "strategy.interval", "5m"));
        for (int minute = 0; minute < 40; minute++) {
            strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * minute));
        }
        List<String> signalled = new ArrayList<>();
        for (int minute = 0; minute < 40; minute++) {
            int before = events.size();
            tick(flat("BTCUSDT", minute));
            if (events.size() > before) {
                signalled.add("minute " + minute);
            }
        }

        assertThat(signalled).as("the signal of a 5m candle comes with its last minute, on the candle's open time")
                .allMatch(tick -> Integer.parseInt(tick.substring(7)) % 5 == 4).isNotEmpty();
    }

    @Test
    void aReconfiguredEngineKeepsPositionsAccountAndIndicatorsAndUsesTheNewRulesForNewEntries() {
        warm("BTCUSDT", 20);
        warm("ETHUSDT", 20);
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(flat("BTCUSDT", 20));
        var held = engine.openPositions();
        SigilConfig wider = config("market.symbols", List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), "entry.cooldown_hours", 1,
                "entry.max_open_positions", 2, "scanner.equity_snapshot_cycles", 1000, "exit.hard_stop_multiplier", 2.5);

        ScanEngine next = engine.reconfigured(wider, strategy);
        next.startSession(ledger);
        strategy.fireOn("ETHUSDT", T0.plusSeconds(60L * 21));
        next.tick(new Tick(++tickNumber, T0.plusSeconds(60L * 22), List.of(flat("ETHUSDT", 21)), false));

        assertThat(engine.indicatorsCarriedOver(wider)).isTrue();
        assertThat(next.openPositions()).containsAll(held).hasSize(2);
        assertThat(next.realizedPnl()).isEqualTo(engine.realizedPnl());
        double entry = 100 * (1 + SLIP);
        assertThat(ledger.opened.getLast().stopPrice()).as("2.5 × ATR 2 = 5 % with the new multiplier, the indicators warm already")
                .isCloseTo(entry * (1 - 2.5 * 2 / entry), within(1e-9));
        assertThat(engine.indicatorsCarriedOver(config("market.symbols", List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"), "strategy.ema_fast_period", 5)))
                .as("another strategy setting: the indicators start again").isFalse();
    }
}
