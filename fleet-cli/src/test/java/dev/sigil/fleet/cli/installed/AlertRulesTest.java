package dev.sigil.fleet.cli.installed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped alert rules as Prometheus reads them: {@code promtool check rules}, their unit tests
 * ({@code promtool test rules}: each rule fires when and only when it should) and the example scrape config. Which
 * metrics they and the dashboard name is checked against what the installed runner and monitor expose, in
 * {@link InstalledFleetIT}.
 */
class AlertRulesTest {

    @BeforeAll
    static void promtool() {
        Promtool.require();
    }

    @Test
    void theRulesAreValidAndTheirUnitTestsPass() throws Exception {
        assertThat(Promtool.run(OpsFiles.prometheus(), "check", "rules", "sigil-alerts.yml")).isEmpty();
        assertThat(Promtool.run(OpsFiles.prometheus(), "test", "rules", "sigil-alerts.test.yml")).isEmpty();
    }

    @Test
    void theExampleScrapeConfigIsValidAndLoadsTheRules() throws Exception {
        assertThat(Promtool.run(OpsFiles.prometheus(), "check", "config", "prometheus.example.yml")).isEmpty();
    }

    @Test
    void everyDashboardPanelQueriesASigilMetric() throws Exception {
        Map<String, Set<String>> panels = OpsFiles.dashboardMetrics();

        assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
        panels.forEach((title, metrics) -> assertThat(metrics).as(title).isNotEmpty());
        assertThat(panels.keySet()).contains("Equity", "Drawdown from the peak in range", "Open positions", "Mode", "Circuit breaker",
                "Heartbeat age", "Candle lag", "Exits by reason");
    }
}
