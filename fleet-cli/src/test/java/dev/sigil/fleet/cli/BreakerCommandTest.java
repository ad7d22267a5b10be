package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresFixture.class)
class BreakerCommandTest {

    @Test
    void tripStatusAndResetAcrossTheFleetWithAnUnreachableVariantStillShown(TestDatabase database, @TempDir Path dir) throws Exception {
        new SchemaMigrator(new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none())).migrate();
        Path fleet = new TestFleetFile().variant("moderate", database).unreachable("unhinged").writeTo(dir.resolve("fleet.yaml"));

        CliRun trip = CliRun.of("breaker", "trip", "moderate", "--fleet", fleet.toString(), "--reason", "exchange maintenance");
        CliRun tripAgain = CliRun.of("breaker", "trip", "moderate", "--fleet", fleet.toString(), "--reason", "again");
        CliRun status = CliRun.of("breaker", "status", "--fleet", fleet.toString());
        CliRun reset = CliRun.of("breaker", "reset", "moderate", "--fleet", fleet.toString(), "--reason", "maintenance over");
        CliRun resetAgain = CliRun.of("breaker", "reset", "moderate", "--fleet", fleet.toString(), "--reason", "again");
        CliRun noReason = CliRun.of("breaker", "reset", "moderate", "--fleet", fleet.toString());

        assertThat(trip.exitCode()).as(trip.toString()).isZero();
        assertThat(trip.out()).contains("moderate: circuit breaker tripped by operator:" + System.getProperty("user.name"));
        assertThat(tripAgain.out()).contains("already tripped; nothing changed");
        assertThat(status.exitCode()).as("one database unreachable").isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(status.out()).containsPattern("moderate +tripped +exchange maintenance").containsPattern("unhinged +unreachable");
        assertThat(reset.out()).contains("moderate: circuit breaker reset by " + System.getProperty("user.name")).contains("was tripped: exchange maintenance");
        assertThat(resetAgain.out()).contains("was not tripped; nothing changed");
        assertThat(noReason.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noReason.err()).contains("Missing required option: '--reason=TEXT'");
    }
}
