package dev.sigil.fleet.cli.data;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * data.binance.vision as its clients meet it, on loopback: files served from a directory with its layout
 * ({@code data/spot/monthly/klines/...}), a missing key answered as S3 does (404, an XML error body), and a busy
 * answer (503 SlowDown with Retry-After) that can be armed for a path, once.
 */
final class FakeBinanceVision implements AutoCloseable {

    private final HttpServer server;
    private final Path root;
    private final Map<String, Integer> busy = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    FakeBinanceVision(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(path);
            try (exchange) {
                Integer busyLeft = busy.get(path);
                if (busyLeft != null && busyLeft > 0) {
                    busy.put(path, busyLeft - 1);
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    respond(exchange, 503, "application/xml", "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
                    return;
                }
                Path file = root.resolve(path.substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    respond(exchange, 404, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                            + "<Message>The specified key does not exist.</Message><Key>" + path.substring(1) + "</Key></Error>");
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                exchange.getResponseHeaders().add("Content-Type", path.endsWith(".zip") ? "application/zip" : "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The next {@code times} requests of {@code path} are answered 503 SlowDown. */
    void busy(String path, int times) {
        busy.put(path, times);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    void forget() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
