package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.RunnerCommandLine;
import dev.sigil.fleet.db.DeadServers;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.db.SchemaVersion;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.watch.FleetWatch;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A hundred variant databases on the embedded server (copies of one migrated database with a fresh heartbeat) and
 * five that cannot be reached — refused, two silent servers, two black holes, as {@link DeadServers} makes them —
 * in a fleet file, for the monitor's round, {@code fleet status} and {@code fleet migrate} over a large fleet.
 */
final class FleetOfDatabases implements AutoCloseable {

    static final int REACHABLE = 100;
    static final int UNREACHABLE = 5;

    private final BenchDatabases server;
    private final Path directory;
    private final DeadServers dead;
    private final Path fleet;

    FleetOfDatabases(BenchDatabases server, Path directory) throws Exception {
        this.server = server;
        this.directory = directory;
        DatabaseTarget template = server.fresh("sigil_bench_fleet");
        try (Connection connection = template.connect(); PreparedStatement beat = connection.prepareStatement(
                "INSERT INTO scanner_heartbeat (variant_id, last_scan_start, last_scan_end, updated_at) VALUES (?, now(), now(), now())")) {
            for (int i = 0; i < REACHABLE; i++) {
                beat.setString(1, variant(i));
                beat.addBatch();
            }
            beat.executeBatch();
        }
        recreate(i -> "TEMPLATE sigil_bench_fleet STRATEGY FILE_COPY");
        dead = DeadServers.start();
        List<String> deadUrls = List.of(dead.refusedUrl(), dead.silentUrl(), dead.blackHoleUrl(), dead.silentUrl(), dead.blackHoleUrl());
        StringBuilder yaml = new StringBuilder("variants:\n");
        for (int i = 0; i < REACHABLE; i++) {
            if (i % (REACHABLE / UNREACHABLE) == 0) {
                yaml.append("  dead-").append(i / (REACHABLE / UNREACHABLE)).append(":\n    database: ")
                        .append(deadUrls.get(i / (REACHABLE / UNREACHABLE))).append('\n');
            }
            reachable(yaml, i);
        }
        fleet = Files.writeString(directory.resolve("fleet-of-105.yaml"), yaml.toString());
    }

    private static String variant(int i) {
        return String.format(Locale.ROOT, "v%03d", i);
    }

    private static String database(int i) {
        return "sigil_bench_fleet_" + variant(i);
    }

    /** The fleet file's entry for the {@code i}th reachable variant. */
    private void reachable(StringBuilder yaml, int i) {
        DatabaseTarget target = server.existing(database(i));
        yaml.append("  ").append(variant(i)).append(":\n    database: ").append(target.url()).append('\n')
                .append("    user: ").append(target.user()).append('\n');
    }

    /** (Re-)creates the hundred databases, each with {@code how} ("TEMPLATE ..."). */
    private void recreate(IntFunction<String> how) throws SQLException {
        try (Connection admin = server.maintenance().connect(); Statement sql = admin.createStatement()) {
            for (int i = 0; i < REACHABLE; i++) {
                sql.execute("DROP DATABASE IF EXISTS " + database(i) + " WITH (FORCE)");
                sql.execute("CREATE DATABASE " + database(i) + " " + how.apply(i));
            }
        }
    }

    /** A monitor round over the 105 (the first warms the JIT and the server's caches up): seconds. */
    double monitorRound(FleetWatch monitor) {
        long start = System.nanoTime();
        monitor.check();
        return (System.nanoTime() - start) / 1e9;
    }

    FleetWatch monitor() {
        return new FleetWatch(FleetFile.load(fleet), DiscordWebhookAlerter.of(Secret.none()), Clock.systemUTC(), "bench",
                new SimpleMeterRegistry(), directory.resolve("monitor-unreachable.json"));
    }

    /** {@code fleet status} over the 105 as a user runs it (a new JVM through the launcher): seconds, start to exit. */
    double status() throws IOException, InterruptedException {
        return timeCli(List.of("status", "--fleet", fleet.toString()), 2);
    }

    /**
     * {@code fleet migrate} over a hundred empty databases (the five dead ones left out: a migration has nothing to
     * wait for there but the same timeout): seconds, start to exit.
     */
    double migrate() throws Exception {
        recreate(i -> "TEMPLATE template0");
        StringBuilder yaml = new StringBuilder("variants:\n");
        for (int i = 0; i < REACHABLE; i++) {
            reachable(yaml, i);
        }
        Path empty = Files.writeString(directory.resolve("fleet-of-100-empty.yaml"), yaml.toString());
        return timeCli(List.of("migrate", "--fleet", empty.toString()), 0);
    }

    /** A JVM started and ended through the launcher, doing nothing ({@code fleet --version}): seconds, the floor of any command. */
    double jvmFloor() throws IOException, InterruptedException {
        return timeCli(List.of("--version"), 0);
    }

    /** A new connection to each of the 105 opened and closed, all at once as the commands do: seconds (the reads' floor). */
    double connectFloor() {
        List<DatabaseTarget> targets = FleetFile.load(fleet).variants().values().stream().map(target -> target.database()).toList();
        long start = System.nanoTime();
        FanOut.map(targets, target -> {
            try (Connection connection = target.connect()) {
                return connection.isValid(1);
            } catch (SQLException e) {
                return false;
            }
        });
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The migrations' SQL run raw on a hundred empty databases, as many at once as {@code fleet migrate} takes them, each
     * in one transaction: seconds (migrate's floor).
     */
    double rawMigrateFloor() throws Exception {
        recreate(i -> "TEMPLATE template0");
        String sql = String.join("\n", SchemaVersion.shippedSql());
        List<Integer> indexes = java.util.stream.IntStream.range(0, REACHABLE).boxed().toList();
        long start = System.nanoTime();
        List<String> failures = FanOut.map(indexes, dev.sigil.fleet.cli.MigrateCommand.PARALLEL, i -> {
            try (Connection connection = server.existing(database(i)).connect(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute(sql);
                connection.commit();
                return null;
            } catch (SQLException e) {
                return database(i) + ": " + e.getMessage();
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        failures.stream().filter(java.util.Objects::nonNull).findFirst().ifPresent(failure -> {
            throw new IllegalStateException("the raw migration SQL failed on " + failure);
        });
        return seconds;
    }

    private static double timeCli(List<String> arguments, int expectedExit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(RunnerCommandLine.fleetCommand(arguments)).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("fleet " + arguments.getFirst() + " did not end within 120 s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != expectedExit) {
            String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
            throw new IllegalStateException("fleet " + arguments.getFirst() + " exited " + process.exitValue() + " (expected " + expectedExit + "): "
                    + text.substring(Math.max(0, text.length() - 600)));
        }
        return seconds;
    }

    @Override
    public void close() throws Exception {
        dead.close();
        try (Connection admin = server.maintenance().connect(); Statement sql = admin.createStatement()) {
            for (int i = 0; i < REACHABLE; i++) {
                sql.execute("DROP DATABASE IF EXISTS " + database(i) + " WITH (FORCE)");
            }
        }
    }
}
