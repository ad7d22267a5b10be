package dev.sigil.fleet.market;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Binance's {@code GET /api/v3/klines}, answering like the real one: an array of arrays with
 * times as numbers and prices as strings, the newest row still forming, {@code X-MBX-USED-WEIGHT-1M} on every
 * answer, {@code {"code":-1121,"msg":"Invalid symbol."}} for unknown symbols, and whatever failures a test queues
 * (429/418 with Retry-After, 5xx, a hang) or rows that are not kline rows.
 */
final class FakeBinance implements AutoCloseable {

    /** A queued answer instead of klines. */
    record Failure(int status, String body, Map<String, String> headers, long hangMillis) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<String> badRows = new CopyOnWriteArrayList<>();
    private final Map<String, Long> listedAt = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    private int usedWeight;

    FakeBinance(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v3/klines", this::klines);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void fail(int status, String body, Map<String, String> headers) {
        failures.add(new Failure(status, body, headers, 0));
    }

    void hang(long millis) {
        failures.add(new Failure(200, "[]", Map.of(), millis));
    }

    /** Rows that are not kline rows, put after the first row of every answer from now on (as a broken proxy might). */
    void badRows(String... rows) {
        badRows.addAll(List.of(rows));
    }

    /** A symbol listed at {@code listed}: like Binance, its answers start at its first candle. */
    void listed(String symbol, Instant listed) {
        listedAt.put(symbol, listed.toEpochMilli());
    }

    private void klines(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        usedWeight += 2;
        Map<String, String> query = query(exchange.getRequestURI());
        Failure failure = failures.poll();
        if (failure != null) {
            if (failure.hangMillis() > 0) {
                try {
                    Thread.sleep(failure.hangMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            failure.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            respond(exchange, failure.status(), failure.body());
            return;
        }
        String symbol = query.get("symbol");
        if (symbol == null || !symbol.endsWith("USDT")) {
            respond(exchange, 400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }
        long interval = 3_600_000L;
        long now = clock.millis();
        // like Binance: 500 klines unless asked, never more than 1000 in one answer
        int limit = Math.min(1000, Integer.parseInt(query.getOrDefault("limit", "500")));
        long start = query.containsKey("startTime") ? Long.parseLong(query.get("startTime")) : now - interval * (limit - 1);
        long open = Math.max((start + interval - 1) / interval * interval, listedAt.getOrDefault(symbol, Long.MIN_VALUE));
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < limit && open <= now; i++, open += interval) {
            double close = 100 + (open / interval % 7);
            body.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "[%d,\"%.8f\",\"%.8f\",\"%.8f\",\"%.8f\",\"%.8f\",%d,\"%.8f\",%d,\"%.8f\",\"%.8f\",\"0\"]",
                    open, close - 0.5, close + 1, close - 1, close, 12.5, open + interval - 1, 12.5 * close, 42, 6.0, 6.0 * close));
            if (i == 0) {
                badRows.forEach(row -> body.append(',').append(row));
            }
        }
        respond(exchange, 200, body.append("]").toString());
    }

    private void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", Integer.toString(usedWeight));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up (timeout): nothing to answer
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    Instant now() {
        return clock.instant();
    }
}
