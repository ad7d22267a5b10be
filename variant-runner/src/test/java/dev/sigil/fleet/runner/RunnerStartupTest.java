package dev.sigil.fleet.runner;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.session.RunnerHarness;
import dev.sigil.fleet.session.VariantRunner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.db.InstanceLock;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a runner refuses at start-up, and why it says so. */
@ExtendWith(PostgresFixture.class)
class RunnerStartupTest {

    @Test
    void runnerRefusesADatabaseBehindTheCodeAndNamesTheMigrateCommand() {
        TestDatabase empty = TestPostgres.freshDatabase(RunnerStartupTest.class);
        try (RunnerHarness harness = RunnerHarness.start(empty, "variant", "moderate", "market", "synthetic", "synthetic-steps", 10)) {
            assertThatThrownBy(harness::runToEnd)
                    .isInstanceOf(VariantRunner.SchemaBehindException.class)
                    .hasMessageContaining("schema version none")
                    .hasMessageContaining("run: fleet migrate --variant moderate");
        }
    }

    @Test
    void secondRunnerOnTheSameDatabaseIsRefusedWithWhoHoldsIt() throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(RunnerStartupTest.class);
        RunnerHarness.migrate(database);
        try (RunnerHarness first = RunnerHarness.start(database, "variant", "baseline", "market", "synthetic");
             RunnerHarness second = RunnerHarness.start(database, "variant", "baseline", "market", "synthetic")) {
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    first.runToEnd();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (first.count("SELECT count(*) FROM scanner_heartbeat WHERE last_scan_end IS NOT NULL") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThatThrownBy(second::runToEnd)
                    .isInstanceOf(InstanceLock.AlreadyRunningException.class)
                    .hasMessageMatching("variant baseline is already running \\(host .+, pid " + ProcessHandle.current().pid() + ", since .+\\)");
            assertThat(RunnerApplication.run(second.runner(), (code, why) -> { })).isEqualTo(RunnerExit.ALREADY_RUNNING);

            first.runner().requestStop(EndReason.SIGNAL_TERM);
            running.get(15, TimeUnit.SECONDS);
            assertThat(first.text("SELECT end_reason FROM sessions")).isEqualTo("signal_term");
        }
    }

    @Test
    void invalidSetPairIsRefusedBeforeAnythingStarts() {
        TestDatabase database = TestPostgres.freshDatabase(RunnerStartupTest.class);
        try (RunnerHarness harness = RunnerHarness.start(database, "variant", "baseline", "sets", java.util.List.of("exit.hard_stop_cap_pct=99"))) {
            assertThat(RunnerApplication.run(harness.runner(), (code, why) -> { })).isEqualTo(RunnerExit.INVALID_CONFIG);
        }
    }
}
