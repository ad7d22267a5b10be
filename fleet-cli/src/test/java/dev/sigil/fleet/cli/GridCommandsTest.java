package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GridCommandsTest {

    private final String overlays = RepoFiles.gridOverlays().toString();

    @Test
    void validateWithoutFilesChecksTheBaseAndEveryOverlay() {
        CliRun run = CliRun.of("grid", "validate", "--overlays", overlays);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().filter(line -> line.startsWith("ok"))).hasSize(5);
    }

    @Test
    void validateOfAMalformedOverlayPrintsEveryProblemAndExits65(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                exit:
                  hard_stop_multiplier: 25
                  trail_atr_multipler: 2
                entry:
                  max_open_positions: many
                """);

        CliRun run = CliRun.of("grid", "validate", "--overlays", overlays, broken.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID_CONFIG);
        assertThat(run.out()).contains("INVALID  " + broken + " (3 problems)")
                .contains(broken + ": exit.hard_stop_multiplier = 25: is out of range (allowed: a number from 0 to 20)")
                .contains(broken + ": exit.trail_atr_multipler: unknown key — did you mean exit.trail_atr_multiplier?")
                .contains(broken + ": entry.max_open_positions = 'many': is not a whole number");
    }

    @Test
    void showPrintsEveryKeyByFullPathWithItsOrigin() {
        CliRun run = CliRun.of("grid", "show", "aggressive", "--overlays", overlays);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("exit\\.hard_stop_multiplier +2\\.5 +overlay")
                .containsPattern("exit\\.hard_stop_floor_pct +3\\.0 +base")
                .contains("config hash ");
    }

    @Test
    void showAsJsonCarriesTheHashAndSetPreviewsAnOverride() {
        CliRun run = CliRun.of("grid", "show", "baseline", "--overlays", overlays, "--json", "--set", "exit.max_hold_minutes=240");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("\"config_hash\"").contains("\"exit.max_hold_minutes\" : 240").contains("\"exit.max_hold_minutes\" : \"--set\"");
    }

    @Test
    void diffPrintsOnlyTheKeysThatDiffer() {
        CliRun run = CliRun.of("grid", "diff", "baseline", "aggressive", "--overlays", overlays);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("exit\\.hard_stop_multiplier +1\\.5 +2\\.5")
                .doesNotContain("hard_stop_floor_pct").doesNotContain("market.symbols");
        assertThat(CliRun.of("grid", "diff", "baseline", "baseline", "--overlays", overlays).out()).contains("same effective config");
    }

    @Test
    void unknownVariantNamesTheOverlaysThatExist() {
        CliRun run = CliRun.of("grid", "show", "cautious", "--overlays", overlays);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no overlay for variant 'cautious'").contains("aggressive, baseline, moderate, unhinged");
    }
}
