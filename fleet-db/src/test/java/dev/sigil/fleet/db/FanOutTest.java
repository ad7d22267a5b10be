package dev.sigil.fleet.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tasksRunAtTheSameTimeAndResultsComeBackInTheItemsOrder() {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        long start = System.nanoTime();

        // later items finish first: the order of the results is the items', not the finishing order
        List<String> results = FanOut.map(items, item -> {
            sleep(400 - item * 5L);
            return "#" + item;
        });

        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(results).containsExactlyElementsOf(items.stream().map(item -> "#" + item).toList());
        // one after another: 40 tasks x 0.2-0.4 s = 12 s; 16 at a time: 3 waves of at most 0.4 s
        assertThat(seconds).as("%.2f s", seconds).isLessThan(4.0);
    }

    @Test
    void atMostTheParallelismRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();

        FanOut.map(IntStream.range(0, 30).boxed().toList(), 4, item -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            running.decrementAndGet();
            return item;
        });

        assertThat(most.get()).isBetween(2, 4);
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOthersAndItsExceptionComesBackAfterAllEnded() {
        AtomicInteger done = new AtomicInteger();

        assertThatThrownBy(() -> FanOut.map(IntStream.range(0, 10).boxed().toList(), item -> {
            if (item == 3) {
                throw new IllegalArgumentException("item 3 is bad");
            }
            sleep(50);
            return done.incrementAndGet();
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("item 3 is bad");
        assertThat(done.get()).isEqualTo(9);
    }
}
