package dev.sigil.fleet.runner.loop;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.session.loop.Liveness;
import dev.sigil.fleet.session.loop.LoopDoubles;
import dev.sigil.fleet.session.loop.ScanLoop;
import static dev.sigil.fleet.core.TestConfigs.config;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The loop and its watchdog with a scripted clock: errors are survived, hangs and dead threads end the process. */
class SupervisionTest {

    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

    /** A live market whose first two polls fail. */
    private static class FlakyMarket implements MarketDataSource {
        int polls;

        public String kind() {
            return "test";
        }

        public String description() {
            return "flaky";
        }

        public boolean live() {
            return true;
        }

        public void history(Instant asOf, int perSymbol, java.util.function.Consumer<List<Candle>> timeStep) {
        }

        public Batch next(Instant now) {
            if (++polls <= 2) {
                throw new IllegalStateException("exchange unreachable");
            }
            return new Batch(List.of(), now, false, 0);
        }
    }

    @Test
    void cycleThatThrowsIsCountedAndTheNextCycleRunsUntilTheSessionDurationEnds() throws Exception {
        AtomicLong wall = new AtomicLong(START.toEpochMilli());
        Clock clock = new Clock() {
            public Instant instant() {
                return Instant.ofEpochMilli(wall.get());
            }

            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        LoopDoubles.QuietOutside outside = new LoopDoubles.QuietOutside();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FlakyMarket market = new FlakyMarket();
        var config = config();
        ScanEngine engine = new ScanEngine(config, new EmaCrossStrategy(config.strategy()), new LoopDoubles.RecordingLedger(), dev.sigil.fleet.core.engine.EngineListener.NONE, 0);
        ScanLoop loop = new ScanLoop("baseline", engine, market, outside, new LoopDoubles.RecordingLedger(), new RunnerMetrics(registry, "baseline"), clock,
                (until, stop) -> {
                    wall.set(until.toEpochMilli());
                    return false;
                }, new Liveness(), new ScanLoop.Settings(Duration.ofSeconds(60), START, Duration.ofMinutes(5), 0, Duration.ofSeconds(1)), null, null);

        EndReason endReason = loop.run(() -> false);

        assertThat(endReason).isEqualTo(EndReason.DURATION_ELAPSED);
        assertThat(market.polls).isEqualTo(5);
        assertThat(outside.heartbeats).containsExactly(START, START.plusSeconds(60), START.plusSeconds(120), START.plusSeconds(180), START.plusSeconds(240));
        assertThat(registry.get("sigil.cycle.failures").counter().count()).isEqualTo(2);
    }

    @Test
    void aHeartbeatThatFindsTheLockGoneEndsTheSessionBeforeItsTickAndAFailedOneDoesNot() throws Exception {
        AtomicLong wall = new AtomicLong(START.toEpochMilli());
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        List<String> calls = new ArrayList<>();
        LoopDoubles.QuietOutside outside = new LoopDoubles.QuietOutside() {
            @Override
            public boolean scanStarted(Instant at) {
                calls.add("heartbeat");
                if (calls.stream().filter("heartbeat"::equals).count() == 2) {
                    throw new IllegalStateException("statement timeout");
                }
                return calls.stream().filter("heartbeat"::equals).count() < 4;
            }
        };
        LoopDoubles.RecordingLedger ledger = new LoopDoubles.RecordingLedger() {
            @Override
            public void checkpoint(Checkpoint checkpoint) {
                calls.add("checkpoint");
            }
        };
        var config = config();
        ScanEngine engine = new ScanEngine(config, new EmaCrossStrategy(config.strategy()), ledger, dev.sigil.fleet.core.engine.EngineListener.NONE, 0);
        ScanLoop loop = new ScanLoop("baseline", engine, new FlakyMarket() {
            @Override
            public Batch next(Instant now) {
                return new Batch(List.of(), now, false, 0);
            }
        }, outside, ledger, new RunnerMetrics(new SimpleMeterRegistry(), "baseline"), clock, (until, stop) -> {
            wall.set(until.toEpochMilli());
            return false;
        }, new Liveness(), new ScanLoop.Settings(Duration.ofSeconds(60), START, Duration.ofHours(1), 0, Duration.ofSeconds(1)), null, null);

        assertThat(loop.run(() -> false)).isEqualTo(EndReason.LOCK_LOST);
        assertThat(calls).as("a heartbeat that failed on a live connection is logged and the cycle goes on; the lost lock ends the "
                        + "session at the heartbeat, after the checkpoint that makes memory durable and before any read or tick")
                .containsExactly("checkpoint", "heartbeat", "checkpoint", "checkpoint", "heartbeat", "checkpoint",
                        "checkpoint", "heartbeat", "checkpoint", "checkpoint", "heartbeat");
    }

    @Test
    void watchdogExitsWithThreeWhenACycleHangsPastTheStallLimit() {
        Liveness liveness = new Liveness();
        AtomicLong nanos = new AtomicLong(1_000);
        List<Integer> exits = new ArrayList<>();
        Watchdog watchdog = new Watchdog(liveness, Thread.currentThread(), Duration.ofSeconds(300), (code, why) -> exits.add(code), nanos::get);

        liveness.cycleStarted(nanos.get());
        nanos.addAndGet(Duration.ofSeconds(299).toNanos());
        assertThat(watchdog.check()).isTrue();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(watchdog.check()).isFalse();

        assertThat(exits).containsExactly(Watchdog.STALLED);
    }

    @Test
    void watchdogExitsWithSeventyWhenTheScanThreadHasDied() throws InterruptedException {
        Thread dead = new Thread(() -> {
            throw new OutOfMemoryError("simulated");
        });
        dead.setUncaughtExceptionHandler((thread, error) -> { });
        dead.start();
        dead.join();
        List<Integer> exits = new ArrayList<>();

        new Watchdog(new Liveness(), dead, Duration.ofSeconds(300), (code, why) -> exits.add(code), System::nanoTime).check();

        assertThat(exits).containsExactly(Watchdog.THREAD_DIED);
    }

    @Test
    void watchdogStaysQuietOnceTheRunnerHasFinished() {
        Liveness liveness = new Liveness();
        liveness.finished();
        List<Integer> exits = new ArrayList<>();
        assertThat(new Watchdog(liveness, new Thread(() -> { }), Duration.ofSeconds(1), (code, why) -> exits.add(code), System::nanoTime).check()).isFalse();
        assertThat(exits).isEmpty();
    }
}
