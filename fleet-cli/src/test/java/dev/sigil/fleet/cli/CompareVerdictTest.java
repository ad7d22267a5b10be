package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet compare} on four variant databases whose trades are drawn with known means: the variants are grouped
 * into the grid's arms by their sessions' hard-stop multiplier, and the verdict names the better arm — or says the
 * evidence is not there yet.
 */
class CompareVerdictTest {

    private static TestDatabase variant(String name, double multiplier, int trades, double mean, long seed) throws Exception {
        return TradeDatabases.variant(CompareVerdictTest.class, name, multiplier, trades, mean, seed);
    }

    @Test
    void theVariantsAreGroupedIntoArmsAndTheBetterArmIsNamedWithItsInterval(@TempDir Path dir) throws Exception {
        Path fleet = new TestFleetFile().variant("baseline", variant("baseline", 1.5, 40, -0.6, 1)).variant("moderate", variant("moderate", 1.5, 40, -0.4, 2))
                .variant("aggressive", variant("aggressive", 2.5, 40, 0.6, 3)).variant("unhinged", variant("unhinged", 2.5, 40, 0.8, 4))
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun text = CliRun.of("compare", "--fleet", fleet.toString());
        CliRun json = CliRun.of("compare", "--fleet", fleet.toString(), "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("arms by exit.hard_stop_multiplier: 1.5 (baseline, moderate; 80 trades) · 2.5 (aggressive, unhinged; 80 trades)")
                .containsPattern("verdict: 2\\.5 better by 1\\.\\d{3} USD/trade \\(95 % CI 0\\.\\d{3}…1\\.\\d{3}, p < 0\\.001\\)")
                .contains("expectancy R").contains("profit factor").contains("Sharpe");
        JsonNode result = new ObjectMapper().readTree(json.out());
        assertThat(result.get("by").asText()).isEqualTo("exit.hard_stop_multiplier");
        assertThat(result.get("variants")).hasSize(4);
        assertThat(result.get("variants").get(0).get("metrics").get("arm").asText()).isIn("1.5", "2.5");
        JsonNode comparison = result.get("comparisons").get(0);
        assertThat(comparison.get("first").asText()).isEqualTo("1.5");
        assertThat(comparison.get("expectancy_difference_usd").asDouble()).isNegative();
        assertThat(comparison.get("ci95_high").asDouble()).isNegative();
        assertThat(comparison.get("p_value").asDouble()).isLessThan(0.05);
        assertThat(comparison.get("paired_days").asInt()).isPositive();
    }

    @Test
    void aFewTradesGiveNoVerdictButSayHowManyMoreAreNeeded(@TempDir Path dir) throws Exception {
        Path fleet = new TestFleetFile().variant("baseline", variant("baseline", 1.5, 8, -0.2, 5)).variant("aggressive", variant("aggressive", 2.5, 9, 0.3, 6))
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun run = CliRun.of("compare", "--fleet", fleet.toString());

        assertThat(run.out()).contains("verdict: insufficient evidence: 8 trades in the smaller arm, at least 30 needed")
                .containsPattern("about \\d+ more per arm");
    }
}
