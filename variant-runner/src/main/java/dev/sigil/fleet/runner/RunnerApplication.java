package dev.sigil.fleet.runner;

import dev.sigil.fleet.core.concurrent.Threads;
import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.session.RunnerSettings;
import dev.sigil.fleet.session.VariantRunner;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.InvalidConfigException;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.service.StartupFailure;
import dev.sigil.fleet.runner.loop.Watchdog;
import dev.sigil.fleet.market.UnusableKlineFileException;
import dev.sigil.fleet.db.DatabaseWait;
import dev.sigil.fleet.db.InstanceLock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.EmbeddedApplication;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The variant-runner process: Micronaut (for /health, /prometheus and the database pool), the scan loop on its own
 * supervised thread, and a clean stop on SIGTERM/SIGINT — the session's end is written and the process exits 0
 * within 10 seconds, abandoning a cycle that does not finish in time.
 */
public final class RunnerApplication {

    static {
        // the runner's own logging (INFO to stdout for journald), unless the operator points elsewhere; it must be
        // chosen before the first logger exists, and is not named logback.xml so the CLI's stays the default
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "sigil-runner-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(RunnerApplication.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(8);

    private RunnerApplication() {
    }


    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(RunnerArguments.USAGE);
            return;
        }
        Map<String, Object> properties;
        try {
            properties = RunnerArguments.toProperties(args);
        } catch (RunnerArguments.UsageException e) {
            System.err.println("sigil-runner: " + e.getMessage() + " (see sigil-runner --help)");
            exit(RunnerExit.USAGE);
            return;
        } catch (Secret.SecretException e) {
            System.err.println("sigil-runner: " + e.getMessage());
            exit(RunnerExit.INVALID_CONFIG);
            return;
        }
        ApplicationContext context;
        try {
            // not Micronaut.run: it logs a stack and exits 1 on its own; here a failure is one line and our exit code
            context = ApplicationContext.builder().mainClass(RunnerApplication.class).environments(RunnerSettings.ENVIRONMENT).banner(false)
                    .properties(properties).start();
            context.getBean(EmbeddedApplication.class).start();
        } catch (Throwable e) {
            // one line that says what is missing; the JVM must not linger with half-started threads
            System.err.println("sigil-runner: cannot start: " + StartupFailure.describe(e));
            exit(RunnerExit.FAILED);
            return;
        }
        int code = run(context.getBean(VariantRunner.class), Watchdog.HALT);
        context.close();
        exit(code);
    }

    /** Exits with {@code code}; if shutdown hooks hang, halts after a few seconds so systemd sees the code. */
    static void exit(int code) {
        Thread halt = Threads.unstarted("exit-guard", () -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code);
        }, true);
        halt.start();
        System.exit(code);
    }

    /** Runs the variant on a supervised scan thread until it ends; returns the process exit code. */
    public static int run(VariantRunner runner, Watchdog.ProcessExit processExit) {
        EffectiveConfig effective;
        try {
            effective = runner.effectiveConfig();
        } catch (IllegalArgumentException | InvalidConfigException e) {
            LOG.error("not starting: {}", e.getMessage());
            return RunnerExit.INVALID_CONFIG;
        }
        AtomicInteger code = new AtomicInteger(RunnerExit.OK);
        Thread scan = Threads.unstarted("scan-" + runner.variant(), () -> code.set(runSessions(runner)), false);
        long stopRequestedAt = 0;
        installSignalHandlers(runner);
        scan.start();
        Duration stallLimit = Duration.ofSeconds((long) effective.config().scanner().scanIntervalSeconds()
                * effective.config().scanner().stallExitIntervals());
        new Watchdog(runner.liveness(), scan, stallLimit, processExit, System::nanoTime).startDaemon();
        try {
            while (scan.isAlive()) {
                scan.join(200);
                if (stopRequested && stopRequestedAt == 0) {
                    stopRequestedAt = System.nanoTime();
                }
                if (stopRequestedAt != 0 && System.nanoTime() - stopRequestedAt > STOP_GRACE.toNanos() && scan.isAlive()) {
                    LOG.warn("{}: the scan cycle did not finish within {} s of the stop signal; abandoning it", runner.variant(), STOP_GRACE.toSeconds());
                    scan.interrupt();
                    Long session = runner.currentSession();
                    if (session != null) {
                        runner.endSession(session, EndReason.SIGNAL_TERM);
                    }
                    return RunnerExit.OK;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code.get();
    }

    private static volatile boolean stopRequested;

    private static int runSessions(VariantRunner runner) {
        try {
            runner.run(summary -> LOG.info("{}: session {} ended ({}) after {} ticks: equity {} USD, realized {} USD, {} open; cycles {}",
                    runner.variant(), summary.sessionId(), summary.endReason(), summary.ticks(),
                    String.format(java.util.Locale.ROOT, "%.2f", summary.equity()),
                    String.format(java.util.Locale.ROOT, "%.2f", summary.realizedPnl()), summary.openPositions(), summary.cycleTimes()));
            return RunnerExit.OK;
        } catch (InstanceLock.AlreadyRunningException e) {
            LOG.error("not starting: {}", e.getMessage());
            return RunnerExit.ALREADY_RUNNING;
        } catch (VariantRunner.SchemaBehindException e) {
            LOG.error("not starting: {}", e.getMessage());
            return RunnerExit.SCHEMA_BEHIND;
        } catch (IllegalArgumentException | InvalidConfigException e) {
            LOG.error("not starting: {}", e.getMessage());
            return RunnerExit.INVALID_CONFIG;
        } catch (UnusableKlineFileException e) {
            LOG.error("{}: replay stopped: {}", runner.variant(), e.getMessage());
            return RunnerExit.UNUSABLE_DATA;
        } catch (DatabaseWait.LoginRefusedException e) {
            LOG.error("not starting: {} (check SIGIL_DB_URL, SIGIL_DB_USER and SIGIL_DB_PASSWORD or SIGIL_DB_PASSWORD_FILE)", e.getMessage());
            return RunnerExit.LOGIN_REFUSED;
        } catch (DatabaseWait.UnavailableException e) {
            LOG.error("not starting: {}", e.getMessage());
            return RunnerExit.DATABASE_UNAVAILABLE;
        } catch (VariantRunner.DatabaseLostException e) {
            LOG.error("{}: {}; exiting {} so systemd restarts the runner, which resumes after its last durable tick", runner.variant(),
                    e.getMessage(), RunnerExit.DATABASE_UNAVAILABLE);
            return RunnerExit.DATABASE_UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunnerExit.OK;
        } catch (SQLException e) {
            LOG.error("{}: the runner failed on the database: {}", runner.variant(), DatabaseWait.describe(e));
            return RunnerExit.FAILED;
        } catch (Exception e) {
            LOG.error("{}: the runner failed", runner.variant(), e);
            return RunnerExit.FAILED;
        } finally {
            // the scan thread is ending on purpose: the watchdog must not take it for a dead thread
            runner.liveness().finished();
        }
    }

    private static void installSignalHandlers(VariantRunner runner) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("{}: SIG{} received; ending the session", runner.variant(), name);
                    stopRequested = true;
                    runner.requestStop(EndReason.SIGNAL_TERM);
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{} here: {}", name, e.getMessage());
            }
        }
    }
}
