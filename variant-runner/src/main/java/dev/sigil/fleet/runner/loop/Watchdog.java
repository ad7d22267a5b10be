package dev.sigil.fleet.runner.loop;

import dev.sigil.fleet.core.concurrent.Threads;
import dev.sigil.fleet.session.loop.Liveness;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-only supervision of the scan thread: if it dies, or a cycle runs longer than the stall limit, the process
 * exits non-zero so systemd restarts it. A scheduler that dies in memory while the process lives is the failure
 * this exists for. Checks are driven by the caller ({@link #check}) or by its own daemon thread.
 */
public final class Watchdog {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    /** Exit code when a cycle hung past the stall limit. */
    public static final int STALLED = 3;
    /** Exit code when the scan thread died. */
    public static final int THREAD_DIED = 70;

    /** How the process ends; the real one halts the JVM, tests record the call. */
    public interface ProcessExit {
        void exit(int code, String why);
    }

    private final Liveness liveness;
    private final Thread scanThread;
    private final Duration stallLimit;
    private final ProcessExit exit;
    private final LongSupplier nanoTime;

    public Watchdog(Liveness liveness, Thread scanThread, Duration stallLimit, ProcessExit exit, LongSupplier nanoTime) {
        this.liveness = liveness;
        this.scanThread = scanThread;
        this.stallLimit = stallLimit;
        this.exit = exit;
        this.nanoTime = nanoTime;
    }

    /** One check; returns false once it has asked the process to exit. */
    public boolean check() {
        if (liveness.isFinished()) {
            return false;
        }
        if (!scanThread.isAlive()) {
            exit.exit(THREAD_DIED, "the scan thread died; exiting so systemd restarts the runner");
            return false;
        }
        long running = liveness.runningNanos(nanoTime.getAsLong());
        if (running > stallLimit.toNanos()) {
            exit.exit(STALLED, "a scan cycle has run for " + Duration.ofNanos(running).toSeconds() + " s (limit "
                    + stallLimit.toSeconds() + " s = stall_exit_intervals × scan interval); exiting so systemd restarts the runner");
            return false;
        }
        return true;
    }

    public Thread startDaemon() {
        Thread thread = Threads.unstarted("scan-watchdog", () -> {
            while (check()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, true);
        thread.start();
        return thread;
    }

    /** The real exit: log, let shutdown hooks run for a few seconds, then halt regardless. */
    public static final ProcessExit HALT = (code, why) -> {
        LOG.error(why);
        Thread exiter = Threads.unstarted("watchdog-exit", () -> System.exit(code), true);
        exiter.start();
        try {
            exiter.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(code);
    };
}
