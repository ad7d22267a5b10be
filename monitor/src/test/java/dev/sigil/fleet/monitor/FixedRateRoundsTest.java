package dev.sigil.fleet.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class FixedRateRoundsTest {

    private final List<Long> starts = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    /** Runs rounds that take {@code millisOfRound.apply(n)} until {@code rounds} have started; returns the gaps between starts in ms. */
    private List<Long> gaps(Duration interval, int rounds, IntFunction<Long> millisOfRound) throws Exception {
        CountDownLatch enough = new CountDownLatch(rounds);
        try (FixedRateRounds schedule = new FixedRateRounds("test-rounds", interval, () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            starts.add(System.nanoTime());
            try {
                Thread.sleep(millisOfRound.apply(starts.size()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            enough.countDown();
        })) {
            schedule.start();
            assertThat(enough.await(30, TimeUnit.SECONDS)).isTrue();
        }
        return java.util.stream.IntStream.range(1, rounds).mapToObj(i -> (starts.get(i) - starts.get(i - 1)) / 1_000_000).toList();
    }

    @Test
    void theWaitIsTheRestOfTheIntervalAndNothingAfterAnOverrun() {
        assertThat(FixedRateRounds.delayBeforeNext(Duration.ofMillis(5700), Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(4300));
        assertThat(FixedRateRounds.delayBeforeNext(Duration.ofSeconds(10), Duration.ofSeconds(10))).isEqualTo(Duration.ZERO);
        assertThat(FixedRateRounds.delayBeforeNext(Duration.ofSeconds(12), Duration.ofSeconds(10))).isEqualTo(Duration.ZERO);
    }

    @Test
    void aRoundThatThrowsIsFollowedByTheNext() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        try (FixedRateRounds schedule = new FixedRateRounds("test-rounds", Duration.ofMillis(50), () -> {
            three.countDown();
            throw new IllegalStateException("a bad round");
        })) {
            schedule.start();
            assertThat(three.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void roundsStartEveryIntervalWhateverTheyTook() throws Exception {
        List<Long> gaps = gaps(Duration.ofMillis(300), 6, round -> 200L);

        double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();
        // at a fixed rate: 300 ms apart; with a fixed delay after each 200 ms round it would be 500 ms
        assertThat(mean).as("gaps %s ms", gaps).isBetween(280.0, 420.0);
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void aRoundThatOverrunsIsFollowedAtOnceAndMissedRoundsAreNotMadeUp() throws Exception {
        List<Long> gaps = gaps(Duration.ofMillis(250), 4, round -> round == 1 ? 1000L : 10L);

        // the first round takes four intervals: the second starts as it ends (a fixed delay would add 250 ms) ...
        assertThat(gaps.get(0)).as("gaps %s ms", gaps).isBetween(1000L, 1200L);
        // ... and the rounds after it keep the interval: no burst of the three missed ones (a catching-up fixed rate would)
        assertThat(gaps.subList(1, gaps.size())).as("gaps %s ms", gaps).allSatisfy(gap -> assertThat(gap).isBetween(200L, 450L));
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }
}
