package dev.sigil.fleet.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcilerTest {

    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant END = T0.plus(Duration.ofDays(2));
    private final Reconciler reconciler = new Reconciler(Duration.ofHours(16));

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private static Trade trade(String symbol, int entry, double price, int exit, String reason, double exitPrice) {
        return new Trade(symbol, at(entry), price, 0.5, at(exit), reason, exitPrice, 1);
    }

    private static Trade open(String symbol, int entry, double price) {
        return new Trade(symbol, at(entry), price, 0.5, null, null, null, 1);
    }

    @Test
    void identicalLedgersHaveNoDifference() {
        List<Trade> trades = List.of(trade("BTCUSDT", 1200, 100, 1300, "atr_trail", 104), open("ETHUSDT", 1500, 20));
        assertThat(reconciler.differences(trades, List.copyOf(trades), List.of(), List.of(), END)).isEmpty();
    }

    @Test
    void aTradeOnlyLiveIsMissedAndOneOnlyReplayedIsExtraInEntryOrder() {
        List<Difference> differences = reconciler.differences(List.of(trade("BTCUSDT", 1200, 100, 1300, "hard_stop", 97)),
                List.of(trade("ETHUSDT", 900, 20, 950, "atr_trail", 21)), List.of(), List.of(), END);
        assertThat(differences).extracting(Difference::kind).containsExactly(Difference.Kind.EXTRA, Difference.Kind.MISSED);
        assertThat(differences).extracting(Difference::reason).containsOnlyNulls();
    }

    @Test
    void anotherEntryPriceIsADifferentFillAndAnotherExitADifferentExit() {
        List<Difference> differences = reconciler.differences(
                List.of(trade("BTCUSDT", 1200, 100, 1300, "hard_stop", 97), trade("ETHUSDT", 1400, 20, 1500, "atr_trail", 21)),
                List.of(trade("BTCUSDT", 1200, 100.5, 1300, "hard_stop", 97), trade("ETHUSDT", 1400, 20, 1460, "hard_stop", 19.4)),
                List.of(), List.of(), END);
        assertThat(differences).extracting(Difference::kind).containsExactly(Difference.Kind.DIFFERENT_FILL, Difference.Kind.DIFFERENT_EXIT);
    }

    @Test
    void oneOpenAndTheOtherClosedIsADifferentExitButBothOpenIsNot() {
        assertThat(reconciler.differences(List.of(open("BTCUSDT", 1200, 100)), List.of(trade("BTCUSDT", 1200, 100, 1300, "hard_stop", 97)),
                List.of(), List.of(), END)).extracting(Difference::kind).containsExactly(Difference.Kind.DIFFERENT_EXIT);
        assertThat(reconciler.differences(List.of(open("BTCUSDT", 1200, 100)), List.of(open("BTCUSDT", 1200, 100)), List.of(), List.of(), END)).isEmpty();
    }

    @Test
    void pricesEqualUpToFormattingAreTheSame() {
        assertThat(reconciler.differences(List.of(trade("BTCUSDT", 1200, 0.1 + 0.2, 1300, "hard_stop", 97)),
                List.of(trade("BTCUSDT", 1200, 0.3, 1300, "hard_stop", 97)), List.of(), List.of(), END)).isEmpty();
    }

    @Test
    void aGapOfTheTradesSymbolWithinTheIndicatorsMemoryIsNamedAsTheReason() {
        CandleGap gap = new CandleGap("BTCUSDT", at(1000), at(1004), 5);
        List<Difference> differences = reconciler.differences(List.of(trade("BTCUSDT", 1200, 100, 1300, "hard_stop", 97)), List.of(),
                List.of(gap, new CandleGap("ETHUSDT", at(1190), at(1190), 1)), List.of(), END);
        assertThat(differences).singleElement().extracting(Difference::reason)
                .isEqualTo("data gap: BTCUSDT missing 5 candles 2025-03-01T16:40:00Z..2025-03-01T16:44:00Z");
    }

    @Test
    void aGapOfAnotherSymbolOrLongBeforeTheEntryIsNotTheReason() {
        List<CandleGap> gaps = List.of(new CandleGap("ETHUSDT", at(1190), at(1190), 1), new CandleGap("BTCUSDT", at(10), at(12), 3));
        assertThat(reconciler.differences(List.of(trade("BTCUSDT", 1200, 100, 1300, "hard_stop", 97)), List.of(), gaps, List.of(), END))
                .singleElement().extracting(Difference::reason).isNull();
    }

    @Test
    void aGapWhileTheTradeIsOpenExplainsADifferentExit() {
        List<Difference> differences = reconciler.differences(List.of(trade("BTCUSDT", 1200, 100, 1300, "hard_stop", 97)),
                List.of(trade("BTCUSDT", 1200, 100, 1350, "atr_trail", 103)), List.of(new CandleGap("BTCUSDT", at(1299), at(1299), 1)), List.of(), END);
        assertThat(differences).singleElement().extracting(Difference::reason).asString().startsWith("data gap: BTCUSDT missing 1 candle ");
    }

    @Test
    void aRestartBeforeAConfigChangeIsTheReasonAndAGapComesFirst() {
        List<Boundary> boundaries = List.of(new Boundary(Boundary.Kind.CONFIG_CHANGE, at(1100), "session 3 ran config b, session 2 a"),
                new Boundary(Boundary.Kind.RESTART, at(1150), "session 4 started by another process after session 3 ended aborted"));
        List<Trade> live = List.of(trade("BTCUSDT", 1200, 100, 1300, "hard_stop", 97));
        assertThat(reconciler.differences(live, List.of(), List.of(), boundaries, END)).singleElement().extracting(Difference::reason)
                .isEqualTo("restart: session 4 started by another process after session 3 ended aborted");
        assertThat(reconciler.differences(live, List.of(), List.of(new CandleGap("BTCUSDT", at(1199), at(1199), 1)), boundaries, END))
                .singleElement().extracting(Difference::reason).asString().startsWith("data gap:");
        assertThat(reconciler.differences(live, List.of(), List.of(), boundaries.subList(0, 1), END)).singleElement()
                .extracting(Difference::reason).isEqualTo("config change: session 3 ran config b, session 2 a");
    }
}
