package dev.sigil.fleet.db;

import dev.sigil.fleet.db.heartbeat.HeartbeatStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The heartbeat written on the connection that holds the instance lock is the cycle's lock check, on a real PostgreSQL. */
@ExtendWith(PostgresFixture.class)
class InstanceLockTest {

    @Test
    void aHeartbeatOnTheLockConnectionSaysWhetherTheLockIsStillHeld(TestDatabase database) throws Exception {
        DatabaseTarget target = new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none());
        new SchemaMigrator(target).migrate();
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        try (InstanceLock lock = InstanceLock.acquire(target.dataSource(), "baseline"); Connection admin = database.connect();
             Statement sql = admin.createStatement()) {
            long session = count(sql, "INSERT INTO sessions (variant_id, started_at, duration_limit_s, config_hash, config_json)"
                    + " VALUES ('baseline', now(), 0, 'h', '{}') RETURNING id");
            assertThat(lock.whileHeld(connection -> HeartbeatStore.scanStarted(connection, "baseline", session, at, "host-a", 42))).isTrue();
            List<String> commits = new ArrayList<>();
            lock.whileHeld(connection -> commits.add(show(connection)));
            assertThat(commits).as("heartbeats do not wait for the WAL flush").containsExactly("off");
            assertThat(count(sql, "SELECT count(*) FROM scanner_heartbeat WHERE variant_id = 'baseline' AND pid = 42 AND session_id = " + session))
                    .as("written in autocommit: seen by another connection at once").isEqualTo(1);

            assertThatThrownBy(() -> lock.whileHeld(connection -> {
                try (Statement wrong = connection.createStatement()) {
                    wrong.execute("SELECT no_such_column FROM scanner_heartbeat");
                }
            }))
                    .as("a failed statement on a live connection is an error, not a lost lock").isInstanceOf(SQLException.class);
            assertThat(lock.whileHeld(connection -> HeartbeatStore.scanEnded(connection, "baseline", at.plusSeconds(1), at, 5)))
                    .as("the connection is usable after the failed statement").isTrue();

            assertThat(count(sql, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'sigil-runner baseline'"))
                    .as("the lock's connection").isEqualTo(1);
            assertThat(lock.whileHeld(connection -> HeartbeatStore.scanStarted(connection, "baseline", session, at.plusSeconds(60), "host-a", 42)))
                    .as("the session that held the lock is gone: so is the lock").isFalse();
            assertThat(count(sql, "SELECT pg_try_advisory_lock(" + dev.sigil.fleet.db.AdvisoryKeys.instance("baseline") + ")::int"))
                    .as("free for the next runner").isEqualTo(1);
        }
    }

    @Test
    void aHeartbeatThatHangsPastTheLimitIsALostLockNotAHang(TestDatabase database) throws Exception {
        DatabaseTarget target = new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none());
        try (InstanceLock lock = InstanceLock.acquire(target.dataSource(), "moderate", java.time.Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            boolean held = lock.whileHeld(connection -> {
                try (Statement slow = connection.createStatement()) {
                    slow.execute("SELECT pg_sleep(20)");
                }
            });
            assertThat(held).as("the driver gives the connection up after the limit, and the lock with it").isFalse();
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void aPooledConnectionGoesBackWithTheCommitSettingItCameWith(TestDatabase database) throws Exception {
        try (Connection pooled = database.connect(); Statement init = pooled.createStatement()) {
            init.execute("SET synchronous_commit TO local");
            List<String> during = new ArrayList<>();
            try (InstanceLock lock = InstanceLock.acquire(onePooledConnection(pooled), "aggressive")) {
                lock.whileHeld(connection -> during.add(show(connection)));
            }
            assertThat(during).as("heartbeats do not wait for the flush").containsExactly("off");
            assertThat(show(pooled)).as("the connection, given back as it came").isEqualTo("local");
        }
    }

    /** A pool of one: hands out {@code connection} and takes it back at close (as a pool does, the session kept). */
    private static javax.sql.DataSource onePooledConnection(Connection connection) {
        Connection handedOut = (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> method.getName().equals("close") ? null : invoke(method, connection, arguments));
        return (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(javax.sql.DataSource.class.getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        return handedOut;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String show(Connection connection) throws SQLException {
        try (Statement show = connection.createStatement(); ResultSet row = show.executeQuery("SHOW synchronous_commit")) {
            row.next();
            return row.getString(1);
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
