package dev.sigil.fleet.session.loop;

/**
 * What the watchdog and the health endpoint know about the scan loop: whether a cycle is running and since when,
 * and when the last one ended. Written by the scan thread, read by others; times are {@link System#nanoTime}.
 */
public final class Liveness {

    private volatile long cycleStartedNanos;
    private volatile long lastCycleEndedNanos = System.nanoTime();
    private volatile boolean finished;

    public void cycleStarted(long nanos) {
        cycleStartedNanos = nanos;
    }

    public void cycleEnded(long nanos) {
        lastCycleEndedNanos = nanos;
        cycleStartedNanos = 0;
    }

    /** How long the running cycle has been running, or 0 when none runs. */
    public long runningNanos(long now) {
        long started = cycleStartedNanos;
        return started == 0 ? 0 : now - started;
    }

    public long sinceLastCycleNanos(long now) {
        return now - lastCycleEndedNanos;
    }

    public void finished() {
        finished = true;
    }

    public boolean isFinished() {
        return finished;
    }
}
