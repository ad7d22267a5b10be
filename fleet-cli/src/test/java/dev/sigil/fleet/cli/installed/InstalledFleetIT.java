package dev.sigil.fleet.cli.installed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The installed fleet, started the way systemd starts it (install.sh into a staging root, the units' ExecStart and
 * EnvironmentFile), against a real PostgreSQL: the runner and the monitor start from their own classpaths, answer
 * /health with 200 and no details, expose metrics promtool accepts, heartbeats flow, and a runner whose lock
 * connection is terminated exits non-zero for systemd to restart it.
 */
class InstalledFleetIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void installedRunnerAndMonitorStartServeHealthAndMetricsAndALostLockEndsTheRunnerForARestart() throws Exception {
        InstalledFleet fleet = InstalledFleet.stage();
        TestDatabase database = TestPostgres.freshDatabase(InstalledFleetIT.class);
        Map<String, String> password = Map.of("SIGIL_DB_PASSWORD", database.password() == null ? "" : database.password());

        InstalledFleet.Result migrate = fleet.fleet(password, "migrate", "--db", withUser(database));
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        InstalledFleet.Result apply = fleet.fleet(Map.of(), "grid", "apply", "baseline", "scanner.scan_interval_seconds=2",
                "--overlays", fleet.path("/etc/sigil/grid-overlays").toString());
        assertThat(apply.exitCode()).as(apply.output()).isZero();

        int runnerPort = freePort();
        Map<String, String> runnerEnvironment = new LinkedHashMap<>(password);
        runnerEnvironment.putAll(Map.of("SIGIL_DB_URL", database.jdbcUrl(), "SIGIL_DB_USER", database.user(), "SIGIL_RUNNER_MARKET", "synthetic",
                "SIGIL_RUNNER_PORT", Integer.toString(runnerPort), "SIGIL_OVERLAYS", fleet.path("/etc/sigil/grid-overlays").toString()));
        try (InstalledFleet.Service runner = fleet.start("sigil-runner@.service", "baseline", runnerEnvironment)) {
            assertThat(runner.command().getFirst()).endsWith("/opt/sigil/bin/sigil-runner");
            long firstEnd = awaitHeartbeat(database, runner, 0);
            awaitHeartbeat(database, runner, firstEnd);

            HttpResponse<String> health = get(runnerPort, "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).as("no details for anonymous callers").isEqualTo("{\"status\":\"UP\"}");
            String metrics = get(runnerPort, "/prometheus").body();
            assertThat(metrics).contains("sigil_bad_candles_total{reason=\"malformed\",variant=\"baseline\"} 0.0")
                    .contains("sigil_ledger_failures_total{operation=\"checkpoint\",variant=\"baseline\"} 0.0")
                    .contains("sigil_guard_events_total{source=\"wallet_truth\",type=\"degraded\",variant=\"baseline\"} 0.0");
            assertPromtoolAccepts("runner", metrics);

            Path fleetFile = fleet.path("/etc/sigil/fleet.yaml");
            Files.writeString(fleetFile, """
                    overlays: %s
                    variants:
                      baseline:
                        database: %s
                        user: %s
                    monitor:
                      check_interval_seconds: 10
                    """.formatted(fleet.path("/etc/sigil/grid-overlays"), database.jdbcUrl(), database.user()));
            int monitorPort = freePort();
            try (InstalledFleet.Service monitor = fleet.start("sigil-monitor.service", "", Map.of("SIGIL_MONITOR_PORT", Integer.toString(monitorPort),
                    "SIGIL_DB_PASSWORD_BASELINE", password.get("SIGIL_DB_PASSWORD"), "SIGIL_DISCORD_WEBHOOK_URL", ""))) {
                awaitLog(monitor, "check: baseline fresh", 60);
                HttpResponse<String> monitorHealth = get(monitorPort, "/health");
                assertThat(monitorHealth.statusCode()).as(monitorHealth.body()).isEqualTo(200);
                assertThat(monitorHealth.body()).isEqualTo("{\"status\":\"UP\"}");
                get(monitorPort, "/prometheus");
                String monitorMetrics = get(monitorPort, "/prometheus").body();
                assertThat(monitorMetrics).contains("sigil_monitor_alerts_failed_total{kind=\"stale\",outcome=\"failed\",variant=\"baseline\"} 0.0")
                        .contains("sigil_monitor_variant_state{variant=\"baseline\"} 0.0");
                assertPromtoolAccepts("monitor", monitorMetrics);
                assertOpsFilesNameExposedMetrics(metrics, monitorMetrics);
                assertThat(monitor.output()).doesNotContain("Exception").doesNotContain("No bean of type");
            }

            try (Connection connection = database.connect(); Statement sql = connection.createStatement();
                 ResultSet killed = sql.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                         + " WHERE application_name = 'sigil-runner baseline'")) {
                killed.next();
                assertThat(killed.getInt(1)).as("the runner's lock connection").isEqualTo(1);
            }
            int exit = runner.awaitExit(30);
            assertThat(exit).as(runner.output()).isEqualTo(69);
            // the unit's class-data archive (named after the jars and the JDK), written by the JVM as it exits, for the next start to map
            try (var archives = Files.list(fleet.path("/var/cache/sigil"))) {
                assertThat(archives.map(Path::getFileName).map(Path::toString).toList()).singleElement(
                        org.assertj.core.api.InstanceOfAssertFactories.STRING).matches("runner-baseline\\.\\d+\\.jsa");
            }
            try (var archives = Files.list(fleet.path("/var/cache/sigil"))) {
                assertThat(archives.findFirst().orElseThrow()).isNotEmptyFile();
            }
            assertThat(runner.output()).contains("lost the database connection that held the runner lock")
                    .doesNotContain("No bean of type").doesNotContain("ERROR [main]");
        }

        try (InstalledFleet.Service restarted = fleet.start("sigil-runner@.service", "baseline", runnerEnvironment)) {
            awaitLog(restarted, "session 2 started", 60);
            assertThat(rows(database, "SELECT end_reason FROM sessions ORDER BY id")).startsWith("lock_lost");
        }
    }

    @Test
    void aStartupFailureIsOneLineAndANonZeroExitNotALingeringJvm() throws Exception {
        InstalledFleet fleet = InstalledFleet.stage();
        int taken;
        try (ServerSocket busy = new ServerSocket(0)) {
            taken = busy.getLocalPort();
            Map<String, String> environment = Map.of("SIGIL_DB_URL", "jdbc:postgresql://127.0.0.1:1/none", "SIGIL_RUNNER_MARKET", "synthetic",
                    "SIGIL_RUNNER_PORT", Integer.toString(taken), "SIGIL_OVERLAYS", fleet.path("/etc/sigil/grid-overlays").toString());
            try (InstalledFleet.Service runner = fleet.start("sigil-runner@.service", "baseline", environment)) {
                int exit = runner.awaitExit(30);
                assertThat(exit).isNotZero();
                assertThat(runner.output()).contains("sigil-runner: cannot start: ").contains("Address already in use")
                        .doesNotContain("\tat io.micronaut");
            }
        }
    }

    static long awaitHeartbeat(TestDatabase database, InstalledFleet.Service service, long after) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.process().isAlive()).as(service.output()).isTrue();
            Optional<String> end = rows(database, "SELECT (extract(epoch FROM last_scan_end) * 1000)::bigint::text FROM scanner_heartbeat"
                    + " WHERE last_scan_end IS NOT NULL").stream().findFirst();
            if (end.isPresent() && Long.parseLong(end.get()) > after) {
                return Long.parseLong(end.get());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no heartbeat after " + after + ":\n" + service.output());
    }

    static void awaitLog(InstalledFleet.Service service, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (service.output().contains(text)) {
                return;
            }
            assertThat(service.process().isAlive()).as(service.output()).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("'" + text + "' not logged within " + seconds + " s:\n" + service.output());
    }

    /** Every metric the shipped dashboard and alert rules query is one the installed runner or monitor exposes. */
    private static void assertOpsFilesNameExposedMetrics(String runnerMetrics, String monitorMetrics) throws IOException {
        java.util.Set<String> exposed = new java.util.HashSet<>(OpsFiles.exposed(runnerMetrics));
        exposed.addAll(OpsFiles.exposed(monitorMetrics));
        OpsFiles.dashboardMetrics().forEach((panel, names) -> assertThat(exposed).as("dashboard panel '" + panel + "'").containsAll(names));
        assertThat(exposed).as("sigil-alerts.yml").containsAll(OpsFiles.ruleMetrics());
    }

    private static void assertPromtoolAccepts(String what, String exposition) throws Exception {
        Optional<Path> promtool = Optional.of(Promtool.require());
        assertThat(Promtool.checkMetrics(promtool.get(), exposition)).as(what + " /prometheus per promtool check metrics").isEmpty();
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String withUser(TestDatabase database) {
        return database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "user=" + database.user();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static java.util.List<String> rows(TestDatabase database, String query) throws Exception {
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (Connection connection = database.connect(); Statement sql = connection.createStatement(); ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
