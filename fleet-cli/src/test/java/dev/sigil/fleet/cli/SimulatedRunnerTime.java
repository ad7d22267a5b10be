package dev.sigil.fleet.cli;

import dev.sigil.fleet.session.RunnerTime;
import dev.sigil.fleet.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Time for a live runner in a test: every wait ends at once with the clock moved to its end, so a live session of a day
 * on the synthetic market (whose candles close on this clock) runs in seconds through the live code path.
 */
final class SimulatedRunnerTime implements RunnerTime {

    private final MutableClock clock;

    SimulatedRunnerTime(Instant start) {
        this.clock = new MutableClock(start);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized boolean sleepUntil(Instant until, BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            return true;
        }
        if (until.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), until));
        }
        return false;
    }
}
