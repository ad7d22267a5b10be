package dev.sigil.fleet.runner.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.testkit.KlineDumps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayMarketDataTest {

    private static final Instant T0 = Instant.parse("2024-12-31T22:00:00Z");

    private static List<Candle> candles(String symbol, int from, int count) {
        List<Candle> candles = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            Instant open = T0.plusSeconds(60L * i);
            candles.add(new Candle(symbol, open, open.plusSeconds(60), 10 + i, 11 + i, 9 + i, 10.5 + i, 3, 31.5 + 3 * i));
        }
        return candles;
    }

    @Test
    void filesOfEveryShapeAreReplayedAsOneTimeStepPerCall(@TempDir Path dir) throws Exception {
        KlineDumps.zip(dir.resolve("AAAUSDT-1m-2024-12.zip"), candles("AAAUSDT", 0, 2), true, false);
        KlineDumps.csv(dir.resolve("AAAUSDT-1m-2025-01.csv"), candles("AAAUSDT", 2, 2), true, true);
        KlineDumps.csv(dir.resolve("BBBUSDT-1m-2025-01.csv"), candles("BBBUSDT", 1, 3), false, true, "", "1735689600000000,x,1,1,1,1,1,1");
        Files.writeString(dir.resolve("README.txt"), "not a kline file");

        try (ReplayMarketData replay = new ReplayMarketData(KlineFiles.scan(dir), List.of("AAAUSDT", "BBBUSDT", "CCCUSDT"))) {
            List<List<String>> steps = new ArrayList<>();
            int malformed = 0;
            MarketDataSource.Batch batch;
            while (!(batch = replay.next(Instant.now())).exhausted()) {
                steps.add(batch.candles().stream().map(c -> c.symbol() + "@" + c.openTime()).toList());
                malformed += batch.malformed();
                assertThat(batch.marketTime()).isEqualTo(batch.candles().getFirst().closeTime());
            }
            malformed += batch.malformed();

            assertThat(steps).containsExactly(
                    List.of("AAAUSDT@2024-12-31T22:00:00Z"),
                    List.of("AAAUSDT@2024-12-31T22:01:00Z", "BBBUSDT@2024-12-31T22:01:00Z"),
                    List.of("AAAUSDT@2024-12-31T22:02:00Z", "BBBUSDT@2024-12-31T22:02:00Z"),
                    List.of("AAAUSDT@2024-12-31T22:03:00Z", "BBBUSDT@2024-12-31T22:03:00Z"));
            assertThat(malformed).isEqualTo(1);
        }
    }

    @Test
    void microsecondAndMillisecondRowsGiveTheSameCandle() {
        Candle candle = candles("AAAUSDT", 5, 1).getFirst();
        assertThat(KlineCsv.parse("AAAUSDT", KlineDumps.line(candle, true))).isEqualTo(KlineCsv.parse("AAAUSDT", KlineDumps.line(candle, false)));
        assertThat(KlineCsv.parse("AAAUSDT", KlineDumps.line(candle, true)).closeTime()).isEqualTo(candle.closeTime());
    }

    @Test
    void directoryWithoutKlineFilesOrWithMixedIntervalsIsExplained(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> KlineFiles.scan(dir)).hasMessageContaining("no kline files").hasMessageContaining("BTCUSDT-1m-2024-01.zip");
        KlineDumps.csv(dir.resolve("AAAUSDT-1m-2025-01.csv"), candles("AAAUSDT", 0, 1), false, false);
        KlineDumps.csv(dir.resolve("AAAUSDT-5m-2025-01.csv"), candles("AAAUSDT", 0, 1), false, false);
        assertThatThrownBy(() -> KlineFiles.scan(dir)).hasMessageContaining("several intervals");
    }
}
