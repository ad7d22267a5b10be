package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import dev.sigil.fleet.watch.FleetWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Over a fleet of 100 variant databases and 5 unreachable ones: a monitor round, fleet status, fleet migrate. */
final class FleetBench {

    private final BenchContext context;

    FleetBench(BenchContext context) {
        this.context = context;
    }

    void run(BenchDatabases databases) throws Exception {
        fleet(databases);
    }

    private void fleet(BenchDatabases databases) throws Exception {
        context.progress("making 100 variant databases and 5 unreachable ones");
        Path directory = Files.createTempDirectory("sigil-bench-fleet");
        try (FleetOfDatabases fleet = new FleetOfDatabases(databases, directory)) {
            double round = Double.MAX_VALUE;
            double first;
            // the monitor's alerts about the five databases the bench made unreachable are not news (--verbose shows them)
            boolean quiet = !org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).isInfoEnabled();
            List<ch.qos.logback.classic.Logger> monitorLogs = Stream.of("dev.sigil.fleet.watch", "dev.sigil.fleet.discord")
                    .map(name -> (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).toList();
            List<ch.qos.logback.classic.Level> levels = monitorLogs.stream().map(ch.qos.logback.classic.Logger::getLevel).toList();
            if (quiet) {
                monitorLogs.forEach(log -> log.setLevel(ch.qos.logback.classic.Level.OFF));
            }
            try (FleetWatch monitor = fleet.monitor()) {
                context.progress("monitor round over 105 variant databases (a first round, then " + context.repeat + ")");
                first = fleet.monitorRound(monitor);
                for (int run = 1; run <= context.repeat; run++) {
                    round = Math.min(round, fleet.monitorRound(monitor));
                }
            } finally {
                for (int i = 0; i < monitorLogs.size(); i++) {
                    monitorLogs.get(i).setLevel(levels.get(i));
                }
            }
            context.add(BenchFigure.of("monitor.round_s", "a monitor round over 100 variant databases + 5 unreachable", round, Unit.SECONDS, 2.0,
                    String.format(Locale.ROOT, "the first round after start: %.2f s", first)));
            double jvm = Double.MAX_VALUE;
            double connections = Double.MAX_VALUE;
            double status = Double.MAX_VALUE;
            for (int run = 1; run <= context.repeat; run++) {
                context.progress("floors: a JVM through the launcher, and a new connection to each of the 105" + context.runOf(run));
                jvm = Math.min(jvm, fleet.jvmFloor());
                connections = Math.min(connections, fleet.connectFloor());
                context.progress("fleet status over 105 variant databases" + context.runOf(run));
                status = Math.min(status, fleet.status());
            }
            double statusFloor = jvm + connections;
            context.add(BenchFigure.of("status.s", "fleet status over 100 variants + 5 unreachable (a new JVM, start to exit)", status, Unit.SECONDS, null,
                    String.format(Locale.ROOT, "its floor in this run: %.2f s (a JVM through the launcher %.2f s + a connection to each of the 105 at once %.2f s)",
                            statusFloor, jvm, connections)));
            context.add(BenchFigure.of("status.floor_ratio", "fleet status over its floor", status / statusFloor, Unit.RATIO, 1.3, null));
            double raw = Double.MAX_VALUE;
            double migrate = Double.MAX_VALUE;
            for (int run = 1; run <= context.repeat; run++) {
                context.progress("floor: the migrations' SQL run raw on 100 empty databases" + context.runOf(run));
                raw = Math.min(raw, fleet.rawMigrateFloor());
                context.progress("fleet migrate of 100 empty variant databases" + context.runOf(run));
                migrate = Math.min(migrate, fleet.migrate());
            }
            double migrateFloor = jvm + raw;
            context.add(BenchFigure.of("migrate.s", "fleet migrate, 100 empty variant databases to the latest schema (a new JVM, start to exit)",
                    migrate, Unit.SECONDS, null, String.format(Locale.ROOT, "its floor in this run: %.2f s (a JVM %.2f s + the migrations' SQL run raw "
                            + "on the 100 at once %.2f s)", migrateFloor, jvm, raw)));
            context.add(BenchFigure.of("migrate.floor_ratio", "fleet migrate over its floor", migrate / migrateFloor, Unit.RATIO, 1.5, null));
        } finally {
            dev.sigil.fleet.cli.Directories.deleteTree(directory);
        }
    }
}
