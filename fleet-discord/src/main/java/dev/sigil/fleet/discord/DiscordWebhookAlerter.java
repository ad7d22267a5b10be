package dev.sigil.fleet.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.config.fleet.WebhookUrl;
import dev.sigil.fleet.core.retry.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts messages to a Discord webhook, as Discord asks clients to behave: messages are fitted to the documented
 * limits (never a 400 for size); when the rate-limit headers say the bucket is empty, or a 429 says to wait, the next
 * send waits ({@code retry_after}, {@code Retry-After}, {@code X-RateLimit-Reset-After}) instead of hitting the limit;
 * 5xx answers and timeouts are retried with backoff; a 401, 403 or 404 means the webhook is wrong — it is reported
 * loudly and never used again by this process (Discord bans IPs that keep sending invalid requests). The webhook URL
 * holds a token: it is read and validated once, when the alerter is made ({@link WebhookUrl}); only its redacted form
 * is ever logged, and error text from the HTTP client is scrubbed of it. A URL that is malformed, or whose file is
 * unsafe, makes every send return {@link Outcome#INVALID_WEBHOOK} — {@link #send} never throws.
 */
public final class DiscordWebhookAlerter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordWebhookAlerter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How one send ended. */
    public enum Outcome { DELIVERED, FAILED, RATE_LIMITED, REJECTED, WEBHOOK_BROKEN, INVALID_WEBHOOK, NOT_CONFIGURED }

    /** Timeouts, retries, and the longest wait before a send that the caller's check may spend. */
    public record Settings(Duration requestTimeout, int attempts, Duration firstBackoff, Duration longestWait) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), 3, Duration.ofMillis(500), Duration.ofSeconds(10));
        }
    }

    private final Secret source;
    private final WebhookUrl webhook;
    private final String invalid;
    private final Settings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Backoff.Pause pause;
    private volatile Instant nextAllowed = Instant.EPOCH;
    private volatile String broken;
    private volatile boolean warnedMissing;

    /** An alerter for the webhook URL {@code source} holds, read and validated now; never throws for a bad URL. */
    public DiscordWebhookAlerter(Secret source, Settings settings, HttpClient http, Clock clock, Backoff.Pause pause) {
        this.source = source;
        WebhookUrl loaded = null;
        String problem = null;
        try {
            loaded = WebhookUrl.load(source).orElse(null);
        } catch (Secret.SecretException e) {
            problem = e.getMessage();
        }
        this.webhook = loaded;
        this.invalid = problem;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.pause = pause;
    }

    public static DiscordWebhookAlerter of(Secret webhook) {
        return new DiscordWebhookAlerter(webhook, Settings.defaults(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Clock.systemUTC(), duration -> Thread.sleep(duration));
    }

    /** Why the webhook URL cannot be used (malformed, unsafe file), safe to print; empty when it is valid or absent. */
    public Optional<String> invalidReason() {
        return Optional.ofNullable(invalid);
    }

    /** Sends {@code message}; how it ended is the outcome. Never throws. */
    public synchronized Outcome send(DiscordMessage message) {
        if (invalid != null) {
            LOG.error("alert NOT sent to Discord ({}): {}", invalid, message.plainText());
            return Outcome.INVALID_WEBHOOK;
        }
        if (webhook == null) {
            if (!warnedMissing) {
                warnedMissing = true;
                LOG.warn("no Discord webhook configured ({}): alerts go to this log only", source.source());
            }
            LOG.warn("alert (not sent to Discord): {}", message.plainText());
            return Outcome.NOT_CONFIGURED;
        }
        if (broken != null) {
            LOG.error("Discord webhook {} is broken ({}): alert NOT delivered: {}", webhook.redacted(), broken, message.plainText());
            return Outcome.WEBHOOK_BROKEN;
        }
        try {
            return post(message);
        } catch (RuntimeException e) {
            LOG.error("Discord delivery failed ({}); the alert is retried on the next check",
                    webhook.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
            return Outcome.FAILED;
        }
    }

    private Outcome post(DiscordMessage message) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(DiscordLimits.fit(message).json());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a Discord message as JSON", e);
        }
        URI uri = webhook.uri();
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri + (uri.getRawQuery() == null ? "?" : "&") + "wait=true"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "DiscordBot (https://github.com/sigil-fleet/sigil, 0.1)")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Backoff backoff = new Backoff(settings.firstBackoff(), settings.longestWait());
        String problem = "";
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (!waitForBucket()) {
                return Outcome.RATE_LIMITED;
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                noteBucket(response);
                if (status >= 200 && status < 300) {
                    return Outcome.DELIVERED;
                }
                if (status == 429) {
                    Duration wait = retryAfter(response);
                    nextAllowed = clock.instant().plus(wait);
                    LOG.warn("Discord rate limit: waiting {} ms before the next message", wait.toMillis());
                    continue;
                }
                if (status == 401 || status == 403 || status == 404) {
                    broken = webhook.scrub("HTTP " + status + " " + brief(response.body()));
                    LOG.error("Discord rejected the webhook {} ({}): it will not be used again until the monitor restarts; fix "
                            + "the webhook URL ({}). Alerts are logged here meanwhile.", webhook.redacted(), broken, webhook.source());
                    return Outcome.WEBHOOK_BROKEN;
                }
                if (status >= 400 && status < 500) {
                    LOG.error("Discord refused a message (HTTP {} {}): {}", status, webhook.scrub(brief(response.body())), message.plainText());
                    return Outcome.REJECTED;
                }
                problem = webhook.scrub("HTTP " + status + " " + brief(response.body()));
            } catch (IOException e) {
                problem = webhook.scrub(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.FAILED;
            }
            if (attempt < settings.attempts()) {
                Duration wait = backoff.next();
                LOG.warn("Discord delivery attempt {}/{} failed ({}); retrying in {} ms", attempt, settings.attempts(), problem, wait.toMillis());
                if (!sleep(wait)) {
                    return Outcome.FAILED;
                }
            }
        }
        LOG.error("Discord delivery failed after {} attempts ({}); the alert is retried on the next check", settings.attempts(), problem);
        return problem.isEmpty() ? Outcome.RATE_LIMITED : Outcome.FAILED;
    }

    /** Waits for the rate-limit bucket when the wait is short; false when it is too long for this check. */
    private boolean waitForBucket() {
        Duration wait = Duration.between(clock.instant(), nextAllowed);
        if (wait.isNegative() || wait.isZero()) {
            return true;
        }
        if (wait.compareTo(settings.longestWait()) > 0) {
            LOG.warn("Discord rate limit: next message allowed at {}; deferring to a later check", nextAllowed);
            return false;
        }
        return sleep(wait);
    }

    private boolean sleep(Duration duration) {
        try {
            pause.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void noteBucket(HttpResponse<String> response) {
        Optional<String> remaining = response.headers().firstValue("X-RateLimit-Remaining");
        Optional<String> resetAfter = response.headers().firstValue("X-RateLimit-Reset-After");
        if (remaining.isPresent() && resetAfter.isPresent() && remaining.get().strip().equals("0")) {
            nextAllowed = clock.instant().plus(seconds(resetAfter.get()));
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.has("retry_after")) {
                return seconds(body.get("retry_after").asText());
            }
        } catch (IOException e) {
            // not JSON: use the headers
        }
        return response.headers().firstValue("Retry-After").or(() -> response.headers().firstValue("X-RateLimit-Reset-After"))
                .map(DiscordWebhookAlerter::seconds).orElse(Duration.ofSeconds(5));
    }

    private static Duration seconds(String text) {
        return Backoff.serverSeconds(text, Duration.ofSeconds(5));
    }

    /** Whether Discord has refused the webhook itself (401/403/404), and why. */
    public Optional<String> brokenReason() {
        return Optional.ofNullable(broken);
    }

    /** The webhook URL with its token hidden: {@code https://discord.com/api/webhooks/123/***}. */
    public String redactedUrl() {
        if (invalid != null) {
            return "(invalid: " + source.source() + ")";
        }
        return webhook == null ? "(none: " + source.source() + ")" : webhook.redacted();
    }

    private static String brief(String body) {
        String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
