package dev.sigil.fleet.core.shadow;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.fill.PaperFills;
import dev.sigil.fleet.core.position.Position;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shadow follows an entry under another exit configuration exactly as a position is followed under its own. The
 * expected figures are computed here from the design's formulas: entry 100.05 (100 plus 0.05 % slippage), ATR 2,
 * a 2.5 ATR stop at 4.9975 % (between the 3 % floor and the 6 % cap), fees 0.10 % a side.
 */
class ShadowBookTest {

    private static final Instant T0 = Instant.parse("2025-02-01T00:00:00Z");
    private static final double ENTRY = 100.05;
    private static final double QTY = 0.5;
    private static final double SLIP = 0.0005;
    private static final double FEE = 0.001;

    private final SigilConfig own = config("exit.hard_stop_multiplier", 1.5, "exit.max_hold_minutes", 0);
    private final ShadowBook book = new ShadowBook(new PaperFills(own.paper()));

    private Position position() {
        return new Position(7, "BTCUSDT", T0.plusSeconds(60), ENTRY, QTY, ENTRY * QTY * FEE, ENTRY * 0.97, 2, ENTRY, Double.NaN);
    }

    private static Candle candle(int minute, double open, double high, double low, double close) {
        Instant openTime = T0.plusSeconds(60L * minute);
        return new Candle("BTCUSDT", openTime, openTime.plusSeconds(60), open, high, low, close, 10, 1000);
    }

    private void open(ShadowExit... exits) {
        book.follow(List.of(exits));
        book.opened(position(), book.stopsFor(ENTRY, 2));
    }

    private ShadowExit wide() {
        return ShadowExits.resolve(config("research.shadow_exits", List.of("hard_stop_multiplier=2.5")), List.of()).getFirst();
    }

    @Test
    void theShadowsStopIsPlacedByItsOwnConfigurationAtTheEntry() {
        List<ShadowStop> stops;
        book.follow(List.of(wide()));

        stops = book.stopsFor(ENTRY, 2);

        assertThat(stops).singleElement().satisfies(stop -> {
            assertThat(stop.exit().label()).isEqualTo("hard_stop_multiplier=2.5");
            assertThat(stop.stopPrice()).isCloseTo(ENTRY * (1 - 2.5 * 2 / ENTRY), within(1e-9));
        });
    }

    @Test
    void aShadowExitsAtItsOwnStopPricedLikeAPositionsExit() {
        open(wide());
        double stop = ENTRY - 2.5 * 2;                          // 95.05

        book.judge(candle(2, 99, 99.5, 96, 96.5));              // through the 3 % stop the position had, not through 95.05
        assertThat(book.closed()).isEmpty();
        book.judge(candle(3, 96, 96, 94, 94.5));                // opens above 95.05, trades through it

        double exit = stop * (1 - SLIP);
        double pnl = (exit - ENTRY) * QTY - ENTRY * QTY * FEE - exit * QTY * FEE;
        assertThat(book.closed()).singleElement().satisfies(closed -> {
            assertThat(closed.reason()).isEqualTo(ExitReason.HARD_STOP);
            assertThat(closed.exitTime()).isEqualTo(T0.plusSeconds(60L * 4));
            assertThat(closed.exitPrice()).isCloseTo(exit, within(1e-9));
            assertThat(closed.realizedPnl()).isCloseTo(pnl, within(1e-9));
            assertThat(closed.shadow().positionId()).isEqualTo(7);
        });
        assertThat(book.open()).isEmpty();
    }

    @Test
    void theEntryCandleItselfIsNeverJudged() {
        open(wide());

        book.judge(candle(0, 100, 100, 50, 60));                // closes at the entry time: the signal's own candle

        assertThat(book.closed()).isEmpty();
        assertThat(book.open()).hasSize(1);
    }

    @Test
    void theTrailRisesAfterTheCandleAndIsHandedOverOnceUntilSaved() {
        open(wide());

        Candle rise = candle(2, 100, 103, 100, 102.5);          // highest 103 is ≥ 1 ATR above the entry: trail 103 − 2 × 2
        book.judge(rise);
        book.raise(rise, 2);

        assertThat(book.changed()).isTrue();
        assertThat(book.moved()).singleElement().satisfies(moved -> {
            assertThat(moved.state().highestPrice()).isEqualTo(103);
            assertThat(moved.state().trailStopPrice()).isCloseTo(99, within(1e-12));
        });
        book.saved();
        assertThat(book.changed()).isFalse();
        assertThat(book.moved()).isEmpty();

        book.judge(candle(3, 101, 101, 98.5, 99));              // the trail (99) is above the hard stop: atr_trail
        assertThat(book.closed()).singleElement().extracting(ClosedShadow::reason).isEqualTo(ExitReason.ATR_TRAIL);
    }

    @Test
    void aTimeExitFillsAtTheCloseAfterTheShadowsOwnHoldingTime() {
        ShadowExit hold = ShadowExits.resolve(config("research.shadow_exits", List.of("hard_stop_multiplier=2.5,max_hold_minutes=2")), List.of())
                .getFirst();
        open(hold);

        book.judge(candle(1, 100, 100.5, 99.5, 100));           // closes a minute after the entry
        assertThat(book.closed()).isEmpty();
        book.judge(candle(2, 100, 100.5, 99.5, 100.2));         // closes two minutes after it: held long enough

        assertThat(book.closed()).singleElement().satisfies(closed -> {
            assertThat(closed.reason()).isEqualTo(ExitReason.TIME_EXIT);
            assertThat(closed.exitPrice()).isCloseTo(100.2 * (1 - SLIP), within(1e-9));
        });
    }

    @Test
    void restoredShadowsCarryOnFromTheirStateAndAClearForgetsThem() {
        Position state = new Position(9, "BTCUSDT", T0.plusSeconds(60), ENTRY, QTY, 0.05, 95.05, 2, 104, 100);
        book.restore(List.of(new ShadowPosition("hard_stop_multiplier=2.5", wide().exit(), state)));

        book.judge(candle(10, 101, 101, 99.9, 100.5));

        assertThat(book.closed()).singleElement().satisfies(closed -> {
            assertThat(closed.reason()).isEqualTo(ExitReason.ATR_TRAIL);
            assertThat(closed.exitPrice()).isCloseTo(100 * (1 - SLIP), within(1e-9));
        });
        book.restore(List.of(new ShadowPosition("hard_stop_multiplier=2.5", wide().exit(), state)));
        book.clear();
        assertThat(book.open()).isEmpty();
        assertThat(book.changed()).isFalse();
    }
}
