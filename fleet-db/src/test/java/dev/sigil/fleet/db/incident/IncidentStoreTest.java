package dev.sigil.fleet.db.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.db.incident.IncidentStore.BreakerTrip;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The monitor trips a variant's breaker at most once per incident, also when monitors race. */
@ExtendWith(PostgresFixture.class)
class IncidentStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static TestDatabase database;

    @BeforeAll
    static void migrate(TestDatabase given) {
        database = given;
        new SchemaMigrator(new DatabaseTarget(given.jdbcUrl(), given.user(), Secret.none())).migrate();
    }

    private static IncidentStore.Incident open(String variant, Instant at) throws SQLException {
        try (Connection connection = database.connect()) {
            return IncidentStore.openOrTouch(connection, variant, "stale", at, at.minusSeconds(1500), "no scan cycle", false).incident();
        }
    }

    private static BreakerTrip trip(IncidentStore.Incident incident, Instant at) {
        try (Connection connection = database.connect()) {
            return IncidentStore.tripBreakerOnce(connection, incident.id(), incident.variant(), "stale_heartbeat", "monitor", at);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void reset(String variant) throws SQLException {
        try (Connection connection = database.connect()) {
            assertThat(BreakerStore.reset(connection, variant, "checked the runner", "alice")).isTrue();
        }
    }

    private static BreakerStore.Status breaker(String variant) throws SQLException {
        try (Connection connection = database.connect()) {
            return BreakerStore.status(connection, variant);
        }
    }

    @Test
    void monitorsRacingOnOneIncidentTripOnceAndAPersonsResetHoldsUntilANewIncident() throws Exception {
        IncidentStore.Incident incident = open("moderate", T0);
        CountDownLatch allReady = new CountDownLatch(8);

        List<BreakerTrip> racers = FanOut.map(IntStream.range(0, 8).boxed().toList(), racer -> {
            allReady.countDown();
            try {
                allReady.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return trip(incident, T0);
        });

        assertThat(racers).containsOnlyOnce(BreakerTrip.TRIPPED).filteredOn(outcome -> outcome != BreakerTrip.TRIPPED)
                .hasSize(7).containsOnly(BreakerTrip.CLAIMED_BEFORE);
        assertThat(breaker("moderate").tripped()).isTrue();

        reset("moderate");
        assertThat(trip(incident, T0.plusSeconds(300))).isEqualTo(BreakerTrip.CLAIMED_BEFORE);
        assertThat(trip(open("moderate", T0.plusSeconds(600)), T0.plusSeconds(600))).as("the same open incident, seen again")
                .isEqualTo(BreakerTrip.CLAIMED_BEFORE);
        assertThat(breaker("moderate").tripped()).as("the person's reset holds").isFalse();

        try (Connection connection = database.connect()) {
            IncidentStore.recover(connection, "moderate", T0.plusSeconds(900));
            assertThat(IncidentStore.all(connection, "moderate")).singleElement()
                    .satisfies(closed -> assertThat(closed.breakerTrippedAt()).isEqualTo(T0));
        }
        IncidentStore.Incident next = open("moderate", T0.plusSeconds(3600));
        assertThat(next.id()).isNotEqualTo(incident.id());
        assertThat(trip(next, T0.plusSeconds(3600))).as("a new incident trips again").isEqualTo(BreakerTrip.TRIPPED);
        try (Connection connection = database.connect()) {
            assertThat(BreakerStore.events(connection, "moderate", 10)).extracting(BreakerStore.Event::event).containsExactly("trip", "reset", "trip");
        }
    }

    @Test
    void anIncidentAlertedBeforeTheUpgradeIsNotTrippedAgainAfterIt() throws Exception {
        TestDatabase old = TestPostgres.freshDatabase(IncidentStoreTest.class);
        DatabaseTarget target = new DatabaseTarget(old.jdbcUrl(), old.user(), Secret.none());
        Flyway.configure(SchemaMigrator.class.getClassLoader()).dataSource(target.dataSource()).locations(SchemaMigrator.LOCATION).target("2")
                .load().migrate();
        try (Connection connection = old.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO monitor_incidents (variant_id, kind, opened_at, last_seen_at, alerted_at, alerts)"
                    + " VALUES ('alerted', 'stale', '2026-03-02T09:00:00Z', now(), '2026-03-02T09:00:00Z', 1)");
            sql.execute("INSERT INTO monitor_incidents (variant_id, kind, opened_at, last_seen_at)"
                    + " VALUES ('never-alerted', 'stale', '2026-03-02T09:00:00Z', now())");
        }

        new SchemaMigrator(target).migrate();

        try (Connection connection = old.connect()) {
            assertThat(IncidentStore.all(connection, "alerted")).singleElement()
                    .satisfies(incident -> assertThat(incident.breakerTrippedAt()).isEqualTo(T0));
            IncidentStore.Incident neverAlerted = IncidentStore.all(connection, "never-alerted").getFirst();
            assertThat(neverAlerted.breakerTrippedAt()).as("the old rule kept tripping it: trip it once more, then never").isNull();
            assertThat(IncidentStore.tripBreakerOnce(connection, IncidentStore.all(connection, "alerted").getFirst().id(), "alerted",
                    "stale_heartbeat", "monitor", T0.plusSeconds(300))).isEqualTo(BreakerTrip.CLAIMED_BEFORE);
        }
    }

    @Test
    void aBreakerAlreadyTrippedWhenTheIncidentOpensCountsAsTheIncidentsTrip() throws Exception {
        try (Connection connection = database.connect()) {
            BreakerStore.trip(connection, "unhinged", "halt:degraded_episode_cap", "runner");
        }
        IncidentStore.Incident incident = open("unhinged", T0);

        assertThat(trip(incident, T0)).isEqualTo(BreakerTrip.WAS_TRIPPED);
        assertThat(breaker("unhinged").reason()).as("the runner's reason stands").isEqualTo("halt:degraded_episode_cap");
        reset("unhinged");
        assertThat(trip(incident, T0.plusSeconds(300))).isEqualTo(BreakerTrip.CLAIMED_BEFORE);
        assertThat(breaker("unhinged").tripped()).isFalse();
    }

    @Test
    void anAlertClaimHoldsOnlyOnTheAlertCountItWasDecidedFrom() throws Exception {
        IncidentStore.Incident incident = open("aggressive", T0);
        try (Connection connection = database.connect()) {
            assertThat(IncidentStore.claimAlert(connection, incident.id(), "monitor-one", T0, 0)).isTrue();
            assertThat(IncidentStore.claimAlert(connection, incident.id(), "monitor-two", T0, 0)).as("a live claim of another").isFalse();
            IncidentStore.alertDelivered(connection, incident.id(), "monitor-one", T0);

            assertThat(IncidentStore.claimAlert(connection, incident.id(), "monitor-two", T0.plusSeconds(1), 0))
                    .as("decided on no alert yet, but one went out meanwhile").isFalse();
            assertThat(IncidentStore.claimAlert(connection, incident.id(), "monitor-two", T0.plusSeconds(3600), 1)).as("the reminder").isTrue();
        }
    }
}
