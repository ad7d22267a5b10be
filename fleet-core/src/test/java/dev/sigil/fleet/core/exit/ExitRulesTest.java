package dev.sigil.fleet.core.exit;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.position.Position;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExitRulesTest {

    private static final Instant ENTRY = Instant.parse("2024-01-01T00:00:00Z");
    private final ExitRules rules = new ExitRules(config("exit.trail_activation_atr", 1.0, "exit.trail_atr_multiplier", 2.0,
            "exit.max_hold_minutes", 60).exit());

    private static Position position(double stop, double highest, double trail) {
        return new Position(1, "BTCUSDT", ENTRY, 100, 1, 0.1, stop, 2, highest, trail);
    }

    private static Candle candle(int minute, double open, double high, double low, double close) {
        Instant openTime = ENTRY.plusSeconds(60L * (minute - 1));
        return new Candle("BTCUSDT", openTime, openTime.plusSeconds(60), open, high, low, close, 10, 1000);
    }

    @Test
    void aFallingPriceMeetsTheHigherStopFirstSoATrailAboveTheHardStopIsTheExit() {
        Position position = position(97, 106, 102);
        ExitRules.Trigger trigger = rules.evaluate(position, candle(5, 103, 104, 96, 98));
        assertThat(trigger).as("the low goes through both: the trail at 102 is met on the way down").isEqualTo(new ExitRules.Trigger(ExitReason.ATR_TRAIL, 102));
    }

    @Test
    void aCandleThatOpensAtTheHighAndCrashesExitsAtTheTrailNotTheHardStop() {
        // +9 % in an hour, trail far above the hard stop; then a candle opens at the high and trades 12 % lower
        Position risen = position(97, 109, 105);
        ExitRules.Trigger trigger = rules.evaluate(risen, candle(61, 109, 109, 95.9, 96.5));
        assertThat(trigger.reason()).isEqualTo(ExitReason.ATR_TRAIL);
        assertThat(trigger.level()).isEqualTo(105);
    }

    @Test
    void theHardStopIsTheExitOnlyWhenItIsTheHigherLevel() {
        Position trailBelowStop = position(97, 101, 96);
        assertThat(rules.evaluate(trailBelowStop, candle(5, 98, 99, 95, 96))).isEqualTo(new ExitRules.Trigger(ExitReason.HARD_STOP, 97));
        Position noTrail = position(97, 100, Double.NaN);
        assertThat(rules.evaluate(noTrail, candle(5, 98, 99, 96.5, 97))).isEqualTo(new ExitRules.Trigger(ExitReason.HARD_STOP, 97));
        Position tie = position(97, 101, 97);
        assertThat(rules.evaluate(tie, candle(5, 98, 99, 96.5, 97)).reason()).as("a tie is the trail's").isEqualTo(ExitReason.ATR_TRAIL);
    }

    @Test
    void trailTriggersWhenOnlyTheTrailIsHit() {
        ExitRules.Trigger trigger = rules.evaluate(position(97, 106, 102), candle(5, 103, 104, 101.5, 103));
        assertThat(trigger).isEqualTo(new ExitRules.Trigger(ExitReason.ATR_TRAIL, 102));
    }

    @Test
    void timeExitComesLastAndOnlyAfterMaxHold() {
        assertThat(rules.evaluate(position(97, 100, Double.NaN), candle(59, 100, 101, 99, 100.5))).isNull();
        assertThat(rules.evaluate(position(97, 100, Double.NaN), candle(60, 100, 101, 99, 100.5)))
                .isEqualTo(new ExitRules.Trigger(ExitReason.TIME_EXIT, 100.5));
        assertThat(rules.evaluate(position(97, 100, Double.NaN), candle(60, 100, 101, 96, 100.5)).reason()).isEqualTo(ExitReason.HARD_STOP);
    }

    @Test
    void trailActivatesAfterTheConfiguredMoveAndIsNeverLowered() {
        Position start = position(97, 100, Double.NaN);
        Position notYet = rules.afterCandle(start, candle(1, 100, 101.5, 100, 101), 2);
        assertThat(notYet.trailActive()).as("1.5 < 1 ATR of 2").isFalse();
        assertThat(notYet.highestPrice()).isEqualTo(101.5);

        Position active = rules.afterCandle(notYet, candle(2, 101, 103, 101, 102), 2);
        assertThat(active.trailStopPrice()).isEqualTo(103 - 2 * 2);

        Position widerAtr = rules.afterCandle(active, candle(3, 102, 102.5, 101, 102), 3);
        assertThat(widerAtr.trailStopPrice()).as("a wider ATR must not lower the trail").isEqualTo(99);

        Position higher = rules.afterCandle(widerAtr, candle(4, 102, 108, 102, 107), 2);
        assertThat(higher.trailStopPrice()).isEqualTo(104);
    }

    @Test
    void candleOwnHighNeverLiftsTheStopItIsTestedAgainst() {
        Position active = position(97, 103, 99);
        Candle spikeThenDump = candle(3, 103, 112, 99.5, 100);
        assertThat(rules.evaluate(active, spikeThenDump)).as("judged against the trail at the candle's open (99)").isNull();
        assertThat(rules.afterCandle(active, spikeThenDump, 2).trailStopPrice()).isEqualTo(108);
    }

    @Test
    void unchangedPositionIsReturnedAsItIs() {
        Position position = position(97, 105, Double.NaN);
        assertThat(rules.afterCandle(position, candle(2, 100, 101, 99, 100), 10)).isSameAs(position);
    }

    @Test
    void theHoldingTimeIsComparedToTheNanosecond() {
        Instant entry = Instant.parse("2024-01-01T00:00:00.500Z");
        assertThat(ExitRules.heldAtLeast(entry, entry.plusSeconds(3600), 3600)).as("exactly the limit").isTrue();
        assertThat(ExitRules.heldAtLeast(entry, entry.plusSeconds(3600).minusNanos(1), 3600)).as("a nanosecond short").isFalse();
        assertThat(ExitRules.heldAtLeast(entry, Instant.parse("2024-01-01T01:00:00.400Z"), 3600)).as("whole seconds reached, nanos not").isFalse();
        assertThat(ExitRules.heldAtLeast(entry, Instant.parse("2024-01-01T01:00:01.100Z"), 3600)).as("past the limit").isTrue();
        assertThat(ExitRules.heldAtLeast(entry, entry.minusSeconds(1), 0)).as("before the entry").isFalse();
    }
}
