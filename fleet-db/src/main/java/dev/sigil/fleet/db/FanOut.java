package dev.sigil.fleet.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs one task per item at the same time and returns the results in the items' order: how every command and the
 * monitor contact several variant databases, so that one slow or dead database costs its own connect timeout
 * ({@link dev.sigil.fleet.config.fleet.DatabaseTarget#LOGIN_TIMEOUT}) once, not once per database after it.
 *
 * <p>Each task runs on its own virtual thread; at most {@link #PARALLELISM} run at once, which keeps a large fleet
 * on one PostgreSQL server well under its {@code max_connections}. With that bound, a round over N targets of which
 * at most {@code PARALLELISM} hang lasts about one connect timeout.
 *
 * <p>Tasks are expected to catch their own failures and return them as values (a row saying "unreachable"). A task
 * that throws anyway does not stop the others: once all have ended, the first such exception (in the items' order) is
 * rethrown. If the calling thread is interrupted, the tasks still running are interrupted and a
 * {@link CancellationException} is thrown.
 */
public final class FanOut {

    /** The most tasks running at once. */
    public static final int PARALLELISM = 32;

    private FanOut() {
    }

    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> task) {
        return map(items, PARALLELISM, task);
    }

    public static <T, R> List<R> map(List<T> items, int parallelism, Function<? super T, ? extends R> task) {
        if (items.size() <= 1) {
            return items.stream().<R>map(task).toList();
        }
        Semaphore permits = new Semaphore(Math.max(1, parallelism));
        ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fan-out-", 0).factory());
        try {
            List<Future<R>> pending = new ArrayList<>(items.size());
            for (T item : items) {
                pending.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return task.apply(item);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<R> results = new ArrayList<>(items.size());
            RuntimeException failure = null;
            for (Future<R> future : pending) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    results.add(null);
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + items.size() + " tasks");
        } finally {
            threads.shutdown();
        }
    }
}
