package dev.sigil.fleet.runner.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.core.candle.Candle;
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

    /** Waits between attempts; tests replace it to record the waits. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final URI base;
    private final Settings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Pause pause;
    private volatile Instant blockedUntil = Instant.EPOCH;
    private volatile int usedWeight;

    public BinanceKlineClient(URI base, Settings settings) {
        this(base, settings, HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build(), Clock.systemUTC(), duration -> Thread.sleep(duration));
    }

    public BinanceKlineClient(URI base, Settings settings, HttpClient http, Clock clock, Pause pause) {
        this.base = base;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.pause = pause;
    }

    /** Up to {@code limit} (≤ 1000) klines from {@code startTime} (null: the latest), oldest first. */
    public List<Candle> klines(String symbol, String interval, Instant startTime, int limit) {
        Instant now = clock.instant();
        if (now.isBefore(blockedUntil)) {
            throw new BinanceException("Binance asked us to wait until " + blockedUntil + "; not requesting " + symbol, blockedUntil);
        }
        String query = "symbol=" + symbol + "&interval=" + interval + "&limit=" + Math.min(limit, 1000)
                + (startTime == null ? "" : "&startTime=" + startTime.toEpochMilli());
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v3/klines?" + query))
                .timeout(settings.requestTimeout()).header("Accept", "application/json").GET().build();
        Duration backoff = settings.firstBackoff();
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
                LOG.warn("klines {} attempt {}/{} failed ({}); retrying in {} ms", symbol, attempt, settings.attempts(), lastProblem, backoff.toMillis());
                try {
                    pause.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BinanceException("interrupted while backing off for " + symbol, null);
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
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
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Math.max(1, Long.parseLong(value.strip())));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(60);
            }
        }).orElse(Duration.ofSeconds(60));
    }

    static List<Candle> parse(String symbol, String body) throws IOException {
        JsonNode rows = JSON.readTree(body);
        if (!rows.isArray()) {
            throw new IOException("klines answer is not an array: " + brief(body));
        }
        List<Candle> candles = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            candles.add(new Candle(symbol, Instant.ofEpochMilli(row.get(0).asLong()), Instant.ofEpochMilli(row.get(6).asLong() + 1),
                    number(row.get(1)), number(row.get(2)), number(row.get(3)), number(row.get(4)), number(row.get(5)), number(row.get(7))));
        }
        return candles;
    }

    private static double number(JsonNode field) {
        try {
            return field.isTextual() ? Double.parseDouble(field.asText()) : field.asDouble(Double.NaN);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String brief(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
