package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import dev.sigil.fleet.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresFixture.class)
class MigrateCommandTest {

    @Test
    void migrateAcrossTheFleetReportsEachVariantAndNamesTheOnesItCouldNotReach(@TempDir Path dir) throws IOException {
        TestDatabase baseline = TestPostgres.freshDatabase(MigrateCommandTest.class);
        TestDatabase moderate = TestPostgres.freshDatabase(MigrateCommandTest.class);
        Path fleet = new TestFleetFile().variant("baseline", baseline).variant("moderate", moderate).unreachable("unhinged")
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun run = CliRun.of("migrate", "--fleet", fleet.toString());

        assertThat(run.exitCode()).as("a closed port is unreachable: " + run).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).contains("migrating 3 databases, 3 at once: baseline, moderate, unhinged")
                .contains("database unreachable for: unhinged").doesNotContain("migration failed for");
        assertThat(run.out()).containsPattern("baseline .* none +\\d+ +[1-9]\\d* .* ok").containsPattern("moderate .* none +\\d+ +[1-9]\\d* .* ok")
                .containsPattern("unhinged .* UNREACHABLE: Connection refused");
        assertThat(run.out().indexOf("baseline")).as("in the fleet file's order").isLessThan(run.out().indexOf("moderate"));
        assertThat(run.out().indexOf("moderate")).isLessThan(run.out().indexOf("unhinged"));

        CliRun info = CliRun.of("migrate", "info", "--fleet", fleet.toString(), "--variant", "baseline", "--variant", "moderate");
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).containsPattern("baseline .* (\\d+) +\\1 +0 +current");

        CliRun unreachable = CliRun.of("migrate", "info", "--fleet", fleet.toString(), "--json");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(unreachable.out()).contains("\"state\" : \"unreachable\"");
    }

    @Test
    void aDatabaseThatAnswersButCannotBeMigratedIsAFailureNotUnreachable() {
        TestDatabase server = TestPostgres.freshDatabase(MigrateCommandTest.class);
        String missing = server.jdbcUrl().replace("/" + server.name(), "/no_such_database") + "?user=" + server.user();

        CliRun run = CliRun.of("migrate", "--db", missing, "--variant", "baseline");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).containsPattern("baseline .* FAILED: .*no_such_database");
        assertThat(run.err()).contains("migration failed for: baseline");
    }

    @Test
    void dbOptionAddressesOneDatabaseWithoutAFleetFile() {
        TestDatabase direct = TestPostgres.freshDatabase(MigrateCommandTest.class);
        String url = direct.jdbcUrl() + "?user=" + direct.user();

        CliRun first = CliRun.of("migrate", "--db", url, "--fleet", "/nonexistent/fleet.yaml");
        CliRun second = CliRun.of("migrate", "--db", url, "--json");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("\"applied\" : 0");
    }

    @Test
    void parallelSetsHowManyAtOnceAndRefusesLessThanOne(@TempDir Path dir) throws IOException {
        TestDatabase baseline = TestPostgres.freshDatabase(MigrateCommandTest.class);
        TestDatabase moderate = TestPostgres.freshDatabase(MigrateCommandTest.class);
        Path fleet = new TestFleetFile().variant("baseline", baseline).variant("moderate", moderate).writeTo(dir.resolve("fleet.yaml"));

        CliRun zero = CliRun.of("migrate", "--fleet", fleet.toString(), "--parallel", "0");
        CliRun one = CliRun.of("migrate", "--fleet", fleet.toString(), "--parallel", "1");

        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("--parallel must be at least 1 (it was 0)");
        assertThat(one.exitCode()).as(one.toString()).isZero();
        assertThat(one.err()).contains("migrating 2 databases, 1 at once: baseline, moderate");
        assertThat(one.out()).containsPattern("baseline .* none +(\\d+) .* ok").containsPattern("moderate .* none +(\\d+) .* ok");
    }

    @Test
    void withoutFleetFileOrDbTheCommandSaysWhatToPass() {
        CliRun run = CliRun.of("migrate", "--fleet", "/nonexistent/fleet.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no fleet file at /nonexistent/fleet.yaml: pass --fleet FILE, or --db JDBC_URL");
    }
}
