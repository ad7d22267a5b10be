package dev.sigil.fleet.cli.bench;

import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.pg.SigilHome;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Measure the fleet and print every figure with its target, the best of --repeat runs each, beside the "
                        + "previous run's figure (read from the results file) and the ratio, so a regression shows at a glance:",
                "  indicators  cost per candle of the engine's incremental indicators, and of ta4j's for comparison",
                "  engine      the pure engine alone, 10 symbols: candles/s and heap bytes allocated per candle",
                "  replay      replay through the runner with its database writes, 10 symbols and one symbol",
                "  backtest    fleet backtest as a user runs it (a new process, wall to wall) on real-shaped minute candles "
                        + "(or --data DIR of real dumps): one symbol and ten, what the two-hour sessions cost, what three shadow "
                        + "exit configurations cost",
                "  runner      a runner process at 500 symbols with its production JVM options and class-data archive, "
                        + "every cycle live-style (heartbeat, breaker, truth check, checkpoint): cycle median and p99 (also with commits "
                        + "waiting for the WAL flush, as on a production server), a live cycle with its candle recording (a live "
                        + "runner with the same options, its waits between cycles skipped), peak RSS, "
                        + "and what native memory tracking says the memory is made of; and the peak RSS of a live runner at "
                        + "500 symbols through its start, its indicators' warm-up and first cycle",
                "  start       runner start (launcher to first heartbeat in the database), alone and four at once, "
                        + "with the class-data archive the first start wrote",
                "  fleet       over 100 variant databases and 5 unreachable ones: a monitor round, fleet status, and "
                        + "fleet migrate of 100 empty databases",
                "Runs on the embedded default PostgreSQL (databases sigil_bench_*, made fresh). Takes about ten minutes "
                        + "(--only SECTION for less). Figures, not a test: it exits 0 whether or not targets are met. Run it "
                        + "on a quiet machine, and compare runs of the same machine only."})
public final class BenchCommand implements Callable<Integer> {

    /** The JVM options systemd/sigil-runner@.service starts the runner with (the launcher's default). */
    public static final String RUNNER_JVM_OPTIONS = "-Xms8m -Xmx128m -Xmn6m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+ExitOnOutOfMemoryError";

    /** The parts of the bench, in the order they run. */
    enum Section { indicators, engine, replay, backtest, runner, start, fleet }

    @Spec
    CommandSpec spec;

    @Option(names = "--only", paramLabel = "SECTION", split = ",",
            description = "Run only these sections (repeatable or comma-separated): ${COMPLETION-CANDIDATES}. Default: all.")
    Set<Section> only;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "3", description = "Runs of each measurement; the best counts (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--candles", paramLabel = "N", defaultValue = "20000",
            description = "Minute candles per symbol for the 10-symbol replay and the engine figure (default: ${DEFAULT-VALUE}).")
    int candles;

    @Option(names = "--one-symbol-candles", paramLabel = "N", defaultValue = "48000",
            description = "Minute candles for the one-symbol replay (default: ${DEFAULT-VALUE}, about five weeks).")
    int oneSymbolCandles;

    @Option(names = "--cycles", paramLabel = "N", defaultValue = "300", description = "Cycles of each 500-symbol session: a warm-up session, then the one measured (default: ${DEFAULT-VALUE}).")
    int cycles;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Real kline dumps (fleet data fetch) for the backtest section instead of the shaped market; its one-symbol "
                    + "run takes the first symbol.")
    Path data;

    @Option(names = "--overlays", paramLabel = "DIR", defaultValue = "grid-overlays", description = "Grid overlays directory (default: ${DEFAULT-VALUE}).")
    Path overlays;

    @Option(names = "--results", paramLabel = "FILE",
            description = "Where the figures are kept between runs: read for the ratios, then the figures measured replaced "
                    + "(the other sections' kept, each with when it was taken; default: $SIGIL_HOME/bench/results.tsv).")
    Path results;

    @Option(names = "--no-save", description = "Compare with the results file but leave it as it is.")
    boolean noSave;

    private BenchContext context;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
        }
        context = new BenchContext(repeat, overlays, spec.commandLine().getErr());
        if (!dev.sigil.fleet.cli.FleetCommand.verbose()) {
            // the runners the bench starts in this process log their guard episodes at WARN: the runner's lines, not the
            // bench's (--verbose shows them)
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.sigil.fleet")).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        Set<Section> sections = only == null || only.isEmpty() ? EnumSet.allOf(Section.class) : EnumSet.copyOf(only);
        Path file = results != null ? results : SigilHome.directory().resolve("bench").resolve("results.tsv");
        Map<String, Double> previous = BenchResults.read(file);
        String previousRun = BenchResults.describe(file);
        SigilConfig baseline = new GridOverlays(overlays).resolve(new GridOverlays(overlays).overlayOf("baseline"), List.of()).config();
        new CoreBench(context, candles).run(sections.contains(Section.indicators), sections.contains(Section.engine) ? baseline : null);
        if (!Collections.disjoint(sections, EnumSet.of(Section.replay, Section.backtest, Section.runner, Section.start, Section.fleet))) {
            Path archives = Files.createTempDirectory("sigil-bench-cds");
            try (BenchDatabases databases = BenchDatabases.start(context.err())) {
                if (sections.contains(Section.replay)) {
                    new ReplayBench(context, candles, oneSymbolCandles).run(databases);
                }
                if (sections.contains(Section.backtest)) {
                    new BacktestBench(context, data).run();
                }
                RunnerProcesses processes = new RunnerProcesses(overlays, RUNNER_JVM_OPTIONS, archives);
                new RunnerBench(context, cycles).run(databases, processes, baseline, sections.contains(Section.runner), sections.contains(Section.start));
                if (sections.contains(Section.fleet)) {
                    new FleetBench(context).run(databases);
                }
            } finally {
                dev.sigil.fleet.cli.Directories.deleteTree(archives);
            }
        }
        print(previous, previousRun, file);
        if (!noSave) {
            BenchResults.write(file, context.figures, about());
        }
        return 0;
    }

    private List<String> about() {
        Runtime runtime = Runtime.getRuntime();
        return List.of(
                String.format(Locale.ROOT, "machine: %d cores, %s %s", runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch")),
                "java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                "bench JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                "runner JVM options (processes): " + RUNNER_JVM_OPTIONS,
                "best of " + repeat + " runs each");
    }

    private void print(Map<String, Double> previous, String previousRun, Path file) {
        PrintWriter out = spec.commandLine().getOut();
        List<List<String>> rows = new ArrayList<>();
        for (BenchFigure figure : context.figures) {
            Double before = previous.get(figure.key());
            rows.add(List.of(figure.measure(), Double.isNaN(figure.value()) ? "not measurable here" : figure.unit().format(figure.value()),
                    figure.targetText(), figure.target() == null ? "" : figure.met() ? "met" : "MISSED",
                    before == null ? "-" : figure.unit().format(before), before == null ? "-" : figure.against(before)));
            if (!figure.detail().isEmpty()) {
                rows.add(List.of("  " + figure.detail(), "", "", "", "", ""));
            }
        }
        out.println(dev.sigil.fleet.cli.Tables.render(List.of("measure", "best of " + repeat, "target", "", "previous", "ratio"), rows));
        long withTarget = context.figures.stream().filter(figure -> figure.target() != null).count();
        long met = context.figures.stream().filter(figure -> figure.target() != null && figure.met()).count();
        out.printf(Locale.ROOT, "%d of %d figures with a target meet it.%n", met, withTarget);
        context.notes.forEach(out::println);
        about().forEach(line -> out.println(line));
        out.println(previousRun == null ? "previous: none (" + file + " did not exist)" : "previous: " + previousRun + " (" + file + "; a figure kept from an earlier run says when there)");
        if (!noSave) {
            out.println("figures saved to " + file);
        }
        out.flush();
    }
}
