package dev.sigil.fleet.config.overlay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.config.ConfigProblem;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.InvalidConfigException;
import dev.sigil.fleet.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's real overlays, and what happens to malformed ones. */
class GridOverlaysTest {

    private final GridOverlays repo = new GridOverlays(RepoFiles.gridOverlays());

    @Test
    void everyShippedOverlayIsValidAndTheGridSplitsTheStopMultiplier() {
        assertThat(repo.overlays()).extracting(path -> path.getFileName().toString())
                .containsExactly("aggressive.yaml", "baseline.yaml", "moderate.yaml", "unhinged.yaml");
        assertThat(repo.validate(repo.base())).isEmpty();
        for (Path overlay : repo.overlays()) {
            assertThat(repo.validate(overlay)).as(overlay.toString()).isEmpty();
        }
        assertThat(multiplier("baseline")).isEqualTo(1.5);
        assertThat(multiplier("moderate")).isEqualTo(1.5);
        assertThat(multiplier("aggressive")).isEqualTo(2.5);
        assertThat(multiplier("unhinged")).isEqualTo(2.5);
    }

    @Test
    void baselineIsTheBaseAndOtherVariantsDifferOnlyWhereTheirOverlaySays() {
        EffectiveConfig base = repo.resolve(repo.base(), List.of());
        assertThat(base.diff(repo.resolve(repo.overlayOf("baseline"), List.of()))).isEmpty();
        assertThat(base.diff(repo.resolve(repo.overlayOf("aggressive"), List.of())).keySet()).containsExactlyInAnyOrder(
                "exit.hard_stop_multiplier", "sizing.risk_per_trade_usd", "sizing.max_position_usd",
                "entry.max_open_positions", "entry.cooldown_hours", "guard.max_exposure_pct", "risk.max_daily_loss_usd");
    }

    @Test
    void setPairsOverrideTheOverlayAndAreValidatedLikeIt() {
        EffectiveConfig effective = repo.resolve(repo.overlayOf("baseline"), List.of("exit.hard_stop_multiplier=2.0", "market.symbols=[BTCUSDT]"));
        assertThat(effective.config().exit().hardStopMultiplier()).isEqualTo(2.0);
        assertThat(effective.config().market().symbols()).containsExactly("BTCUSDT");
        assertThat(effective.origins()).containsEntry("exit.hard_stop_multiplier", "--set");

        assertThatThrownBy(() -> repo.resolve(repo.overlayOf("baseline"), List.of("exit.hard_stop_multiplier=-1", "nonsense")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("--set: nonsense: must look like section.key=value")
                .hasMessageContaining("exit.hard_stop_multiplier");
    }

    @Test
    void everyBadSetPairIsReportedAtOnceWhateverItsKindOfProblem() {
        assertThatThrownBy(() -> repo.resolve(repo.overlayOf("baseline"), List.of("nonsense", "foo.bar=1", "exit.hard_stop_floor_pct=99")))
                .isInstanceOf(InvalidConfigException.class)
                .satisfies(error -> assertThat(((InvalidConfigException) error).problems()).extracting(ConfigProblem::path)
                        .contains("nonsense", "exit.hard_stop_floor_pct").anyMatch(path -> path.contains("foo")));
    }

    @Test
    void malformedOverlayFileIsRejectedWithAllItsErrorsAndItsName(@TempDir Path dir) throws IOException {
        Files.copy(repo.base(), dir.resolve("base.yaml"));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                exit:
                  hard_stop_multiplier: lots
                  hard_stop_cap_pct: 0
                sizing:
                  max_position_usd: 50
                  risk_per_trade: 5
                """);

        List<ConfigProblem> problems = new GridOverlays(dir).validate(broken);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                broken + ": sizing.risk_per_trade: unknown key — did you mean sizing.risk_per_trade_usd? (known: sizing.risk_per_trade_usd, sizing.max_position_usd, sizing.position_pct)",
                broken + ": exit.hard_stop_multiplier = 'lots': is not a number (allowed: a number from 0 to 20)",
                broken + ": exit.hard_stop_cap_pct = 0: is out of range (allowed: a number from 0.1 to 90)");
    }

    @Test
    void yamlThatDoesNotParseSaysWhere(@TempDir Path dir) throws IOException {
        Files.copy(repo.base(), dir.resolve("base.yaml"));
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "exit:\n  hard_stop_multiplier: 2.5\n   trail: [\n");
        Path twice = Files.writeString(dir.resolve("twice.yaml"), "exit:\n  hard_stop_multiplier: 2.5\n  hard_stop_multiplier: 1.5\n");

        assertThat(new GridOverlays(dir).validate(bad)).singleElement().asString().contains(bad + ": (file): is not valid YAML at line 3");
        assertThat(new GridOverlays(dir).validate(twice)).singleElement().asString().contains("hard_stop_multiplier").contains("duplicate");
        assertThat(new GridOverlays(dir).validate(dir.resolve("missing.yaml"))).singleElement().asString().contains("does not exist");
    }

    @Test
    void configJsonIsCanonicalAndItsHashFollowsTheValues() {
        EffectiveConfig baseline = repo.resolve(repo.overlayOf("baseline"), List.of());
        String json = ConfigJson.json(baseline);
        assertThat(json).startsWith("{\"entry\":{\"cooldown_hours\":6.0,\"max_open_positions\":5}");
        assertThat(ConfigJson.hash(json)).hasSize(64).isEqualTo(ConfigJson.hash(ConfigJson.json(repo.resolve(repo.base(), List.of()))));
        assertThat(ConfigJson.hash(ConfigJson.json(repo.resolve(repo.overlayOf("aggressive"), List.of())))).isNotEqualTo(ConfigJson.hash(json));
    }

    private double multiplier(String variant) {
        return repo.resolve(repo.overlayOf(variant), List.of()).config().exit().hardStopMultiplier();
    }
}
