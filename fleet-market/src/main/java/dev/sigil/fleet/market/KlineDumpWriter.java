package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes candles as data.binance.vision ships a daily kline dump ({@code BTCUSDT-1m-2024-03-01.zip}: one CSV without a
 * header, times in milliseconds), atomically — the bench's shaped market goes through the same reader as real dumps.
 */
public final class KlineDumpWriter {

    private KlineDumpWriter() {
    }

    /** Writes {@code candles} (one symbol's, one day's) to {@code directory}, named as Binance names the day's dump. */
    public static Path day(Path directory, String symbol, String interval, String day, List<Candle> candles) throws IOException {
        String name = symbol + "-" + interval + "-" + day;
        StringBuilder csv = new StringBuilder(candles.size() * 120);
        for (Candle candle : candles) {
            long open = candle.openTime().toEpochMilli();
            long closeInclusive = candle.closeTime().toEpochMilli() - 1;
            csv.append(open).append(',').append(number(candle.open())).append(',').append(number(candle.high())).append(',')
                    .append(number(candle.low())).append(',').append(number(candle.close())).append(',').append(number(candle.volume()))
                    .append(',').append(closeInclusive).append(',').append(number(candle.quoteVolume())).append(",100,")
                    .append(number(candle.volume() / 2)).append(',').append(number(candle.quoteVolume() / 2)).append(",0\n");
        }
        Path file = directory.resolve(name + ".zip");
        Path partial = directory.resolve(name + ".zip.partial");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name + ".csv"));
            zip.write(csv.toString().getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.8f", value);
    }
}
