package dev.sigil.fleet.core.risk;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.exit.ExitReason;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskManagerTest {

    private static final Instant NOON = Instant.parse("2025-03-10T12:00:00Z");
    private final RiskManager risk = new RiskManager(config().risk(), Double.NaN); // daily 25, drawdown 10 %, 4 stops in 60 min → 60 min

    private static ClosedPosition exit(Instant at, ExitReason reason, double pnl) {
        Position position = new Position(1, "TSTUSDT", at.minusSeconds(3600), 1, 50, 0.05, 0.97, 0.01, 1, Double.NaN);
        return new ClosedPosition(position, at, 1, 0.05, reason, pnl);
    }

    @Test
    void dailyLossBeyondTheLimitBlocksEntriesAndAsksForTheBreakerOnceAndANewUtcDayStartsClean() {
        assertThat(risk.evaluate(NOON, 1000, List.of(exit(NOON, ExitReason.ATR_TRAIL, -20)))).isEqualTo(RiskManager.Verdict.CLEAR);
        RiskManager.Verdict breach = risk.evaluate(NOON.plusSeconds(60), 990, List.of(exit(NOON, ExitReason.TIME_EXIT, -6)));
        RiskManager.Verdict after = risk.evaluate(NOON.plusSeconds(120), 990, List.of());
        RiskManager.Verdict nextDay = risk.evaluate(Instant.parse("2025-03-11T00:00:00Z"), 990, List.of());

        assertThat(breach).isEqualTo(new RiskManager.Verdict(RiskManager.MAX_DAILY_LOSS, RiskManager.MAX_DAILY_LOSS,
                "lost 26.00 USD on 2025-03-10 (UTC), limit 25.00"));
        assertThat(after).as("still blocked, the trip asked once").isEqualTo(new RiskManager.Verdict(RiskManager.MAX_DAILY_LOSS, null, null));
        assertThat(nextDay).isEqualTo(RiskManager.Verdict.CLEAR);
    }

    @Test
    void drawdownFromThePersistedPeakTripsAndAResetRebasesIt() {
        RiskManager restored = new RiskManager(config().risk(), 1200);
        assertThat(restored.evaluate(NOON, 1100, List.of())).isEqualTo(RiskManager.Verdict.CLEAR);
        assertThat(restored.evaluate(NOON.plusSeconds(60), 1070, List.of()))
                .as("(1200 − 1070) / 1200 = 10.8 %").isEqualTo(new RiskManager.Verdict(RiskManager.MAX_DRAWDOWN, RiskManager.MAX_DRAWDOWN,
                        "equity 1070.00 USD is 10.8 % below its peak 1200.00, limit 10.0 %"));

        restored.acknowledgeReset(1070);

        assertThat(restored.peakEquity()).isEqualTo(1070);
        assertThat(restored.evaluate(NOON.plusSeconds(120), 1065, List.of())).isEqualTo(RiskManager.Verdict.CLEAR);
    }

    @Test
    void restoredDayLossCountsOnlyOnThatDay() {
        risk.restoreDay(LocalDate.parse("2025-03-10"), -24);
        assertThat(risk.evaluate(NOON, 1000, List.of(exit(NOON, ExitReason.HARD_STOP, -2))).entryBlockReason()).isEqualTo(RiskManager.MAX_DAILY_LOSS);

        RiskManager other = new RiskManager(config().risk(), Double.NaN);
        other.restoreDay(LocalDate.parse("2025-03-09"), -24);
        assertThat(other.evaluate(NOON, 1000, List.of(exit(NOON, ExitReason.HARD_STOP, -2))).entryBlockReason()).isNull();
    }

    @Test
    void fourHardStopLossesWithinTheLookbackPauseEntriesForThePauseOnly() {
        for (int minute = 0; minute < 3; minute++) {
            assertThat(risk.evaluate(NOON.plusSeconds(600L * minute), 1000, List.of(exit(NOON.plusSeconds(600L * minute), ExitReason.HARD_STOP, -1))).entryBlockReason()).isNull();
        }
        assertThat(risk.evaluate(NOON.plusSeconds(1800), 1000, List.of(exit(NOON.plusSeconds(1800), ExitReason.ATR_TRAIL, -1))).entryBlockReason())
                .as("a trail exit is not a hard stop").isNull();
        Instant fourth = NOON.plusSeconds(3000);
        assertThat(risk.evaluate(fourth, 1000, List.of(exit(fourth, ExitReason.HARD_STOP, -1))).entryBlockReason()).isEqualTo(RiskManager.STOPLOSS_GUARD);
        assertThat(risk.evaluate(fourth.plusSeconds(3599), 1000, List.of()).entryBlockReason()).isEqualTo(RiskManager.STOPLOSS_GUARD);
        assertThat(risk.evaluate(fourth.plusSeconds(3600), 1000, List.of()).entryBlockReason()).isNull();
    }

    @Test
    void hardStopsSpreadBeyondTheLookbackDoNotPause() {
        for (int i = 0; i < 8; i++) {
            Instant at = NOON.plusSeconds(1500L * i);
            assertThat(risk.evaluate(at, 1000, List.of(exit(at, ExitReason.HARD_STOP, -1))).entryBlockReason()).isNull();
        }
    }

    @Test
    void aResetSurvivesARestartOnTheSameDaySoTheDaysLossDoesNotTripTheBreakerAgain() {
        risk.evaluate(NOON, 1000, List.of(exit(NOON, ExitReason.HARD_STOP, -30)));
        risk.acknowledgeReset(970, 41);
        assertThat(risk.evaluate(NOON.plusSeconds(60), 970, List.of()).entryBlockReason()).isNull();
        RiskState persisted = RiskState.fromEngineState(risk.state().toEngineState());

        RiskManager restarted = new RiskManager(config().risk(), Double.NaN);
        restarted.restore(persisted, LocalDate.parse("2025-03-10"), -30, List.of(NOON));

        assertThat(restarted.evaluate(NOON.plusSeconds(120), 970, List.of())).as("the forgiven −30 stays forgiven").isEqualTo(RiskManager.Verdict.CLEAR);
        assertThat(restarted.peakEquity()).isEqualTo(970);
        restarted.acknowledgeReset(900, 41);
        assertThat(restarted.peakEquity()).as("the same reset seen again after the restart changes nothing").isEqualTo(970);
        assertThat(restarted.evaluate(NOON.plusSeconds(180), 970, List.of(exit(NOON.plusSeconds(180), ExitReason.ATR_TRAIL, -26))).breakerTripReason())
                .as("a new loss beyond the limit after the reset trips again").isEqualTo(RiskManager.MAX_DAILY_LOSS);
    }

    @Test
    void theForgivenLossBelongsToItsDayOnly() {
        risk.evaluate(NOON, 1000, List.of(exit(NOON, ExitReason.HARD_STOP, -30)));
        risk.acknowledgeReset(970, 3);
        RiskManager nextDay = new RiskManager(config().risk(), Double.NaN);
        nextDay.restore(risk.state(), LocalDate.parse("2025-03-11"), -20, List.of());

        assertThat(nextDay.evaluate(NOON.plusSeconds(86_400), 950, List.of(exit(NOON.plusSeconds(86_400), ExitReason.HARD_STOP, -6))).entryBlockReason())
                .as("−20 − 6 on the 11th; the 10th's forgiveness does not apply").isEqualTo(RiskManager.MAX_DAILY_LOSS);
    }

    @Test
    void aStoplossPauseSurvivesARestartAndTheLossesThatCausedItAreNotCountedAgain() {
        List<Instant> losses = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant at = NOON.plusSeconds(600L * i);
            losses.add(at);
            risk.evaluate(at, 1000, List.of(exit(at, ExitReason.HARD_STOP, -1)));
        }
        Instant pauseEnds = NOON.plusSeconds(1800 + 3600);
        assertThat(risk.state().pausedUntil()).isEqualTo(pauseEnds);

        RiskManager restarted = new RiskManager(config().risk(), Double.NaN);
        restarted.restore(RiskState.fromEngineState(risk.state().toEngineState()), LocalDate.parse("2025-03-10"), -4, losses);

        assertThat(restarted.evaluate(pauseEnds.minusSeconds(1), 1000, List.of()).entryBlockReason()).isEqualTo(RiskManager.STOPLOSS_GUARD);
        Instant after = pauseEnds.plusSeconds(60);
        assertThat(restarted.evaluate(after, 1000, List.of(exit(after, ExitReason.HARD_STOP, -1))).entryBlockReason())
                .as("one new loss after the pause, not four with the old ones").isNull();
    }

    @Test
    void aRestartTheSameDayDoesNotTripTheDailyLimitAgainNorOneBeforeAResetTheDrawdown() {
        risk.evaluate(NOON, 1000, List.of(exit(NOON, ExitReason.HARD_STOP, -26)));
        RiskState afterTrip = risk.state();
        RiskManager restarted = new RiskManager(config().risk(), Double.NaN);
        restarted.restore(afterTrip, LocalDate.parse("2025-03-10"), -26, List.of());

        RiskManager.Verdict sameDay = restarted.evaluate(NOON.plusSeconds(300), 974, List.of());

        assertThat(sameDay).isEqualTo(new RiskManager.Verdict(RiskManager.MAX_DAILY_LOSS, null, null));
        assertThat(afterTrip.dailyLossTripDay()).isEqualTo(LocalDate.parse("2025-03-10"));
    }

    @Test
    void riskStateRoundTripsThroughEngineStateAndAnEmptyOneMeansNone() {
        RiskState state = new RiskState(1234.5, LocalDate.parse("2025-03-10"), -12.25, Instant.parse("2025-03-10T13:00:00Z"), 17,
                LocalDate.parse("2025-03-10"), true);
        assertThat(RiskState.fromEngineState(state.toEngineState())).isEqualTo(state);
        assertThat(RiskState.fromEngineState(java.util.Map.of()).pausedUntil()).isEqualTo(Instant.MIN);
        assertThat(RiskState.fromEngineState(RiskState.INITIAL.toEngineState())).satisfies(initial -> {
            assertThat(initial.peakEquity()).isNaN();
            assertThat(initial.baselineDay()).isNull();
            assertThat(initial.acknowledgedReset()).isZero();
        });
    }
}
