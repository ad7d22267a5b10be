package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleet report} as a command: where it writes, what it says, and what it refuses (the browser test looks at the file). */
class ReportCommandTest {

    @Test
    void theReportReplacesTheFileAtomicallyAndCarriesTheVerdictAndTheTableAsText(@TempDir Path dir) throws Exception {
        Path fleet = new TestFleetFile().variant("baseline", TradeDatabases.variant(getClass(), "baseline", 1.5, 12, -0.2, 11))
                .variant("aggressive", TradeDatabases.variant(getClass(), "aggressive", 2.5, 12, 0.3, 12)).writeTo(dir.resolve("fleet.yaml"));
        Path report = dir.resolve("report.html");
        Files.writeString(report, "an older report");

        CliRun run = CliRun.of("report", "--fleet", fleet.toString(), "--out", report.toString(), "--since", "2025-04-01", "--until", "2025-05-01");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("report: " + report + " (2 variants, " + (Files.size(report) + 512) / 1024 + " KB)\n");
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("sessions started from 2025-04-01 to before 2025-05-01")
                .contains("2 variants by exit.hard_stop_multiplier: baseline 1.5, aggressive 2.5")
                .contains("<p class=\"verdict\">1.5 vs 2.5: insufficient evidence (12 paired entries, at least 30 needed")
                .contains("<th>expectancy R</th>").contains("<th scope=\"row\">aggressive</th>")
                .contains("echarts").doesNotContain("{{");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("fleet.yaml", "report.html");
        }
    }

    @Test
    void aConfigValueThatLooksLikeMarkupStaysText(@TempDir Path dir) throws Exception {
        TestDatabase database = TradeDatabases.variant(getClass(), "baseline", 1.5, 3, 0.1, 13);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE sessions SET config_json = jsonb_set(config_json, '{exit,hard_stop_multiplier}', to_jsonb('</script><b>&'::text))");
        }
        Path report = dir.resolve("report.html");

        CliRun run = CliRun.of("report", "--fleet", new TestFleetFile().variant("baseline", database).writeTo(dir.resolve("fleet.yaml")).toString(),
                "--out", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String html = Files.readString(report);
        assertThat(html).doesNotContain("</script><b>").contains("baseline &lt;/script&gt;&lt;b&gt;&amp;").contains("\\u003c/script\\u003e\\u003cb\\u003e\\u0026");
    }

    @Test
    void aMissingDirectoryIsAUsageErrorThatNamesIt(@TempDir Path dir) {
        Path missing = dir.resolve("reports");

        CliRun run = CliRun.of("report", "--db", "jdbc:postgresql://127.0.0.1:1/none", "--out", missing.resolve("r.html").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("the directory " + missing + " does not exist (create it first)");
        assertThat(missing).doesNotExist();
    }

    @Test
    void outIsRequired() {
        CliRun run = CliRun.of("report");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option: '--out=FILE'");
    }
}
