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
    void migrateAcrossTheFleetReportsEachVariantAndNamesTheOnesThatFailed(@TempDir Path dir) throws IOException {
        TestDatabase baseline = TestPostgres.freshDatabase(MigrateCommandTest.class);
        TestDatabase moderate = TestPostgres.freshDatabase(MigrateCommandTest.class);
        Path fleet = new TestFleetFile().variant("baseline", baseline).variant("moderate", moderate).unreachable("unhinged")
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun run = CliRun.of("migrate", "--fleet", fleet.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("migrating baseline (1/3)").contains("migrating unhinged (3/3)")
                .contains("migration failed for: unhinged");
        assertThat(run.out()).containsPattern("baseline .* none +(\\d+) +\\1 .* ok").containsPattern("moderate .* none +(\\d+) +\\1 .* ok")
                .containsPattern("unhinged .* FAILED: ");

        CliRun info = CliRun.of("migrate", "info", "--fleet", fleet.toString(), "--variant", "baseline", "--variant", "moderate");
        assertThat(info.exitCode()).as(info.toString()).isZero();
        assertThat(info.out()).containsPattern("baseline .* (\\d+) +\\1 +0 +current");

        CliRun unreachable = CliRun.of("migrate", "info", "--fleet", fleet.toString(), "--json");
        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(unreachable.out()).contains("\"state\" : \"unreachable\"");
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
    void withoutFleetFileOrDbTheCommandSaysWhatToPass() {
        CliRun run = CliRun.of("migrate", "--fleet", "/nonexistent/fleet.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no fleet file at /nonexistent/fleet.yaml: pass --fleet FILE, or --db JDBC_URL");
    }
}
