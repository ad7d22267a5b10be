package dev.sigil.fleet.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the fleet makes a thread: named (a thread dump and a log line say whose it is), daemon or not on
 * purpose, and an uncaught exception left to the JVM's handler (logged to stderr with the thread's name).
 */
public final class Threads {

    private Threads() {
    }

    /** A started daemon thread: work that must not keep the JVM alive (watchers, progress, exit guards). */
    public static Thread daemon(String name, Runnable work) {
        Thread thread = unstarted(name, work, true);
        thread.start();
        return thread;
    }

    /** A thread, not started: a non-daemon one the caller joins, or a shutdown hook. */
    public static Thread unstarted(String name, Runnable work, boolean daemon) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(daemon);
        return thread;
    }

    /**
     * A factory for executors: threads named {@code name} (with {@code -N} after the first when there are more),
     * daemon or not.
     */
    public static ThreadFactory factory(String name, boolean daemon) {
        AtomicInteger made = new AtomicInteger();
        return work -> {
            int number = made.incrementAndGet();
            return unstarted(number == 1 ? name : name + "-" + number, work, daemon);
        };
    }
}
