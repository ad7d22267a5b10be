package dev.sigil.fleet.testkit;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.marketdata.SyntheticMarket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes candles as Binance kline dump files, the way data.binance.vision ships them. */
public final class KlineDumps {

    public static final String HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore";

    private KlineDumps() {
    }

    public static String line(Candle candle, boolean microseconds) {
        long open = candle.openTime().toEpochMilli();
        long closeInclusive = candle.closeTime().toEpochMilli() - 1;
        String openTime = microseconds ? open * 1000 + "" : open + "";
        String closeTime = microseconds ? closeInclusive * 1000 + 999 + "" : closeInclusive + "";
        return String.format(Locale.ROOT, "%s,%.8f,%.8f,%.8f,%.8f,%.8f,%s,%.8f,%d,%.8f,%.8f,0", openTime, candle.open(), candle.high(),
                candle.low(), candle.close(), candle.volume(), closeTime, candle.quoteVolume(), 100, candle.volume() / 2, candle.quoteVolume() / 2);
    }

    /** The CSV text of these candles, one line each (and the header first if asked). */
    public static String text(List<Candle> candles, boolean header, boolean microseconds) {
        StringBuilder text = new StringBuilder(header ? HEADER + "\n" : "");
        candles.forEach(candle -> text.append(line(candle, microseconds)).append('\n'));
        return text.toString();
    }

    public static Path csv(Path file, List<Candle> candles, boolean header, boolean microseconds, String... extraLines) throws IOException {
        StringBuilder text = new StringBuilder(text(candles, header, microseconds));
        for (String extra : extraLines) {
            text.append(extra).append('\n');
        }
        return Files.writeString(file, text.toString());
    }

    public static Path zip(Path file, List<Candle> candles, boolean header, boolean microseconds) throws IOException {
        return zip(file, file.getFileName().toString().replace(".zip", ".csv"), text(candles, header, microseconds).getBytes(StandardCharsets.US_ASCII));
    }

    /** A zip archive holding one entry with exactly these bytes (a damaged CSV, or no CSV at all). */
    public static Path zip(Path file, String entryName, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        }
        return file;
    }

    /**
     * One zipped daily dump per symbol and day ({@code SOLUSDT-1m-2024-01-01.zip}, no header) of one-minute synthetic
     * candles, each symbol's market seeded with {@code seed} and starting at the first day.
     */
    public static void syntheticDays(Path directory, long seed, List<String> symbols, List<String> days) throws IOException {
        for (String symbol : symbols) {
            SyntheticMarket market = new SyntheticMarket(seed, symbol, Duration.ofMinutes(1), Instant.parse(days.getFirst() + "T00:00:00Z"));
            for (String day : days) {
                List<Candle> candles = new ArrayList<>();
                while (market.nextOpenTime().toString().startsWith(day)) {
                    candles.add(market.next());
                }
                zip(directory.resolve(symbol + "-1m-" + day + ".zip"), candles, false, false);
            }
        }
    }

    /** Cuts the file to its first {@code keepBytes} bytes, like an interrupted download. */
    public static Path truncate(Path file, long keepBytes) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(file, java.util.Arrays.copyOf(bytes, (int) Math.min(keepBytes, bytes.length)));
    }
}
