package dev.sigil.fleet.cli.data;

import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.pg.SigilHome;
import dev.sigil.fleet.market.KlineCoverage;
import dev.sigil.fleet.market.UnusableKlineFileException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"What a directory of kline dumps holds (and its subdirectories, one per interval as 'fleet data fetch' makes them): "
                + "per symbol and interval, the months present, how many candles, and the candles missing inside them (each run of "
                + "missing candles with where it is), so a backtest's data can be trusted before it runs.",
                "Exit 0 when every file reads to its end; 1 when one cannot be read (named)."})
final class DataLsCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("([A-Z0-9]{2,20})-(\\d+[mhd])-(\\d{4}-\\d{2})(-\\d{2})?\\.(zip|csv)");

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "The directory (default: $SIGIL_HOME/data).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path directory = dir != null ? dir : SigilHome.directory().resolve("data");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no directory " + directory + " (fetch some history first: fleet data fetch BTCUSDT --from 2024-01)");
        }
        // symbol + interval → month → its files
        Map<String, Map<String, List<Path>>> groups = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory, 2)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    groups.computeIfAbsent(name.group(1) + " " + name.group(2), key -> new TreeMap<>())
                            .computeIfAbsent(name.group(3), key -> new ArrayList<>()).add(file);
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (groups.isEmpty()) {
            out.println("no kline files in " + directory + " (names like BTCUSDT-1m-2024-01.zip; fleet data fetch gets them)");
            return 0;
        }
        boolean unreadable = false;
        for (var group : groups.entrySet()) {
            String[] symbolAndInterval = group.getKey().split(" ");
            Duration interval = Intervals.parse(symbolAndInterval[1]);
            out.println(group.getKey() + ": " + String.join(", ", group.getValue().keySet()));
            for (var month : group.getValue().entrySet()) {
                long candles = 0;
                long bad = 0;
                List<String> gaps = new ArrayList<>();
                for (Path file : month.getValue()) {
                    try {
                        KlineCoverage coverage = KlineCoverage.of(file, symbolAndInterval[0], interval);
                        candles += coverage.candles();
                        bad += coverage.badRows();
                        coverage.gaps().forEach(gap -> gaps.add(gap.missing() + " after " + gap.after().toString().substring(0, 16).replace('T', ' ')));
                    } catch (UnusableKlineFileException e) {
                        unreadable = true;
                        gaps.add("UNREADABLE " + file.getFileName() + ": " + e.getMessage());
                    }
                }
                long expected = java.time.YearMonth.parse(month.getKey()).lengthOfMonth() * Duration.ofDays(1).dividedBy(interval);
                out.printf(Locale.ROOT, "  %s: %,d of %,d candles (%s)%s%s%n", month.getKey(), candles, expected,
                        month.getValue().size() == 1 && !month.getValue().getFirst().getFileName().toString().matches(".*-\\d{2}-\\d{2}\\.(zip|csv)")
                                ? "monthly file" : month.getValue().size() + " daily files",
                        bad == 0 ? "" : ", " + bad + " rows that are not klines",
                        gaps.isEmpty() ? "" : "; missing: " + String.join(", ", gaps));
            }
        }
        return unreadable ? 1 : 0;
    }
}
