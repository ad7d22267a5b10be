package dev.sigil.fleet.market;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kline dump files of a directory, grouped by symbol in time order: {@code BTCUSDT-1m-2024-01.zip},
 * {@code BTCUSDT-1m-2024-02.zip}, ... (monthly or daily, {@code .zip} holding one CSV or plain {@code .csv}), as
 * downloaded from data.binance.vision. Names sort by date, so name order is time order.
 */
public record KlineFiles(Path directory, String interval, Map<String, List<Path>> bySymbol) {

    private static final Pattern NAME = Pattern.compile("([A-Z0-9]{2,20})-(\\d+[mhd])-(\\d{4}-\\d{2}(?:-\\d{2})?)\\.(zip|csv)");

    public static KlineFiles scan(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no data directory at " + directory);
        }
        Map<String, List<Path>> bySymbol = new TreeMap<>();
        List<String> intervals = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                bySymbol.computeIfAbsent(name.group(1), symbol -> new ArrayList<>()).add(file);
                if (!intervals.contains(name.group(2))) {
                    intervals.add(name.group(2));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        if (bySymbol.isEmpty()) {
            throw new IllegalArgumentException("no kline files in " + directory
                    + " (expected names like BTCUSDT-1m-2024-01.zip or BTCUSDT-1m-2024-01-15.csv, from data.binance.vision)");
        }
        if (intervals.size() > 1) {
            throw new IllegalArgumentException("kline files of several intervals in " + directory + ": " + intervals + "; keep one interval per directory");
        }
        return new KlineFiles(directory, intervals.getFirst(), bySymbol);
    }

    public List<String> symbols() {
        return List.copyOf(bySymbol.keySet());
    }

    /** The files of these symbols (those that have any), each symbol's in time order. */
    public List<Path> of(List<String> symbols) {
        return symbols.stream().distinct().filter(bySymbol::containsKey).flatMap(symbol -> bySymbol.get(symbol).stream()).toList();
    }

    /**
     * The time the files cover, from their names (monthly files cover their month, daily files their day):
     * enough for progress, not for trading.
     */
    public java.time.Instant[] span() {
        java.time.Instant first = null;
        java.time.Instant last = null;
        for (List<Path> paths : bySymbol.values()) {
            for (Path path : paths) {
                Matcher name = NAME.matcher(path.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                String date = name.group(3);
                java.time.LocalDate day = date.length() == 7 ? java.time.LocalDate.parse(date + "-01") : java.time.LocalDate.parse(date);
                java.time.LocalDate next = date.length() == 7 ? day.plusMonths(1) : day.plusDays(1);
                java.time.Instant start = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                java.time.Instant end = next.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                first = first == null || start.isBefore(first) ? start : first;
                last = last == null || end.isAfter(last) ? end : last;
            }
        }
        return new java.time.Instant[] {first, last};
    }

    public int fileCount() {
        return bySymbol.values().stream().mapToInt(List::size).sum();
    }
}
