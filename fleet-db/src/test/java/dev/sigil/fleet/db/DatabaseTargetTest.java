package dev.sigil.fleet.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A dead database costs at most the login timeout, and is told apart from one that answered and refused. */
@ExtendWith(PostgresFixture.class)
class DatabaseTargetTest {

    private static Throwable connect(String url, String user) {
        return catchThrowable(() -> {
            try (Connection connection = new DatabaseTarget(url, user, Secret.none()).connect()) {
                connection.isValid(1);
            }
        });
    }

    @Test
    void refusedSilentAndBlackHoledDatabasesAreUnreachableWithinTheLoginTimeout() throws Exception {
        try (DeadServers dead = DeadServers.start()) {
            for (String url : new String[] {dead.refusedUrl(), dead.silentUrl(), dead.blackHoleUrl()}) {
                long start = System.nanoTime();
                Throwable failure = connect(url, "sigil");
                double seconds = (System.nanoTime() - start) / 1e9;

                assertThat(failure).as(url).isNotNull();
                assertThat(DatabaseTarget.unreachable(failure)).as(url + ": " + failure).isTrue();
                // 1.5 s login timeout; without it a silent server holds the connection for as long as it likes
                assertThat(seconds).as("%s gave up after %.2f s", url, seconds).isLessThan(4.0);
            }
        }
    }

    @Test
    void aDatabaseThatAnswersAndRefusesIsNotUnreachable(TestDatabase database) {
        String missing = database.jdbcUrl().replace("/" + database.name(), "/no_such_database");

        Throwable failure = connect(missing, database.user());

        assertThat(failure).hasMessageContaining("no_such_database");
        assertThat(DatabaseTarget.unreachable(failure)).isFalse();
        assertThat(connect(database.jdbcUrl(), database.user())).isNull();
    }
}
