package dev.sigil.fleet.cli.data;

import dev.sigil.fleet.core.retry.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The kline dumps of data.binance.vision (or a mirror with its layout): {@code data/spot/monthly/klines/SYM/INT/
 * SYM-INT-YYYY-MM.zip} and the daily ones, each with a {@code .CHECKSUM} file ({@code "<sha256>  name"}). A file is kept
 * only whole and verified: it is downloaded beside its place under a temporary name, its SHA-256 computed as it comes,
 * compared with the published one, and only then moved into place (atomically), with its checksum file. A mismatch,
 * an interruption or a failure leaves nothing behind. Busy answers (429, 5xx) and timeouts are retried with backoff,
 * the server's Retry-After honoured.
 */
final class BinanceVision {

    static final URI DEFAULT_SOURCE = URI.create("https://data.binance.vision/");
    private static final int ATTEMPTS = 4;

    /** What became of one file. */
    enum Outcome { FETCHED, ALREADY_HERE, NOT_PUBLISHED, CORRUPT, FAILED }

    record Result(String name, Outcome outcome, long bytes, String detail) {
    }

    private final URI source;
    private final HttpClient http;
    private final Backoff.Pause pause;

    BinanceVision(URI source, Backoff.Pause pause) {
        this.source = source.toString().endsWith("/") ? source : URI.create(source + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.pause = pause;
    }

    /**
     * Fetches one dump (its path under the source, e.g. {@code data/spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01.zip})
     * into {@code directory}, unless a verified copy is already there.
     */
    Result fetch(String path, Path directory) throws InterruptedException {
        String name = path.substring(path.lastIndexOf('/') + 1);
        Path target = directory.resolve(name);
        Path checksumFile = directory.resolve(name + ".CHECKSUM");
        try {
            if (Files.isRegularFile(target) && Files.isRegularFile(checksumFile)) {
                Optional<String> kept = published(Files.readString(checksumFile), name);
                if (kept.isPresent() && kept.get().equals(sha256(target))) {
                    return new Result(name, Outcome.ALREADY_HERE, Files.size(target), "verified earlier");
                }
            }
            Optional<String> checksum = text(path + ".CHECKSUM");
            if (checksum.isEmpty()) {
                return new Result(name, Outcome.NOT_PUBLISHED, 0, "no " + name + ".CHECKSUM at " + source.resolve(path + ".CHECKSUM"));
            }
            String expected = published(checksum.get(), name).orElse(null);
            if (expected == null) {
                return new Result(name, Outcome.FAILED, 0, "its .CHECKSUM file does not hold a SHA-256 of " + name + ": " + checksum.get().strip());
            }
            Path part = directory.resolve("." + name + ".part");
            try {
                Optional<String> actual = download(path, part);
                if (actual.isEmpty()) {
                    return new Result(name, Outcome.NOT_PUBLISHED, 0, "its .CHECKSUM is published but not the file itself");
                }
                if (!actual.get().equals(expected)) {
                    return new Result(name, Outcome.CORRUPT, Files.size(part), "SHA-256 " + actual.get() + " but " + name + ".CHECKSUM says "
                            + expected + ": not kept");
                }
                long bytes = Files.size(part);
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Path checksumPart = directory.resolve("." + name + ".CHECKSUM.part");
                Files.writeString(checksumPart, checksum.get());
                Files.move(checksumPart, checksumFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return new Result(name, Outcome.FETCHED, bytes, "");
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            return new Result(name, Outcome.FAILED, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The SHA-256 a checksum file gives for {@code name} ({@code "<hex>  name"}), if it gives one. */
    static Optional<String> published(String checksum, String name) {
        String[] parts = checksum.strip().split("\\s+");
        if (parts.length >= 1 && parts[0].matches("[0-9a-fA-F]{64}") && (parts.length == 1 || parts[parts.length - 1].endsWith(name))) {
            return Optional.of(parts[0].toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    private Optional<String> text(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(path, HttpResponse.BodyHandlers.ofByteArray());
        return response == null ? Optional.empty() : Optional.of(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** Downloads to {@code part}, hashing as it writes; empty when the server has no such file. */
    private Optional<String> download(String path, Path part) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send(path, HttpResponse.BodyHandlers.ofInputStream());
        if (response == null) {
            return Optional.empty();
        }
        MessageDigest digest = sha256();
        try (InputStream in = response.body(); OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
            in.transferTo(out);
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    /** GET with retries; null for a 404 (not published), the response for a 200, an IOException for the rest. */
    private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        URI uri = source.resolve(path);
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8));
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<T> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(), handler);
                int status = response.statusCode();
                if (status == 200) {
                    return response;
                }
                discard(response);
                if (status == 404 || status == 403) {
                    // S3 answers 403 for a key that does not exist when listing is not allowed
                    return null;
                }
                last = new IOException("HTTP " + status + " from " + uri);
                if (status != 429 && status < 500) {
                    throw last;
                }
                Duration wait = response.headers().firstValue("Retry-After").map(after -> Backoff.serverSeconds(after, backoff.next())).orElseGet(backoff::next);
                if (attempt < ATTEMPTS) {
                    pause.sleep(wait);
                }
            } catch (java.net.http.HttpTimeoutException | java.net.ConnectException e) {
                last = new IOException(e.getClass().getSimpleName() + " from " + uri, e);
                if (attempt < ATTEMPTS) {
                    pause.sleep(backoff.next());
                }
            }
        }
        throw last;
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof InputStream in) {
            in.close();
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
