package dev.sigil.fleet.discord;

import dev.sigil.fleet.core.concurrent.Threads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A local stand-in for a Discord webhook, for the demo (it prints what would be posted) and for tests. It answers the
 * way Discord does: 404 {"message": "Unknown Webhook", "code": 10015} for a wrong id or token, 400 code 50035 "Invalid
 * Form Body" for a payload over the documented limits or not sent as JSON, 429 with {@code retry_after},
 * {@code Retry-After} and {@code X-RateLimit-*} headers once the bucket (default 5 per 2 s) is empty, rate-limit
 * headers on every answer, 204 (200 with the message when {@code wait=true}); failures can be queued.
 */
public final class FakeDiscordServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "1311220000000000000";
    private static final String TOKEN = "fake-token-for-local-use";

    /** A message the fake accepted. */
    public record Received(Instant at, JsonNode payload) {
        public String text() {
            StringBuilder text = new StringBuilder(payload.path("content").asText(""));
            for (JsonNode embed : payload.path("embeds")) {
                text.append(text.isEmpty() ? "" : " | ").append(embed.path("title").asText());
                String description = embed.path("description").asText("");
                if (!description.isEmpty()) {
                    text.append(": ").append(description);
                }
                for (JsonNode field : embed.path("fields")) {
                    text.append(" · ").append(field.path("name").asText()).append(" ").append(field.path("value").asText());
                }
            }
            return text.toString();
        }
    }

    /** A queued answer. */
    private record Scripted(int status, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final int bucketSize;
    private final Duration bucketWindow;
    private final Consumer<Received> listener;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private final Deque<Instant> recent = new ArrayDeque<>();

    public FakeDiscordServer(Clock clock, int bucketSize, Duration bucketWindow, Consumer<Received> listener) throws IOException {
        this.clock = clock;
        this.bucketSize = bucketSize;
        this.bucketWindow = bucketWindow;
        this.listener = listener;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/webhooks/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = Threads.unstarted("fake-discord", runnable, true);
            return thread;
        }));
        server.start();
    }

    public static FakeDiscordServer start(Consumer<Received> listener) throws IOException {
        return new FakeDiscordServer(Clock.systemUTC(), 5, Duration.ofSeconds(2), listener);
    }

    /** The webhook URL to configure (it holds a token, like a real one). */
    public URI webhookUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/webhooks/" + ID + "/" + TOKEN);
    }

    /** Makes the next request get this answer instead. */
    public synchronized void queue(int status, String body, Map<String, String> headers) {
        scripted.add(new Scripted(status, body, headers));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every status answered, in order. */
    public List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length != 5 || !ID.equals(path[3]) || !TOKEN.equals(path[4])) {
                respond(exchange, 404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}", Map.of());
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "{\"message\": \"405: Method Not Allowed\", \"code\": 0}", Map.of());
                return;
            }
            Scripted next;
            synchronized (this) {
                next = scripted.poll();
            }
            if (next != null) {
                respond(exchange, next.status(), next.body(), next.headers());
                return;
            }
            Instant now = clock.instant();
            Duration resetAfter;
            int remaining;
            synchronized (this) {
                while (!recent.isEmpty() && !recent.peekFirst().plus(bucketWindow).isAfter(now)) {
                    recent.removeFirst();
                }
                if (recent.size() >= bucketSize) {
                    Duration wait = Duration.between(now, recent.peekFirst().plus(bucketWindow));
                    double seconds = wait.toMillis() / 1000.0;
                    respond(exchange, 429, String.format(Locale.ROOT,
                            "{\"message\": \"You are being rate limited.\", \"retry_after\": %.3f, \"global\": false}", seconds),
                            Map.of("Retry-After", Long.toString((long) Math.ceil(seconds)), "X-RateLimit-Scope", "user",
                                    "X-RateLimit-Limit", Integer.toString(bucketSize), "X-RateLimit-Remaining", "0",
                                    "X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", seconds)));
                    return;
                }
                recent.addLast(now);
                remaining = bucketSize - recent.size();
                resetAfter = Duration.between(now, recent.peekFirst().plus(bucketWindow));
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            JsonNode payload;
            try {
                payload = JSON.readTree(exchange.getRequestBody().readAllBytes());
            } catch (IOException e) {
                payload = null;
            }
            if (contentType == null || !contentType.startsWith("application/json") || payload == null || !payload.isObject()) {
                respond(exchange, 400, "{\"message\": \"Invalid Form Body\", \"code\": 50035, \"errors\": {}}", Map.of());
                return;
            }
            List<String> problems = DiscordLimits.violations(payload);
            if (!problems.isEmpty()) {
                respond(exchange, 400, invalidFormBody(problems), Map.of());
                return;
            }
            Received message = new Received(now, payload);
            received.add(message);
            listener.accept(message);
            Map<String, String> headers = Map.of("X-RateLimit-Limit", Integer.toString(bucketSize), "X-RateLimit-Remaining", Integer.toString(remaining),
                    "X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetAfter.toMillis() / 1000.0),
                    "X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", now.plus(resetAfter).toEpochMilli() / 1000.0),
                    "X-RateLimit-Bucket", "fake-bucket");
            boolean wait = exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("wait=true");
            respond(exchange, wait ? 200 : 204, wait ? "{\"id\": \"" + received.size() + "\", \"webhook_id\": \"" + ID + "\"}" : "", headers);
        }
    }

    private static String invalidFormBody(List<String> problems) {
        StringBuilder errors = new StringBuilder();
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            errors.append(errors.isEmpty() ? "" : ", ").append('"').append(problem, 0, colon).append("\": {\"_errors\": [{\"code\": \"BASE_TYPE_MAX_LENGTH\", \"message\": \"")
                    .append(problem.substring(colon + 2)).append("\"}]}");
        }
        return "{\"message\": \"Invalid Form Body\", \"code\": 50035, \"errors\": {" + errors + "}}";
    }

    private void respond(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        statuses.add(status);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
