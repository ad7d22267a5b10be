package dev.sigil.fleet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.cli.RunnerCommandLine;
import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.marketdata.ShapedMarket;
import dev.sigil.fleet.market.KlineDumpWriter;
import dev.sigil.fleet.pg.SigilHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code fleet backtest} as a user runs it: a new process through the distribution's launcher, timed wall to wall, on
 * real-shaped minute candles ({@link ShapedMarket}: clustered volatility, trends, crashes, gaps; seeded, written once as
 * Binance daily dumps under {@code $SIGIL_HOME/bench/shaped}) or on real dumps given with {@code --data}. Besides the
 * rates: what the two-hour session boundaries cost (the same replay as one long session) and what following each entry
 * under three more exit configurations costs (shadow exits), each against a run measured beside it.
 */
final class BacktestBench {

    static final List<String> TEN = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "AVAXUSDT", "LINKUSDT", "TSTUSDT");
    private static final long SEED = 20_240_301;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2024-03-01");
    private static final String ONE_SESSION = "scanner.session_duration_seconds=31536000";
    private static final String NO_SHADOWS = "research.shadow_exits=[]";
    private static final String THREE_SHADOWS = "research.shadow_exits=[hard_stop_multiplier=2.0, hard_stop_multiplier=2.5, hard_stop_multiplier=3.0]";

    /** One backtest: its own figure (candles over the seconds it reports) and the wall time of its process. */
    record Run(long candles, double seconds, double startSeconds, double wallSeconds, String endReason) {
        double candlesPerSecond() {
            return candles / seconds;
        }
    }

    private final BenchContext context;
    private final Path realData;

    /** @param realData a directory of real dumps to replay instead of the shaped market (null: the shaped market) */
    BacktestBench(BenchContext context, Path realData) {
        this.context = context;
        this.realData = realData;
    }

    void run() throws Exception {
        Path one = realData != null ? realData : shaped("one", List.of("BTCUSDT"), 34);
        Path ten = realData != null ? realData : shaped("ten", TEN, 30);
        List<String> oneSymbol = realData != null ? List.of("market.symbols=[" + firstSymbol(realData) + "]") : List.of();
        context.progress("fleet backtest, one symbol, unmeasured: a first run of this build records the launcher's AOT cache (JDK 25 on)");
        backtest(one, oneSymbol);
        awaitAotCache();
        // the ratios compare two configurations run in turns (A, B, A, B, ...), so a drift of the machine's speed during
        // the runs (this VM's is 15-20 %) falls on both alike; the default configuration's runs give the one-symbol figures
        Run[] sessions = bestInTurns("one symbol", one, oneSymbol, "one symbol, one long session", plus(oneSymbol, ONE_SESSION));
        Run single = sessions[0];
        Run longSession = sessions[1];
        context.add(BenchFigure.of("backtest.1.candles_per_second", "fleet backtest, one symbol (" + source() + "), the rate it reports",
                single.candlesPerSecond(), Unit.CANDLES_PER_SECOND, 100_000.0, String.format(Locale.ROOT,
                        "%,d candles in %.2f s, of which the runner's start %.2f s (%s)", single.candles(), single.seconds(), single.startSeconds(),
                        single.endReason())));
        context.add(BenchFigure.of("backtest.1.wall_s", "the same, wall to wall (a new JVM through bin/fleet, its database made fresh; on the "
                + "embedded server the bench runs, as after fleet local-db start; a backtest with none running starts and stops one: about 0.7 s more)",
                single.wallSeconds(), Unit.SECONDS, 2.0, null));
        Run many = best("ten symbols", ten, List.of());
        context.add(BenchFigure.of("backtest.10.candles_per_second", "fleet backtest, ten symbols (" + source() + "), the rate it reports",
                many.candlesPerSecond(), Unit.CANDLES_PER_SECOND, 200_000.0, String.format(Locale.ROOT, "%,d candles in %.2f s, wall %.2f s (%s)",
                        many.candles(), many.seconds(), many.wallSeconds(), many.endReason())));
        context.add(BenchFigure.of("backtest.sessions.ratio", "what the two-hour sessions cost: the one-symbol replay over the same as one session",
                single.seconds() / longSession.seconds(), Unit.RATIO, 1.10, String.format(Locale.ROOT, "%.2f s against %.2f s", single.seconds(),
                        longSession.seconds())));
        Run[] shadows = bestInTurns("one symbol, no shadow exits", one, plus(oneSymbol, NO_SHADOWS), "one symbol, three shadow exit configurations",
                plus(oneSymbol, THREE_SHADOWS));
        Run none = shadows[0];
        Run three = shadows[1];
        context.add(BenchFigure.of("backtest.shadows.ratio", "three exit configurations followed per entry (shadow exits) over none",
                three.seconds() / none.seconds(), Unit.RATIO, 1.30, String.format(Locale.ROOT, "%.2f s against %.2f s", three.seconds(), none.seconds())));
    }

    /**
     * Waits (at most a minute) while the launcher makes an AOT cache from a run's recording in the background, so that no
     * measured run shares the cores with it: while a recording ({@code *.conf}) lies beside the caches.
     */
    private static void awaitAotCache() throws IOException, InterruptedException {
        String archive = System.getenv("SIGIL_CLI_CDS_ARCHIVE");
        Path caches;
        if (archive != null) {
            if (archive.isEmpty()) {
                return;
            }
            caches = Path.of(archive).toAbsolutePath().getParent();
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            caches = (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("sigil");
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (Files.isDirectory(caches) && System.nanoTime() < deadline) {
            try (var files = Files.list(caches)) {
                if (files.noneMatch(file -> file.getFileName().toString().endsWith(".conf"))) {
                    return;
                }
            }
            Thread.sleep(250);
        }
    }

    private String source() {
        return realData != null ? "dumps in " + realData : "shaped minute candles";
    }

    private static List<String> plus(List<String> sets, String set) {
        List<String> all = new ArrayList<>(sets);
        all.add(set);
        return all;
    }

    private Run best(String what, Path data, List<String> sets) throws IOException, InterruptedException {
        Run best = null;
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("fleet backtest, " + what + context.runOf(run));
            Run measured = backtest(data, sets);
            best = best == null || measured.seconds() < best.seconds() ? measured : best;
        }
        return best;
    }

    /** The best run of each of two configurations, run in turns, {@code context.repeat} times each. */
    private Run[] bestInTurns(String whatA, Path data, List<String> setsA, String whatB, List<String> setsB) throws IOException, InterruptedException {
        Run[] best = new Run[2];
        for (int run = 1; run <= context.repeat; run++) {
            context.progress("fleet backtest, " + whatA + context.runOf(run));
            Run a = backtest(data, setsA);
            best[0] = best[0] == null || a.seconds() < best[0].seconds() ? a : best[0];
            context.progress("fleet backtest, " + whatB + context.runOf(run));
            Run b = backtest(data, setsB);
            best[1] = best[1] == null || b.seconds() < best[1].seconds() ? b : best[1];
        }
        return best;
    }

    /** One {@code fleet backtest --json} in a new process; its report and its wall time. */
    private Run backtest(Path data, List<String> sets) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("backtest", "--variant", "baseline", "--overlays", context.overlays.toAbsolutePath().toString(),
                "--data", data.toAbsolutePath().toString(), "--json"));
        sets.forEach(set -> arguments.addAll(List.of("--set", set)));
        ProcessBuilder builder = new ProcessBuilder(RunnerCommandLine.fleetCommand(arguments)).redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(600, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("fleet backtest did not end within 600 s");
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("fleet backtest exited " + process.exitValue() + ": " + text.substring(Math.max(0, text.length() - 600)));
        }
        JsonNode json = new ObjectMapper().readTree(text);
        return new Run(json.path("candles").asLong(), json.path("seconds").asDouble(), json.path("runner_start_seconds").asDouble(), wall,
                json.path("end_reasons").asText());
    }

    private static String firstSymbol(Path data) throws IOException {
        try (var files = Files.list(data)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("[A-Z0-9]+-1m-.*")).sorted()
                    .map(name -> name.substring(0, name.indexOf('-'))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no 1m kline dumps in " + data));
        }
    }

    /** The shaped market's dumps for {@code symbols} over {@code days} days, written once and kept (a marker says they are whole). */
    private Path shaped(String name, List<String> symbols, int days) throws IOException {
        Path directory = SigilHome.directory().resolve("bench").resolve("shaped-" + SEED + "-" + name + "-" + days + "d");
        Path done = directory.resolve(".complete");
        if (Files.exists(done)) {
            return directory;
        }
        context.progress("writing " + days + " days of shaped minute candles for " + symbols.size() + " symbol(s) into " + directory);
        Files.createDirectories(directory);
        for (String symbol : symbols) {
            ShapedMarket market = new ShapedMarket(SEED, symbol, Duration.ofMinutes(1), FIRST_DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            for (int d = 0; d < days; d++) {
                LocalDate day = FIRST_DAY.plusDays(d);
                Instant end = day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                List<Candle> candles = new ArrayList<>(1440);
                while (market.nextOpenTime().isBefore(end)) {
                    Candle candle = market.next();
                    if (candle != null) {
                        candles.add(candle);
                    }
                }
                KlineDumpWriter.day(directory, symbol, "1m", day.toString(), candles);
            }
        }
        Files.writeString(done, "shaped market, seed " + SEED + "\n");
        return directory;
    }
}
