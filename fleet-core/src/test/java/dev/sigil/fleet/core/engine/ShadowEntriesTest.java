package dev.sigil.fleet.core.engine;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.shadow.ShadowExits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine shadows each entry under the grid's other stop: written with the entry, followed on the same candles, and
 * never part of the account. Warm-up candles have a true range of 2, so ATR(14) is 2: the 1.5 ATR stop is on the 3 %
 * floor (97.05), the 2.5 ATR one at 95.05.
 */
class ShadowEntriesTest {

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

    private final RecordingLedger ledger = new RecordingLedger();
    private final ScriptedStrategy strategy = new ScriptedStrategy();
    private final SigilConfig config = config("market.symbols", List.of("BTCUSDT"), "research.shadow_exits", List.of("grid"),
            "scanner.equity_snapshot_cycles", 1000);
    private final ScanEngine engine = new ScanEngine(config, strategy, ledger, EngineListener.NONE, 0);
    private long tickNumber;

    private static Candle candle(int minute, double open, double high, double low, double close) {
        Instant openTime = T0.plusSeconds(60L * minute);
        return new Candle("BTCUSDT", openTime, openTime.plusSeconds(60), open, high, low, close, 10, 1000);
    }

    private void tick(Candle candle) {
        engine.tick(new Tick(++tickNumber, candle.closeTime(), List.of(candle), false));
    }

    private void enterAtMinute20() {
        engine.followShadows(ShadowExits.resolve(config, List.of(1.5, 2.5)));
        for (int minute = 0; minute < 20; minute++) {
            tick(candle(minute, 100, 101, 99, 100));
        }
        strategy.fireOn("BTCUSDT", T0.plusSeconds(60L * 20));
        tick(candle(20, 100, 101, 99, 100));
    }

    @Test
    void theEntryIsWrittenWithItsShadowAndTheShadowOutlivesThePosition() {
        enterAtMinute20();

        assertThat(ledger.opened).singleElement().satisfies(order -> assertThat(order.shadows()).singleElement().satisfies(stop -> {
            assertThat(stop.exit().label()).isEqualTo("hard_stop_multiplier=2.5");
            assertThat(stop.stopPrice()).isCloseTo(100.05 - 2.5 * 2, within(1e-9));
        }));
        assertThat(engine.openShadows()).singleElement().satisfies(shadow -> assertThat(shadow.positionId()).isEqualTo(1));

        tick(candle(21, 99, 99.5, 96, 96.5));                   // the position's 3 % stop goes, the shadow's 95.05 holds
        assertThat(ledger.closed).singleElement().extracting(closed -> closed.reason()).isEqualTo(ExitReason.HARD_STOP);
        assertThat(ledger.shadowExits).isEmpty();
        assertThat(engine.openShadows()).hasSize(1);

        tick(candle(22, 96, 96.2, 94, 94.5));
        assertThat(ledger.shadowExits).singleElement().satisfies(closed -> {
            assertThat(closed.reason()).isEqualTo(ExitReason.HARD_STOP);
            assertThat(closed.exitPrice()).isCloseTo((100.05 - 5) * (1 - 0.0005), within(1e-9));
        });
        assertThat(engine.openShadows()).isEmpty();
    }

    @Test
    void aShadowHoldsNoCashAndCountsTowardNoExposureOrPnl() {
        enterAtMinute20();
        tick(candle(21, 99, 99.5, 96, 96.5));
        double realized = engine.realizedPnl();
        double equity = engine.equity();

        tick(candle(22, 96, 96.2, 94, 94.5));                   // the shadow loses about 2.5 USD on paper

        assertThat(ledger.shadowExits).hasSize(1);
        assertThat(engine.realizedPnl()).isEqualTo(realized);
        assertThat(engine.equity()).isEqualTo(equity);
        assertThat(engine.openPositions()).isEmpty();
    }

    @Test
    void aResyncTakesTheShadowsTheDatabaseHoldsAndDropsTheUnsavedOnes() {
        enterAtMinute20();
        ledger.down = true;
        tick(candle(21, 100, 104, 100, 103.5));                 // trails move, the ledger is away: the changes wait

        engine.resync(List.of(), List.of(), java.util.Map.of(), java.math.BigDecimal.ZERO);

        assertThat(engine.openShadows()).isEmpty();
        ledger.down = false;
        tick(candle(22, 103, 103, 90, 91));
        assertThat(ledger.shadowExits).as("nothing left to judge or to hand over").isEmpty();
        assertThat(ledger.shadowMoves).isEmpty();
    }
}
