package dev.sigil.fleet.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.testkit.MutableClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinanceKlineClientTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:20:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final List<Duration> pauses = new ArrayList<>();
    private final FakeBinance binance;
    private final BinanceKlineClient client;

    BinanceKlineClientTest() throws Exception {
        binance = new FakeBinance(clock);
        BinanceKlineClient.Settings settings = new BinanceKlineClient.Settings(Duration.ofSeconds(2), Duration.ofMillis(400), 3,
                Duration.ofMillis(500), Duration.ofSeconds(8));
        client = new BinanceKlineClient(binance.base(), settings, HttpClient.newHttpClient(), clock, pauses::add);
    }

    @AfterEach
    void stop() {
        binance.close();
    }

    @Test
    void klinesAreReadFromTheRealPayloadShape() {
        List<Candle> candles = client.klines("BTCUSDT", "1h", NOW.minus(Duration.ofHours(3)), 10).candles();

        assertThat(candles).as("08:00, 09:00 and the still-forming 10:00").hasSize(3);
        Candle first = candles.getFirst();
        assertThat(first.openTime()).isEqualTo(Instant.parse("2025-03-01T08:00:00Z"));
        assertThat(first.closeTime()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(first.close()).isBetween(100.0, 106.0);
        assertThat(first.high()).isEqualTo(first.close() + 1);
        assertThat(first.quoteVolume()).isEqualTo(12.5 * first.close());
        assertThat(client.usedWeight()).isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoff() {
        binance.fail(500, "{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}", Map.of());
        binance.fail(503, "Service Unavailable", Map.of());

        assertThat(client.klines("ETHUSDT", "1h", NOW.minus(Duration.ofHours(2)), 5).candles()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(binance.requests.get()).isEqualTo(3);
    }

    @Test
    void rateLimitStopsEveryRequestUntilRetryAfterHasPassed() {
        binance.fail(429, "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP is 6000 request weight per 1 MINUTE.\"}",
                Map.of("Retry-After", "30"));

        assertThatThrownBy(() -> client.klines("SOLUSDT", "1h", null, 5)).hasMessageContaining("429").hasMessageContaining("rate limit");
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> client.klines("SOLUSDT", "1h", null, 5)).hasMessageContaining("asked us to wait");
        assertThat(binance.requests.get()).as("no request while told to wait").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.klines("SOLUSDT", "1h", null, 5).candles()).isNotEmpty();
        assertThat(pauses).isEmpty();
    }

    @Test
    void ipBanIsRespectedTheSameWay() {
        binance.fail(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned until 1740824400000.\"}", Map.of("Retry-After", "120"));

        BinanceKlineClient.BinanceException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                BinanceKlineClient.BinanceException.class, () -> client.klines("SOLUSDT", "1h", null, 5));
        assertThat(error.getMessage()).contains("418").contains("IP banned");
        assertThat(error.retryAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void invalidSymbolIsNotRetried() {
        assertThatThrownBy(() -> client.klines("BTCEUR", "1h", null, 5)).hasMessageContaining("HTTP 400").hasMessageContaining("-1121");
        assertThat(binance.requests.get()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void hangingAnswerTimesOutAndIsRetried() {
        binance.hang(1500);

        assertThat(client.klines("BTCUSDT", "1h", NOW.minus(Duration.ofHours(1)), 5).candles()).hasSize(1);
        assertThat(pauses).containsExactly(Duration.ofMillis(500));
    }

    /** Rows a broken answer might hold: too few fields, not an array, a null price, a time that is text, a price that is no number. */
    private static final String[] BAD_ROWS = {
            "[1740816000000,\"100.0\",\"101.0\"]",
            "null",
            "{\"openTime\":1740816000000}",
            "[1740816000000,null,\"101.0\",\"99.0\",\"100.0\",\"12.5\",1740819599999,\"1250.0\",42,\"6.0\",\"600.0\",\"0\"]",
            "[\"soon\",\"100.0\",\"101.0\",\"99.0\",\"100.0\",\"12.5\",1740819599999,\"1250.0\",42,\"6.0\",\"600.0\",\"0\"]",
            "[1740816000000,\"1o0.0\",\"101.0\",\"99.0\",\"100.0\",\"12.5\",1740819599999,\"1250.0\"]"};

    @Test
    void rowsOfTheWrongShapeAreSkippedAndCountedAndTheRestOfTheAnswerIsUsed() {
        binance.badRows(BAD_ROWS);

        BinanceKlineClient.Klines klines = client.klines("BTCUSDT", "1h", NOW.minus(Duration.ofHours(3)), 10);

        assertThat(klines.candles()).extracting(Candle::openTime).as("every good row, before and after the bad ones").containsExactly(
                Instant.parse("2025-03-01T08:00:00Z"), Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(klines.skippedRows()).isEqualTo(BAD_ROWS.length);
        assertThat(binance.requests.get()).as("a bad row is not a failed request").isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void liveCycleWithBadRowsHandsOutTheGoodCandlesAndCountsTheBadRowsAsMalformed() {
        BinanceMarketData market = new BinanceMarketData(client, List.of("BTCUSDT", "ETHUSDT"), "1h", Duration.ofHours(1));
        history(market, NOW, 3);
        binance.badRows(BAD_ROWS);
        clock.advance(Duration.ofMinutes(45));

        MarketDataSource.Batch batch = market.next(clock.instant());

        assertThat(batch.candles()).extracting(Candle::symbol).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(batch.candles()).allSatisfy(candle -> assertThat(candle.openTime()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z")));
        assertThat(batch.malformed()).as("the bad rows of both answers").isEqualTo(2 * BAD_ROWS.length);
    }

    @Test
    void aWarmUpLongerThanOneAnswerIsFetchedPageByPage() {
        BinanceMarketData market = new BinanceMarketData(client, List.of("BTCUSDT"), "1h", Duration.ofHours(1));

        List<Candle> history = history(market, NOW, 2_500);

        assertThat(history).hasSizeGreaterThanOrEqualTo(2_500);
        assertThat(history).extracting(Candle::openTime).doesNotHaveDuplicates().isSorted();
        assertThat(history.getLast().openTime()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(binance.requests.get()).as("1000 klines an answer").isEqualTo(3);
    }

    @Test
    void aWarmUpIsHandedOutByOpenTimeWithASymbolListedLateJoiningItsStepsAndEveryValueAsBinanceSentIt() {
        binance.listed("NEWUSDT", Instant.parse("2025-03-01T08:00:00Z"));
        BinanceMarketData market = new BinanceMarketData(client, List.of("BTCUSDT", "NEWUSDT", "ETHUSDT"), "1h", Duration.ofHours(1));
        List<List<String>> symbolsByStep = new ArrayList<>();

        List<Candle> history = new ArrayList<>();
        market.history(NOW, 5, step -> {
            symbolsByStep.add(step.stream().map(Candle::symbol).toList());
            history.addAll(step);
        });

        assertThat(symbolsByStep).as("oldest first; the listing's order within a step").containsExactly(
                List.of("BTCUSDT", "ETHUSDT"), List.of("BTCUSDT", "ETHUSDT"), List.of("BTCUSDT", "ETHUSDT"),
                List.of("BTCUSDT", "NEWUSDT", "ETHUSDT"), List.of("BTCUSDT", "NEWUSDT", "ETHUSDT"));
        List<Candle> sent = client.klines("NEWUSDT", "1h", NOW.minus(Duration.ofHours(6)), 10).candles().stream()
                .filter(candle -> !candle.closeTime().isAfter(NOW)).toList();
        assertThat(history.stream().filter(candle -> candle.symbol().equals("NEWUSDT")).toList()).as("made again from columns, equal").isEqualTo(sent);
    }

    @Test
    void liveSourceHandsOutOnlyClosedCandlesOnceAndSurvivesAFailingSymbol() {
        BinanceMarketData market = new BinanceMarketData(client, List.of("BTCUSDT", "BADSYMBOL"), "1h", Duration.ofHours(1));

        List<Candle> history = history(market, NOW, 3);
        assertThat(history).extracting(Candle::symbol).containsOnly("BTCUSDT");
        assertThat(history).allSatisfy(candle -> assertThat(candle.closeTime()).isBeforeOrEqualTo(NOW));
        assertThat(history.getLast().openTime()).isEqualTo(Instant.parse("2025-03-01T09:00:00Z"));

        assertThat(market.next(NOW).candles()).as("the 10:00 candle is still forming").isEmpty();
        clock.advance(Duration.ofMinutes(45));
        List<Candle> next = market.next(clock.instant()).candles();
        assertThat(next).singleElement().satisfies(candle -> assertThat(candle.openTime()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z")));
        assertThat(market.next(clock.instant()).candles()).isEmpty();
    }

    /** The warm-up as one list; each time step handed over must be one open time, later than the one before. */
    private static List<Candle> history(BinanceMarketData market, Instant asOf, int perSymbol) {
        List<Candle> all = new ArrayList<>();
        market.history(asOf, perSymbol, step -> {
            assertThat(step).isNotEmpty().extracting(Candle::openTime).as("one open time a step").containsOnly(step.getFirst().openTime());
            if (!all.isEmpty()) {
                assertThat(step.getFirst().openTime()).as("oldest first").isAfter(all.getLast().openTime());
            }
            all.addAll(step);
        });
        return all;
    }
}
