package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.testkit.TestFleetFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet compare} on variant databases whose entries are drawn with known R: the verdict is made in R, paired
 * per entry, never in dollars — arms that risk different stakes are not told apart by their stakes — and it names the
 * design it comes from.
 */
class CompareVerdictTest {

    @Test
    void armsWithTheSameRButFourTimesTheStakeAreNotCalledBetter(@TempDir Path dir) throws Exception {
        // both draw R from N(0.1, 1): unhinged makes four times baseline's dollars on every winner and loser
        Path fleet = new TestFleetFile()
                .variant("baseline", TradeDatabases.variant(getClass(), "baseline", new TradeDatabases.Spec(1.5, 5, 120, 0.1, 1.0, null, 0, 1)))
                .variant("unhinged", TradeDatabases.variant(getClass(), "unhinged", new TradeDatabases.Spec(2.5, 20, 120, 0.1, 1.0, null, 0, 2)))
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun run = CliRun.of("compare", "--fleet", fleet.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("arms by exit.hard_stop_multiplier, in R per entry (R = realized P&L after fees ÷ initial risk")
                .containsPattern("shared entries \\(two variants' positions on the same signal candle\\), the verdict's design: 120 entries: [+-]0\\.\\d{3} R/trade")
                .contains("verdict: insufficient evidence (about ").doesNotContain("better by")
                .contains("expectancy$").contains("expectancy R");
    }

    @Test
    void armsThatDifferInRAreToldApartByTheShadowPairsWithTheirInterval(@TempDir Path dir) throws Exception {
        // every entry is followed under the other stop; the 2.5 shadow of a 1.5 position does 0.3 R worse, and vice versa
        Path fleet = new TestFleetFile()
                .variant("baseline", TradeDatabases.variant(getClass(), "baseline", new TradeDatabases.Spec(1.5, 5, 60, 0.2, 1.0, 2.5, 0.3, 3)))
                .variant("moderate", TradeDatabases.variant(getClass(), "moderate", new TradeDatabases.Spec(1.5, 7.5, 60, 0.2, 1.0, 2.5, 0.3, 3)))
                .variant("aggressive", TradeDatabases.variant(getClass(), "aggressive", new TradeDatabases.Spec(2.5, 10, 60, -0.1, 1.0, 1.5, -0.3, 4)))
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun text = CliRun.of("compare", "--fleet", fleet.toString());
        CliRun json = CliRun.of("compare", "--fleet", fleet.toString(), "--json");

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("1.5 vs 2.5 (1.5 − 2.5):")
                .containsPattern("shadow pairs \\(one entry, both exits on the same candles\\), the verdict's design: 60 entries \\(120 taken by several runners, counted once\\): \\+0\\.\\d{3} R/trade")
                .containsPattern("verdict: 1\\.5 better by 0\\.[23]\\d\\d R/trade \\(95 % CI 0\\.\\d{3}…0\\.\\d{3}\\)")
                .contains("A/A noise floor, 1.5 (baseline vs moderate): shared entries 60 entries: +0.000 R/trade");
        JsonNode comparison = new ObjectMapper().readTree(json.out()).get("comparisons").get(0);
        assertThat(comparison.get("better").asText()).isEqualTo("1.5");
        assertThat(comparison.get("verdict_design").asText()).isEqualTo("shadow pairs");
        assertThat(comparison.get("shadow_pairs").get("pairs").asInt()).isEqualTo(60);
        assertThat(comparison.get("shadow_pairs").get("ci95_low").asDouble()).isPositive();
    }

    @Test
    void aFewPairsGiveNoVerdictButSayHowManyMoreAreNeeded(@TempDir Path dir) throws Exception {
        Path fleet = new TestFleetFile()
                .variant("baseline", TradeDatabases.variant(getClass(), "baseline", new TradeDatabases.Spec(1.5, 5, 8, 0.2, 1.0, 2.5, 0.3, 5)))
                .writeTo(dir.resolve("fleet.yaml"));

        CliRun run = CliRun.of("compare", "--fleet", fleet.toString());

        assertThat(run.out()).contains("verdict: insufficient evidence (8 paired entries, at least 30 needed; about ")
                .contains("more paired entries at the current effect)");
    }
}
