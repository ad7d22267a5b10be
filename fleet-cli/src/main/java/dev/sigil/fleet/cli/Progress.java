package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.concurrent.Threads;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Shows how long work is getting on, on its own daemon thread, every few seconds: on a terminal one line rewritten in
 * place ({@code inPlace}), elsewhere (a pipe, a log, CI) a line each time.
 */
final class Progress implements AutoCloseable {

    private final Thread thread;
    private final PrintWriter err;
    private final boolean inPlace;
    private int shown;

    Progress(PrintWriter err, long everyMillis, Supplier<String> line) {
        this(err, everyMillis, line, false);
    }

    Progress(PrintWriter err, long everyMillis, Supplier<String> line, boolean inPlace) {
        this.err = err;
        this.inPlace = inPlace;
        this.thread = Threads.unstarted("progress", () -> {
            try {
                while (true) {
                    Thread.sleep(everyMillis);
                    show(line.get());
                }
            } catch (InterruptedException e) {
                // done
            }
        }, true);
        thread.start();
    }

    private synchronized void show(String text) {
        if (inPlace && !text.contains("\n")) {
            err.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
            shown = text.length();
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** Whether this process writes to a terminal, where a progress line is rewritten in place. */
    static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22 and later: a Console exists even when redirected, and says whether it is a terminal
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (inPlace && shown > 0) {
                err.print("\r" + " ".repeat(shown) + "\r");
                err.flush();
            }
        }
    }
}
