package dev.sigil.fleet.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KlineCsvTest {

    /** The reader as it was before it parsed fields in place: split, strip, Long.parseLong, Double.parseDouble. */
    private static Candle reference(String symbol, String line) {
        String[] fields = line.strip().split(",", -1);
        Instant open = KlineCsv.epoch(Long.parseLong(fields[0].strip()));
        long closeInclusive = Long.parseLong(fields[6].strip());
        double volume = Double.parseDouble(fields[5]);
        double quote = fields.length > 7 ? Double.parseDouble(fields[7]) : Double.NaN;
        return new Candle(symbol, open, KlineCsv.closeExclusive(closeInclusive), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
                Double.parseDouble(fields[3]), Double.parseDouble(fields[4]), volume, Double.isNaN(quote) ? 0 : quote);
    }

    private static String randomDecimal(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> String.format(Locale.ROOT, "%.8f", random.nextDouble() * 100_000);
            case 1 -> String.format(Locale.ROOT, "%.8f", random.nextDouble() * 0.001);
            case 2 -> Long.toString(random.nextLong(1L << 60));
            case 3 -> String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1e9);
            case 4 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
            case 5 -> "0." + "0".repeat(random.nextInt(30)) + random.nextInt(1, 1000);
            case 6 -> (random.nextBoolean() ? "-" : "+") + random.nextInt(1000) + "." + random.nextInt(1000);
            default -> String.format(Locale.ROOT, "%.17f", random.nextDouble() * 1e6);
        };
    }

    @Test
    void everyDecimalReadsAsTheDoubleParseDoubleGives() {
        SplittableRandom random = new SplittableRandom(20_240_301);
        for (int i = 0; i < 200_000; i++) {
            String text = randomDecimal(random);
            assertThat(Double.doubleToRawLongBits(KlineCsv.decimal(text, 0, text.length())))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
        for (String text : List.of("0", "-0.0", "1.", ".5", "007.50", "9007199254740991", "9007199254740993", "1e5", "1.5d", " 2.5 ", "NaN",
                "-Infinity", "0x1p3", "0.1000000000000000000000001", "123456789012345678901234567890")) {
            assertThat(Double.doubleToRawLongBits(KlineCsv.decimal(text, 0, text.length())))
                    .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    @Test
    void whatIsNoNumberIsRefusedAsParseDoubleRefusesIt() {
        for (String text : List.of("", "-", ".", "1.2.3", "abc", "1,5")) {
            assertThatThrownBy(() -> KlineCsv.decimal(text, 0, text.length())).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void rowsReadAsTheSplittingReaderReadThem() throws BadKlineRow {
        SplittableRandom random = new SplittableRandom(7);
        List<String> rows = new ArrayList<>();
        long open = 1_709_251_200_000L;
        for (int i = 0; i < 20_000; i++) {
            boolean micros = random.nextInt(4) == 0;
            long openTime = micros ? open * 1000 : open;
            long close = micros ? (open + 59_999) * 1000 + 999 : open + 59_999;
            StringBuilder row = new StringBuilder().append(openTime);
            for (int f = 0; f < 5; f++) {
                row.append(',').append(randomDecimal(random));
            }
            row.append(',').append(close);
            int extra = random.nextInt(6);
            for (int f = 0; f < extra; f++) {
                row.append(',').append(f == 4 ? "0" : randomDecimal(random));
            }
            rows.add(random.nextInt(10) == 0 ? "  " + row + "\r" : row.toString());
            open += 60_000;
        }
        for (String row : rows) {
            assertThat(KlineCsv.parse("BTCUSDT", row)).as(row).isEqualTo(reference("BTCUSDT", row));
        }
    }

    @Test
    void aRowThatIsNoCandleSaysWhy() {
        assertThatThrownBy(() -> KlineCsv.parse("BTCUSDT", "1709251200000,1,2,0.5,1.5"))
                .isInstanceOf(BadKlineRow.class).hasMessageContaining("5 fields, at least 7 needed");
        assertThatThrownBy(() -> KlineCsv.parse("BTCUSDT", "1709251200000,1,two,0.5,1.5,10,1709251259999"))
                .isInstanceOf(BadKlineRow.class).hasMessageContaining("two");
        assertThatThrownBy(() -> KlineCsv.parse("BTCUSDT", "17092512x0000,1,2,0.5,1.5,10,1709251259999"))
                .isInstanceOf(BadKlineRow.class).hasMessageContaining("17092512x0000");
    }
}
