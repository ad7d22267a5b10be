package dev.sigil.fleet.db.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresFixture.class)
class BreakerStoreTest {

    private static TestDatabase database;

    @BeforeAll
    static void migrate(TestDatabase given) {
        database = given;
        new SchemaMigrator(new DatabaseTarget(given.jdbcUrl(), given.user(), Secret.none())).migrate();
    }

    @Test
    void aVariantWithoutARowIsClosedAndTripAndResetAreAuditedOnlyWhenTheyChangeSomething() throws Exception {
        try (Connection connection = database.connect()) {
            assertThat(BreakerStore.tripped(connection, "baseline")).isFalse();
            assertThat(BreakerStore.trip(connection, "baseline", "stale_heartbeat", "monitor")).isTrue();
            assertThat(BreakerStore.trip(connection, "baseline", "max_drawdown", "risk_manager")).as("already tripped").isFalse();
            BreakerStore.Status tripped = BreakerStore.status(connection, "baseline");
            assertThat(tripped.tripped()).isTrue();
            assertThat(tripped.reason()).as("the first reason stands").isEqualTo("stale_heartbeat");
            assertThat(tripped.trippedBy()).isEqualTo("monitor");

            assertThat(BreakerStore.reset(connection, "baseline", "scanner restarted, checked the logs", "alice")).isTrue();
            assertThat(BreakerStore.reset(connection, "baseline", "again", "alice")).isFalse();
            BreakerStore.Status reset = BreakerStore.status(connection, "baseline");
            assertThat(reset.tripped()).isFalse();
            assertThat(reset.resetBy()).isEqualTo("alice");
            assertThat(reset.resetReason()).isEqualTo("scanner restarted, checked the logs");

            assertThat(BreakerStore.events(connection, "baseline", 10)).extracting(e -> e.event() + " " + e.reason() + " " + e.actor())
                    .containsExactly("reset scanner restarted, checked the logs alice", "trip stale_heartbeat monitor");
        }
    }

    @Test
    void twoResetsAtOnceGiveOneEvent() throws Exception {
        try (Connection connection = database.connect()) {
            BreakerStore.trip(connection, "unhinged", "halt:degraded_episode_cap", "runner");
        }
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String actor = "operator" + i;
            results.add(pool.submit(() -> {
                try (Connection connection = database.connect()) {
                    go.await();
                    return BreakerStore.reset(connection, "unhinged", "all clear", actor);
                }
            }));
        }
        go.countDown();
        int changed = 0;
        for (Future<Boolean> result : results) {
            changed += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(changed).isEqualTo(1);
        try (Connection connection = database.connect()) {
            assertThat(BreakerStore.events(connection, "unhinged", 10)).extracting(BreakerStore.Event::event).containsExactly("reset", "trip");
        }
    }
}
