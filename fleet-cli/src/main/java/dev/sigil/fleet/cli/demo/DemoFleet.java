package dev.sigil.fleet.cli.demo;

import dev.sigil.fleet.cli.EmbeddedDefault;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.watch.FleetWatch;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import dev.sigil.fleet.discord.FakeDiscordServer;
import dev.sigil.fleet.pg.SigilHome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The demo's script: databases, fake Discord, four runner processes, the monitor, a kill -9 and a restart, then
 * status and comparison. Everything it prints goes through {@link #say} with the seconds since it began.
 */
public final class DemoFleet {

    private static final int CHECK_SECONDS = 10;
    private static final int STALE_AFTER_SECONDS = 20;

    /** Runs a fleet command in this process, printing to the writer given (the demo ends with status and compare). */
    @FunctionalInterface
    public interface FleetCommands {
        int execute(PrintWriter out, String... arguments);
    }

    private final PrintWriter out;
    private final FleetCommands commands;
    private final Path overlays;
    private final long candles;
    private final double pace;
    private final long seed;
    private final String victim;
    private final long started = System.nanoTime();
    private final Path home = SigilHome.directory().resolve("demo");
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    public DemoFleet(PrintWriter out, FleetCommands commands, Path overlays, long candles, double pace, long seed, String victim) {
        this.out = out;
        this.commands = commands;
        this.overlays = overlays.toAbsolutePath();
        this.candles = candles;
        this.pace = pace;
        this.seed = seed;
        this.victim = victim;
    }

    private synchronized void say(String text) {
        out.printf(Locale.ROOT, "[%4d s] %s%n", (System.nanoTime() - started) / 1_000_000_000L, text);
        out.flush();
    }

    public int run() throws Exception {
        GridOverlays grid = new GridOverlays(overlays);
        List<String> variants = grid.overlays().stream().map(path -> path.getFileName().toString().replace(".yaml", "")).toList();
        variants.forEach(variant -> grid.resolve(grid.overlayOf(variant), List.of()));
        Files.createDirectories(home.resolve("logs"));
        say("1/6 embedded PostgreSQL and four fresh variant databases");
        try (EmbeddedDefault embedded = EmbeddedDefault.start(new PrintWriter(PrintWriter.nullWriter()));
             FakeDiscordServer discord = FakeDiscordServer.start(message -> say("      Discord ← " + message.text()))) {
            Map<String, DatabaseTarget> databases = new LinkedHashMap<>();
            for (String variant : variants) {
                databases.put(variant, embedded.freshDatabase("sigil_demo_" + variant.replaceAll("[^a-z0-9_]", "_")));
            }
            Path fleetFile = writeFleet(databases, discord);
            say("2/6 a local fake Discord listens at " + discord.webhookUrl().resolve("/").toString() + " and prints what would be posted");
            say("3/6 starting the runners as separate processes (logs in " + home.resolve("logs") + "): " + String.join(", ", variants));
            Map<String, DemoRunnerProcess> runners = new LinkedHashMap<>();
            for (String variant : variants) {
                DemoRunnerProcess runner = new DemoRunnerProcess(variant, databases.get(variant), overlays, runnerArguments(), home.resolve("logs").resolve(variant + ".log"));
                Files.deleteIfExists(runner.log());
                runner.start();
                runners.put(variant, runner);
                watched.add(variant);
            }
            FleetFile fleet = FleetFile.load(fleetFile);
            await(() -> databases.values().stream().allMatch(database -> progress(database) > 0), Duration.ofSeconds(120));
            say("      every runner has written its first heartbeat");
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
            try (FleetWatch monitor = new FleetWatch(fleet, DiscordWebhookAlerter.of(fleet.settings().discord().webhookUrl()), Clock.systemUTC(),
                    "demo", new SimpleMeterRegistry(), home.resolve("monitor-unreachable.json"))) {
                say("4/6 the monitor checks every " + CHECK_SECONDS + " s (a scanner is stale after " + STALE_AFTER_SECONDS + " s without a cycle)");
                scheduler.scheduleWithFixedDelay(() -> check(monitor, databases), CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
                if (runners.containsKey(victim)) {
                    killAndRestart(runners.get(victim), databases.get(victim), discord);
                } else {
                    say("5/6 (no runner killed: --kill " + victim + ")");
                }
                for (DemoRunnerProcess runner : runners.values()) {
                    int code = runner.awaitExit();
                    watched.remove(runner.variant());
                    say(runner.variant() + " runner finished its replay (exit " + code + ")");
                }
            } finally {
                scheduler.shutdownNow();
                runners.values().forEach(DemoRunnerProcess::stop);
            }
            say("6/6 fleet status and the comparison");
            out.println();
            commands.execute(out, "status", "--fleet", fleetFile.toString());
            commands.execute(out, "compare", "--fleet", fleetFile.toString());
            out.println("The killed runner's breaker stays tripped until a person resets it:");
            out.println("  ./fleet breaker reset " + victim + " --fleet " + fleetFile + " --reason \"checked: the crash was the demo\"");
            out.println("Fleet file " + fleetFile + ", runner logs " + home.resolve("logs") + ", databases " + embedded.jdbcUrl("sigil_demo_<variant>")
                    + " (kept; delete with: ./fleet local-db remove --yes)");
        }
        return 0;
    }

    private List<String> runnerArguments() {
        return List.of("--market", "synthetic", "--synthetic-steps", Long.toString(candles),
                "--synthetic-seed", Long.toString(seed), "--replay-ticks-per-second", Double.toString(pace), "--after-session", "exit");
    }

    private void killAndRestart(DemoRunnerProcess runner, DatabaseTarget database, FakeDiscordServer discord) throws Exception {
        String variant = runner.variant();
        await(() -> progress(database) >= 0.25, Duration.ofSeconds(90));
        say("5/6 kill -9 of the " + variant + " runner (pid " + runner.pid() + "): no clean exit, no session end, its heartbeat stops");
        int before = discord.received().size();
        runner.kill();
        watched.add(variant);
        await(() -> discord.received().stream().skip(before).anyMatch(message -> message.text().startsWith("⚠ " + variant + ": scanner stale")),
                Duration.ofSeconds(90));
        say("      " + variant + "'s circuit breaker: " + breaker(database));
        say("      restarting the " + variant + " runner: it closes its dead session as aborted and resumes where the replay stopped");
        runner.start();
        await(() -> discord.received().stream().skip(before).anyMatch(message -> message.text().startsWith("✅ " + variant + " recovered")),
                Duration.ofSeconds(90));
    }

    private void check(FleetWatch monitor, Map<String, DatabaseTarget> databases) {
        try {
            List<FleetWatch.Observation> observations = monitor.check(watched::contains);
            say("monitor: " + observations.stream().map(o -> o.variant() + " " + o.state().token()
                    + String.format(Locale.ROOT, " %.0f%%", 100 * progress(databases.get(o.variant())))).collect(Collectors.joining(" · ")));
        } catch (RuntimeException e) {
            say("monitor check failed: " + e.getMessage());
        }
    }

    /** How far a runner's replay is, from the newest candle in its heartbeat. */
    private double progress(DatabaseTarget database) {
        try (Connection connection = database.connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT extract(epoch FROM newest_candle_time - '2025-01-01T00:00:00Z'::timestamptz) FROM scanner_heartbeat")) {
            return row.next() ? Math.min(1.0, row.getDouble(1) / 60.0 / candles) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private static String breaker(DatabaseTarget database) {
        try (Connection connection = database.connect();
             ResultSet row = connection.createStatement().executeQuery("SELECT state || ' (' || reason || ', by ' || tripped_by || ')' FROM circuit_breaker")) {
            return row.next() ? row.getString(1) : "closed";
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo waited " + timeout.toSeconds() + " s for something that did not happen; see the runner logs");
            }
            Thread.sleep(250);
        }
    }

    private Path writeFleet(Map<String, DatabaseTarget> databases, FakeDiscordServer discord) throws Exception {
        Path webhook = home.resolve("discord-webhook");
        Files.deleteIfExists(webhook);
        Files.createFile(webhook, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(webhook, discord.webhookUrl().toString());
        StringBuilder yaml = new StringBuilder("# written by fleet demo\noverlays: " + overlays + "\nvariants:\n");
        databases.forEach((variant, database) -> yaml.append("  ").append(variant).append(":\n    database: ").append(database.url())
                .append("\n    user: ").append(database.user()).append('\n'));
        yaml.append("monitor:\n  check_interval_seconds: ").append(CHECK_SECONDS).append("\n  stale_after_seconds: ").append(STALE_AFTER_SECONDS)
                .append("\n  data_stale_after_seconds: 60\n  stuck_after_seconds: 15\n  realert_minutes: 60\n  flap_threshold: 3\n");
        yaml.append("discord:\n  webhook_url_file: ").append(webhook).append('\n');
        return Files.writeString(home.resolve("fleet.yaml"), yaml.toString());
    }
}
