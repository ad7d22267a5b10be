package dev.sigil.fleet.cli.data;

import dev.sigil.fleet.pg.SigilHome;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = {
                "Download Binance spot kline dumps from data.binance.vision (or a mirror with its layout, --source): for each symbol and "
                        + "month, the monthly file SYMBOL-INTERVAL-YYYY-MM.zip; for a month not published monthly yet (the current "
                        + "one, or the first days after it ends), its daily files instead, up to yesterday (UTC).",
                "Each file is checked against its .CHECKSUM (SHA-256) before it is kept, and written atomically: a partial or "
                        + "mismatched download never stays in the directory. A re-run skips the files verified before (their "
                        + ".CHECKSUM files are kept beside them); a monthly file replaces the daily ones of its month.",
                "The directory (default $SIGIL_HOME/data/INTERVAL, one interval per directory) is what 'fleet backtest --data DIR' reads.",
                "Exit 0 when every file asked for is there and verified; 1 when one did not match its checksum, could not be fetched or "
                        + "is not published (each named); 64 for a wrong command line."},
        footer = {"", "Examples:",
                "  fleet data fetch BTCUSDT ETHUSDT --from 2024-01 --to 2024-06",
                "  fleet data fetch SOLUSDT --interval 1h --from 2023-01 --dir ~/klines/sol-1h",
                "  fleet backtest --variant baseline --data ~/.sigil/data/1m"})
final class DataFetchCommand implements Callable<Integer> {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,20}");
    private static final Set<String> INTERVALS = Set.of("1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SYMBOL", description = "Spot symbols, e.g. BTCUSDT.")
    List<String> symbols;

    @Option(names = "--interval", paramLabel = "INTERVAL", defaultValue = "1m", description = "Candle interval (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM", description = "First month.")
    YearMonth from;

    @Option(names = "--to", paramLabel = "YYYY-MM", description = "Last month (default: the current one, UTC).")
    YearMonth to;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the files go (default: $SIGIL_HOME/data/INTERVAL).")
    Path dir;

    @Option(names = "--source", paramLabel = "URL", description = "The dumps' base URL (default: https://data.binance.vision/): a mirror "
            + "with the same layout.")
    URI source;

    /** Today (UTC), for what is published yet; a test sets the clock. */
    static Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> wanted = symbols.stream().map(symbol -> symbol.toUpperCase(Locale.ROOT)).distinct().toList();
        for (String symbol : wanted) {
            if (!SYMBOL.matcher(symbol).matches()) {
                throw new IllegalArgumentException("'" + symbol + "' is not a spot symbol (letters and digits, e.g. BTCUSDT)");
            }
        }
        if (!INTERVALS.contains(interval)) {
            throw new IllegalArgumentException("--interval " + interval + " is not one of Binance's: " + String.join(", ", INTERVALS.stream().sorted().toList()));
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        YearMonth last = to != null ? to : YearMonth.from(today);
        if (last.isBefore(from)) {
            throw new IllegalArgumentException("--to " + last + " is before --from " + from);
        }
        if (last.isAfter(YearMonth.from(today))) {
            throw new IllegalArgumentException("--to " + last + " is in the future (today is " + today + ", UTC)");
        }
        Path directory = dir != null ? dir : SigilHome.directory().resolve("data").resolve(interval);
        Files.createDirectories(directory);
        BinanceVision vision = new BinanceVision(source != null ? source : BinanceVision.DEFAULT_SOURCE, duration -> Thread.sleep(duration.toMillis()));
        Tally tally = new Tally();
        List<YearMonth> months = Stream.iterate(from, month -> !month.isAfter(last), month -> month.plusMonths(1)).toList();
        int total = wanted.size() * months.size();
        int done = 0;
        err.printf(Locale.ROOT, "fetching %s %s candles, %s to %s, into %s%n", String.join(", ", wanted), interval, from, last, directory);
        for (String symbol : wanted) {
            for (YearMonth month : months) {
                done++;
                fetchMonth(vision, symbol, month, today, directory, tally, out, String.format(Locale.ROOT, "(%d/%d)", done, total));
            }
        }
        out.println(tally.summary(directory));
        return tally.complete() ? 0 : 1;
    }

    private void fetchMonth(BinanceVision vision, String symbol, YearMonth month, LocalDate today, Path directory, Tally tally, PrintWriter out,
                            String position) throws Exception {
        String base = "data/spot/%s/klines/" + symbol + "/" + interval + "/" + symbol + "-" + interval + "-";
        BinanceVision.Result monthly = YearMonth.from(today).equals(month) ? null : vision.fetch(base.formatted("monthly") + month + ".zip", directory);
        if (monthly != null && monthly.outcome() != BinanceVision.Outcome.NOT_PUBLISHED) {
            tally.add(monthly);
            out.println(line(monthly, position));
            out.flush();
            if (monthly.outcome() == BinanceVision.Outcome.FETCHED || monthly.outcome() == BinanceVision.Outcome.ALREADY_HERE) {
                supersedeDailies(directory, symbol, month);
            }
            return;
        }
        // not published monthly (yet): the month's daily files, up to yesterday
        LocalDate end = month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today.minusDays(1);
        List<String> missing = new ArrayList<>();
        int daily = 0;
        for (LocalDate day = month.atDay(1); !day.isAfter(end); day = day.plusDays(1)) {
            BinanceVision.Result result = vision.fetch(base.formatted("daily") + day + ".zip", directory);
            if (result.outcome() == BinanceVision.Outcome.NOT_PUBLISHED) {
                missing.add(day.toString().substring(8));
                continue;
            }
            daily++;
            tally.add(result);
            out.println(line(result, position));
            out.flush();
        }
        String monthName = symbol + "-" + interval + "-" + month;
        if (daily == 0) {
            tally.missing(monthName);
            out.println(monthName + ": not published, neither monthly nor daily " + position);
        } else if (!missing.isEmpty()) {
            tally.missingDays(missing.size());
            out.println(monthName + ": not published monthly yet; " + daily + " daily files, " + missing.size() + " day(s) not published ("
                    + String.join(", ", missing) + ") " + position);
        }
        out.flush();
    }

    /** A monthly file holds its days: the daily ones of that month would replay twice. */
    private void supersedeDailies(Path directory, String symbol, YearMonth month) throws Exception {
        String prefix = symbol + "-" + interval + "-" + month + "-";
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static String line(BinanceVision.Result result, String position) {
        return switch (result.outcome()) {
            case FETCHED -> String.format(Locale.ROOT, "%s: %s, SHA-256 verified %s", result.name(), megabytes(result.bytes()), position);
            case ALREADY_HERE -> String.format(Locale.ROOT, "%s: already here (%s), verified earlier %s", result.name(), megabytes(result.bytes()), position);
            case CORRUPT -> result.name() + ": CORRUPT — " + result.detail() + " " + position;
            case FAILED -> result.name() + ": FAILED — " + result.detail() + " " + position;
            case NOT_PUBLISHED -> result.name() + ": not published " + position;
        };
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** What the run did, file by file. */
    private static final class Tally {
        private int fetched;
        private int here;
        private long bytes;
        private final List<String> bad = new ArrayList<>();
        private final List<String> missing = new ArrayList<>();
        private int missingDays;

        void add(BinanceVision.Result result) {
            switch (result.outcome()) {
                case FETCHED -> {
                    fetched++;
                    bytes += result.bytes();
                }
                case ALREADY_HERE -> here++;
                case CORRUPT, FAILED -> bad.add(result.name());
                case NOT_PUBLISHED -> missing.add(result.name());
            }
        }

        void missing(String month) {
            missing.add(month);
        }

        void missingDays(int days) {
            missingDays += days;
        }

        boolean complete() {
            return bad.isEmpty() && missing.isEmpty() && missingDays == 0;
        }

        String summary(Path directory) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "fetched %d file(s), %s; %d already here", fetched, megabytes(bytes), here));
            if (!missing.isEmpty()) {
                text.append("; not published: ").append(String.join(", ", missing));
            }
            if (missingDays > 0) {
                text.append("; ").append(missingDays).append(" day(s) not published");
            }
            if (!bad.isEmpty()) {
                text.append("; NOT KEPT (checksum mismatch or failure): ").append(String.join(", ", bad));
            }
            return text.append(" — in ").append(directory).toString();
        }
    }
}
