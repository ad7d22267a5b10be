package dev.sigil.fleet.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.retry.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance's public klines endpoint ({@code GET /api/v3/klines}, no key needed). Timeouts on connect and on each
 * request; 5xx answers and network errors are retried with exponential backoff; 429 (rate limit) and 418 (IP ban)
 * stop every request until their {@code Retry-After} has passed — the client does not knock again before, since
 * Binance escalates bans for clients that do. A 4xx with Binance's error body ({"code":-1121,"msg":...}) is not
 * retried.
 */
public final class BinanceKlineClient {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceKlineClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bad rows of one answer logged one by one; the rest only counted. */
    private static final int LOGGED_BAD_ROWS = 3;
    /** Binance's request-weight budget per minute and IP. */
    private static final int WEIGHT_LIMIT = 6000;

    /** Timeouts and retry policy. */
    public record Settings(Duration connectTimeout, Duration requestTimeout, int attempts, Duration firstBackoff, Duration maxBackoff) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 4, Duration.ofMillis(500), Duration.ofSeconds(8));
        }
    }

    /** Binance refused or failed the request; {@code retryAt} is set when it asked us to wait. */
    public static final class BinanceException extends RuntimeException {
        private final Instant retryAt;

        BinanceException(String message, Instant retryAt) {
            super(message);
            this.retryAt = retryAt;
        }

        public Instant retryAt() {
            return retryAt;
        }
    }

    private final URI base;
    private final Settings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Backoff.Pause pause;
    private volatile Instant blockedUntil = Instant.EPOCH;
    private volatile int usedWeight;

    public BinanceKlineClient(URI base, Settings settings) {
        this(base, settings, HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build(), Clock.systemUTC(), duration -> Thread.sleep(duration));
    }

    public BinanceKlineClient(URI base, Settings settings, HttpClient http, Clock clock, Backoff.Pause pause) {
        this.base = base;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * One answer: its candles, oldest first, and how many of its rows were not kline rows (skipped, each logged up
     * to a few per answer).
     */
    public record Klines(List<Candle> candles, int skippedRows) {
        public Klines {
            candles = List.copyOf(candles);
        }
    }

    /** Up to {@code limit} (≤ 1000) klines from {@code startTime} (null: the latest), oldest first. */
    public Klines klines(String symbol, String interval, Instant startTime, int limit) {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            throw new BinanceException("Binance asked us to wait until " + blockedUntil + "; not requesting " + symbol, blockedUntil);
        }
        String query = "symbol=" + symbol + "&interval=" + interval + "&limit=" + Math.min(limit, 1000)
                + (startTime == null ? "" : "&startTime=" + startTime.toEpochMilli());
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v3/klines?" + query))
                .timeout(settings.requestTimeout()).header("Accept", "application/json").GET().build();
        Backoff backoff = new Backoff(settings.firstBackoff(), settings.maxBackoff());
        String lastProblem = "";
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                noteWeight(response);
                int status = response.statusCode();
                if (status == 200) {
                    return parse(symbol, response.body());
                }
                if (status == 429 || status == 418) {
                    Duration wait = retryAfter(response);
                    blockedUntil = clock.instant().plus(wait);
                    throw new BinanceException("Binance answered " + status + (status == 418 ? " (IP banned)" : " (rate limit)")
                            + " for " + symbol + "; no requests until " + blockedUntil + ": " + brief(response.body()), blockedUntil);
                }
                if (status >= 400 && status < 500) {
                    throw new BinanceException("Binance refused klines " + query + ": HTTP " + status + " " + brief(response.body()), null);
                }
                lastProblem = "HTTP " + status + " " + brief(response.body());
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BinanceException("interrupted while requesting klines for " + symbol, null);
            }
            if (attempt < settings.attempts()) {
                Duration wait = backoff.next();
                LOG.warn("klines {} attempt {}/{} failed ({}); retrying in {} ms", symbol, attempt, settings.attempts(), lastProblem, wait.toMillis());
                try {
                    pause.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BinanceException("interrupted while backing off for " + symbol, null);
                }
            }
        }
        throw new BinanceException("klines for " + symbol + " failed after " + settings.attempts() + " attempts: " + lastProblem, null);
    }

    public int usedWeight() {
        return usedWeight;
    }

    private void noteWeight(HttpResponse<String> response) {
        response.headers().firstValue("X-MBX-USED-WEIGHT-1M").ifPresent(value -> {
            try {
                usedWeight = Integer.parseInt(value.strip());
                if (usedWeight > WEIGHT_LIMIT * 0.8) {
                    LOG.warn("Binance request weight at {} of {} per minute", usedWeight, WEIGHT_LIMIT);
                }
            } catch (NumberFormatException ignored) {
                // a malformed header changes nothing
            }
        });
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        Duration wait = response.headers().firstValue("Retry-After").map(value -> Backoff.serverSeconds(value, Duration.ofSeconds(60)))
                .orElse(Duration.ofSeconds(60));
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait;
    }

    /**
     * The answer's rows as candles. A row of the wrong shape (not an array, fewer than 8 fields) or with a needed
     * field that is null or not a number is skipped and counted; the other rows are used. An answer that is not an
     * array at all is a failed request.
     */
    static Klines parse(String symbol, String body) throws IOException {
        JsonNode rows = JSON.readTree(body);
        if (rows == null || !rows.isArray()) {
            throw new IOException("klines answer is not an array: " + brief(body));
        }
        List<Candle> candles = new ArrayList<>(rows.size());
        int skipped = 0;
        for (int i = 0; i < rows.size(); i++) {
            try {
                candles.add(candle(symbol, rows.get(i)));
            } catch (BadKlineRow bad) {
                if (++skipped <= LOGGED_BAD_ROWS) {
                    LOG.warn("{}: skipping row {} of Binance's klines answer ({}: {}): {}", symbol, i, bad.defect().token(), bad.getMessage(),
                            brief(rows.get(i).toString()));
                }
            }
        }
        if (skipped > LOGGED_BAD_ROWS) {
            LOG.warn("{}: {} of {} rows of Binance's klines answer skipped", symbol, skipped, rows.size());
        }
        return new Klines(candles, skipped);
    }

    /** A row: [open time, open, high, low, close, volume, close time, quote volume, ...], times in ms, prices as text. */
    private static Candle candle(String symbol, JsonNode row) throws BadKlineRow {
        if (!row.isArray() || row.size() < 8) {
            throw new BadKlineRow(RowDefect.WRONG_SHAPE, row.isArray() ? row.size() + " fields, at least 8 needed" : "not an array");
        }
        return new Candle(symbol, Instant.ofEpochMilli(millis(row, 0)), Instant.ofEpochMilli(millis(row, 6) + 1),
                number(row, 1), number(row, 2), number(row, 3), number(row, 4), number(row, 5), number(row, 7));
    }

    private static long millis(JsonNode row, int index) throws BadKlineRow {
        JsonNode field = row.get(index);
        if (field.isIntegralNumber() && field.canConvertToLong()) {
            return field.asLong();
        }
        try {
            return Long.parseLong(field.isTextual() ? field.asText().strip() : field.toString());
        } catch (NumberFormatException e) {
            throw new BadKlineRow(RowDefect.NOT_A_NUMBER, "field " + index + " is " + brief(field.toString()) + ", not a time in ms");
        }
    }

    private static double number(JsonNode row, int index) throws BadKlineRow {
        JsonNode field = row.get(index);
        if (field.isNumber()) {
            return field.asDouble();
        }
        try {
            if (field.isTextual()) {
                return Double.parseDouble(field.asText());
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new BadKlineRow(RowDefect.NOT_A_NUMBER, "field " + index + " is " + brief(field.toString()) + ", not a number");
    }

    private static String brief(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
