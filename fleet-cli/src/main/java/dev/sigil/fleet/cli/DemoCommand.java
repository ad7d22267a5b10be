package dev.sigil.fleet.cli;

import dev.sigil.fleet.io.fleet.DatabaseTarget;
import dev.sigil.fleet.io.overlay.GridOverlays;
import dev.sigil.fleet.io.report.VariantReport;
import dev.sigil.fleet.runner.SessionSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Run the fleet locally with nothing installed: the embedded PostgreSQL (data in $SIGIL_HOME/pg, default "
                        + "~/.sigil/pg), one fresh database per variant (sigil_demo_VARIANT), and all four variants trading on "
                        + "paper over the same seeded synthetic market (one-minute candles, a meme coin included), side by side.",
                "Ends with a comparison: trades, exit-reason mix, win rate, average win and loss, expectancy, P&L. "
                        + "Remove the data with: fleet local-db remove --yes"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlaysDirectory;

    @Option(names = "--candles", paramLabel = "N", defaultValue = "6000", description = "One-minute candles per symbol to trade through (default: ${DEFAULT-VALUE}, about four days).")
    long candles;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the synthetic market (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        GridOverlays overlays = new GridOverlays(overlaysDirectory);
        List<String> variants = overlays.overlays().stream().map(path -> path.getFileName().toString().replace(".yaml", "")).toList();
        for (String variant : variants) {
            overlays.resolve(overlays.overlayOf(variant), List.of());
        }
        err.println("[1/4] embedded PostgreSQL");
        try (EmbeddedDefault embedded = EmbeddedDefault.start(err)) {
            err.println("[2/4] fresh databases, migrated: " + String.join(", ", variants.stream().map(v -> "sigil_demo_" + v).toList()));
            err.flush();
            Map<String, DatabaseTarget> databases = new LinkedHashMap<>();
            for (String variant : variants) {
                databases.put(variant, embedded.freshDatabase("sigil_demo_" + variant.replaceAll("[^a-z0-9_]", "_")));
            }
            err.printf(Locale.ROOT, "[3/4] trading %s on the same synthetic market (seed %d, %d one-minute candles per symbol)%n",
                    String.join(", ", variants), seed, candles);
            err.flush();
            Map<String, List<SessionSummary>> results = runAll(databases, err);
            err.println("[4/4] results");
            List<VariantReport> reports = new ArrayList<>();
            for (String variant : variants) {
                try (Connection connection = databases.get(variant).connect()) {
                    List<SessionSummary> sessions = results.get(variant);
                    reports.add(VariantReport.ofSessions(connection, variant, sessions.getFirst().sessionId(), sessions.getLast().sessionId()));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(Reports.comparison(reports));
            out.println(Reports.endings(reports));
            out.println("databases: " + embedded.jdbcUrl("sigil_demo_<variant>") + " (kept; delete with: fleet local-db remove --yes)");
        }
        return ExitCodes.OK;
    }

    private Map<String, List<SessionSummary>> runAll(Map<String, DatabaseTarget> databases, PrintWriter err) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(databases.size());
        Map<String, RunnerLauncher> launchers = new LinkedHashMap<>();
        Map<String, Future<List<SessionSummary>>> running = new LinkedHashMap<>();
        try {
            for (var entry : databases.entrySet()) {
                RunnerLauncher launcher = new RunnerLauncher(entry.getValue(), Map.of("variant", entry.getKey(),
                        "overlays", overlaysDirectory.toAbsolutePath().toString(), "market", "synthetic", "synthetic-seed", seed,
                        "synthetic-steps", candles, "after-session", "exit"));
                launchers.put(entry.getKey(), launcher);
                running.put(entry.getKey(), pool.submit(launcher::run));
            }
            long total = candles * 10;
            try (Progress ignored = new Progress(err, 2000, () -> {
                List<String> parts = new ArrayList<>();
                launchers.forEach((variant, launcher) -> parts.add(String.format(Locale.ROOT, "%s %.0f %%", variant,
                        Math.min(100.0, 100.0 * launcher.candles() / total))));
                return "      " + String.join(" · ", parts);
            })) {
                Map<String, List<SessionSummary>> results = new LinkedHashMap<>();
                for (var entry : running.entrySet()) {
                    results.put(entry.getKey(), entry.getValue().get());
                }
                return results;
            }
        } finally {
            pool.shutdownNow();
            launchers.values().forEach(RunnerLauncher::close);
        }
    }
}
