package dev.sigil.fleet.session.loop;

import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.strategy.EmaCrossStrategy;
import dev.sigil.fleet.market.MarketDataSource;
import dev.sigil.fleet.session.RunnerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop in replay around a resume point, with an in-memory ledger that records its checkpoints. */
class ScanLoopResumeTest {

    private static final Instant T0 = Instant.parse("2025-02-01T00:00:00Z");

    /** One symbol's minute candles, one time step per call. */
    private static final class Replay implements MarketDataSource {
        private final int minutes;
        int next;

        Replay(int minutes) {
            this.minutes = minutes;
        }

        public String kind() {
            return "replay";
        }

        public String description() {
            return "test replay";
        }

        public boolean live() {
            return false;
        }

        public void history(Instant asOf, int perSymbol, java.util.function.Consumer<List<Candle>> timeStep) {
        }

        public Batch next(Instant now) {
            if (next >= minutes) {
                return new Batch(List.of(), null, true, 0);
            }
            Instant open = T0.plusSeconds(60L * next++);
            Candle candle = new Candle("BTCUSDT", open, open.plusSeconds(60), 100, 101, 99, 100, 10, 1000);
            return new Batch(List.of(candle), candle.closeTime(), false, 0);
        }
    }

    private static ScanLoop loop(Replay market, LoopDoubles.RecordingLedger ledger, Instant resumeAfter) {
        return loop(market, ledger, resumeAfter, Duration.ofHours(2));
    }

    private static ScanLoop loop(Replay market, LoopDoubles.RecordingLedger ledger, Instant resumeAfter, Duration session) {
        var config = config("market.symbols", List.of("BTCUSDT"));
        ScanEngine engine = new ScanEngine(config, new EmaCrossStrategy(config.strategy()), ledger, dev.sigil.fleet.core.engine.EngineListener.NONE, 0);
        return new ScanLoop("baseline", engine, market, new LoopDoubles.QuietOutside(), ledger, new RunnerMetrics(new SimpleMeterRegistry(), "baseline"),
                Clock.fixed(T0, ZoneOffset.UTC), (until, stop) -> false, new Liveness(),
                new ScanLoop.Settings(Duration.ofSeconds(60), T0, session, 0, Duration.ZERO), resumeAfter, resumeAfter);
    }

    @Test
    void candlesUpToTheResumePointOnlyWarmUpAndTheResumePointMovesForwardToTheLastCandle() throws Exception {
        Replay market = new Replay(30);
        LoopDoubles.RecordingLedger ledger = new LoopDoubles.RecordingLedger();
        ScanLoop loop = loop(market, ledger, T0.plusSeconds(60L * 12));

        EndReason end = loop.run(() -> false);
        loop.finish();

        assertThat(end).isEqualTo(EndReason.REPLAY_EXHAUSTED);
        assertThat(loop.ticks()).as("minutes 12..29 are ticks; 0..11 were durable before").isEqualTo(18);
        assertThat(ledger.resumePoints).first().as("the first checkpoint repeats where the last run stopped").isEqualTo(T0.plusSeconds(60L * 12));
        assertThat(ledger.resumePoints).isSorted().last().isEqualTo(T0.plusSeconds(60L * 30));
    }

    @Test
    void aFreshRunStartsWithoutAResumePointAndCheckpointsEveryTickWhenTheHeartbeatIsDueEachTick() throws Exception {
        Replay market = new Replay(5);
        LoopDoubles.RecordingLedger ledger = new LoopDoubles.RecordingLedger();
        ScanLoop loop = loop(market, ledger, null);

        loop.run(() -> false);

        assertThat(loop.ticks()).isEqualTo(5);
        assertThat(ledger.resumePoints).startsWith((Instant) null).contains(T0.plusSeconds(60), T0.plusSeconds(300));
        assertThat(ledger.resumePoints.stream().filter(java.util.Objects::nonNull).toList()).isSorted();
    }

    @Test
    void theEndOfAReplayIsACleanEndOnlyOnceItsLastCheckpointIsDurable() throws Exception {
        LoopDoubles.RecordingLedger ledger = new LoopDoubles.RecordingLedger();
        ScanLoop loop = loop(new Replay(3), ledger, null);
        ledger.failuresLeft = 7;

        EndReason end = loop.run(() -> false);

        assertThat(end).isEqualTo(EndReason.REPLAY_EXHAUSTED);
        assertThat(ledger.failed).isEqualTo(7);
        assertThat(ledger.resumePoints).last().as("the end written once the database took it").isEqualTo(T0.plusSeconds(180));
    }

    @Test
    void checkpointsThatKeepFailingEndTheProcessSoARestartResumesFromTheDatabase() {
        LoopDoubles.RecordingLedger ledger = new LoopDoubles.RecordingLedger();
        ScanLoop loop = loop(new Replay(3), ledger, null);
        ledger.failuresLeft = Integer.MAX_VALUE;

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loop.run(() -> false)).isInstanceOf(Checkpoints.FailedException.class)
                .hasMessageContaining("30 times in a row");
        assertThat(ledger.failed).isEqualTo(Checkpoints.FAILURES_TOLERATED);
    }

    @Test
    void aReplaySessionLastsItsDurationOnTheCandlesClockAndTheNextTakesOverWhereItEnded() throws Exception {
        Replay market = new Replay(150);
        LoopDoubles.RecordingLedger ledger = new LoopDoubles.RecordingLedger();
        ScanLoop first = loop(market, ledger, null, Duration.ofHours(1));

        assertThat(first.run(() -> false)).isEqualTo(EndReason.DURATION_ELAPSED);
        assertThat(first.ticks()).as("sixty one-minute candles, however fast").isEqualTo(60);
        assertThat(first.marketStart()).isEqualTo(T0);
        assertThat(first.marketEnd()).isEqualTo(T0.plusSeconds(3600));
        assertThat(ledger.resumePoints).last().as("the session's last tick is durable when it ends").isEqualTo(T0.plusSeconds(3600));
    }
}
