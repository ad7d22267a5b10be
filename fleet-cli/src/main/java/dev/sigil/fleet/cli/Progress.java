package dev.sigil.fleet.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** Prints a progress line every few seconds while long work runs, on its own daemon thread. */
final class Progress implements AutoCloseable {

    private final Thread thread;

    Progress(PrintWriter err, long everyMillis, Supplier<String> line) {
        this.thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(everyMillis);
                    err.println(line.get());
                    err.flush();
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
