package dev.sigil.fleet.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.CapturedLogs;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscordWebhookAlerterTest {

    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private FakeDiscordServer discord;

    @AfterEach
    void stop() {
        if (discord != null) {
            discord.close();
        }
    }

    private DiscordWebhookAlerter alerter(java.net.URI url) throws Exception {
        java.nio.file.Path file = Files.createTempFile("webhook", ".url");
        Files.writeString(file, url.toString());
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return new DiscordWebhookAlerter(Secret.fromFile(file), new DiscordWebhookAlerter.Settings(Duration.ofSeconds(2), 3, Duration.ofMillis(50),
                Duration.ofSeconds(5)), HttpClient.newHttpClient(), Clock.systemUTC(), duration -> {
                    pauses.add(duration);
                    Thread.sleep(duration);
                });
    }

    private static DiscordMessage alert(String title) {
        return new DiscordMessage("Sigil monitor", null, List.of(new DiscordMessage.Embed(title, "no scan cycle has ended for 26 min",
                DiscordMessage.RED, List.of(new DiscordMessage.Field("variant", "baseline", true)), "sigil-monitor", Instant.now())));
    }

    @Test
    void oversizedMessageIsFittedToEveryLimitAndNeverEarnsA400() throws Exception {
        discord = FakeDiscordServer.start(message -> { });
        List<DiscordMessage.Embed> embeds = new ArrayList<>();
        for (int e = 0; e < 12; e++) {
            List<DiscordMessage.Field> fields = new ArrayList<>();
            for (int f = 0; f < 30; f++) {
                fields.add(new DiscordMessage.Field("n".repeat(300), "v".repeat(2000), false));
            }
            embeds.add(new DiscordMessage.Embed("t".repeat(400), "d".repeat(5000), DiscordMessage.AMBER, fields, "f".repeat(3000), Instant.now()));
        }
        DiscordMessage huge = new DiscordMessage("u".repeat(100), "c".repeat(5000), embeds);

        DiscordMessage fitted = DiscordLimits.fit(huge);
        assertThat(DiscordLimits.violations(new ObjectMapper().valueToTree(fitted.json()))).isEmpty();
        assertThat(fitted.content()).hasSize(2000).endsWith("…");
        assertThat(DiscordLimits.violations(new ObjectMapper().valueToTree(huge.json()))).contains("content: Must be 2000 or fewer in length.",
                "embeds: Must be 10 or fewer in length.", "embeds: Embed size exceeds maximum size of 6000");

        assertThat(alerter(discord.webhookUrl()).send(huge)).isEqualTo(DiscordWebhookAlerter.Outcome.DELIVERED);
        assertThat(discord.statuses()).containsExactly(200);
    }

    @Test
    void whenTheBucketIsEmptyTheNextSendWaitsInsteadOfHittingTheLimit() throws Exception {
        discord = new FakeDiscordServer(Clock.systemUTC(), 2, Duration.ofMillis(800), message -> { });
        DiscordWebhookAlerter alerter = alerter(discord.webhookUrl());

        for (int i = 0; i < 5; i++) {
            assertThat(alerter.send(alert("stale " + i))).isEqualTo(DiscordWebhookAlerter.Outcome.DELIVERED);
        }

        assertThat(discord.statuses()).as("never a 429").containsOnly(200).hasSize(5);
        long waited = pauses.stream().mapToLong(Duration::toMillis).sum();
        assertThat(waited).as("five sends through a bucket of 2 per 0.8 s wait for it to refill").isGreaterThanOrEqualTo(1200);
    }

    @Test
    void a429IsHonouredWithItsRetryAfterAndTheMessageStillGoesOut() throws Exception {
        discord = FakeDiscordServer.start(message -> { });
        discord.queue(429, "{\"message\": \"You are being rate limited.\", \"retry_after\": 0.25, \"global\": false}",
                Map.of("Retry-After", "1", "X-RateLimit-Scope", "user"));

        assertThat(alerter(discord.webhookUrl()).send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.DELIVERED);
        assertThat(discord.statuses()).containsExactly(429, 200);
        assertThat(pauses).singleElement().satisfies(wait -> assertThat(wait.toMillis()).isBetween(200L, 250L));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndAnOutageIsReportedAsFailed() throws Exception {
        discord = FakeDiscordServer.start(message -> { });
        discord.queue(500, "{\"message\": \"500: Internal Server Error\", \"code\": 0}", Map.of());
        discord.queue(502, "<html>Bad Gateway</html>", Map.of());
        DiscordWebhookAlerter alerter = alerter(discord.webhookUrl());

        assertThat(alerter.send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.DELIVERED);
        assertThat(pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));

        for (int i = 0; i < 3; i++) {
            discord.queue(503, "Service Unavailable", Map.of());
        }
        assertThat(alerter.send(alert("stale again"))).isEqualTo(DiscordWebhookAlerter.Outcome.FAILED);
    }

    @Test
    void unknownWebhookIsReportedAndNeverHammered() throws Exception {
        discord = FakeDiscordServer.start(message -> { });
        java.net.URI wrong = java.net.URI.create(discord.webhookUrl().toString().replace("fake-token", "wrong-token"));
        DiscordWebhookAlerter alerter = alerter(wrong);

        assertThat(alerter.send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.WEBHOOK_BROKEN);
        assertThat(alerter.send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.WEBHOOK_BROKEN);
        assertThat(alerter.send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.WEBHOOK_BROKEN);

        assertThat(discord.statuses()).as("one request, then silence").containsExactly(404);
        assertThat(alerter.brokenReason()).hasValueSatisfying(reason -> assertThat(reason).contains("404").contains("Unknown Webhook"));
        assertThat(alerter.redactedUrl()).endsWith("/***").doesNotContain("wrong-token");
    }

    @Test
    void aMalformedWebhookUrlIsNeverSentNeverThrownNeverShownOnlyNamedByItsSourceAndProblem() throws Exception {
        discord = FakeDiscordServer.start(message -> { });
        for (String token : List.of("Xy9-secret token", "Xy9-secret<token")) {
            String url = discord.webhookUrl().toString().replace("fake-token-for-local-use", token);
            java.nio.file.Path file = Files.createTempFile("webhook", ".url");
            Files.writeString(file, url);
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

            try (CapturedLogs logs = CapturedLogs.start()) {
                DiscordWebhookAlerter alerter = new DiscordWebhookAlerter(Secret.fromFile(file), DiscordWebhookAlerter.Settings.defaults(),
                        HttpClient.newHttpClient(), Clock.systemUTC(), pauses::add);

                assertThat(alerter.send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.INVALID_WEBHOOK);
                assertThat(alerter.send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.INVALID_WEBHOOK);
                assertThat(alerter.invalidReason()).hasValue("the Discord webhook URL from file " + file
                        + " is invalid: illegal character in path at index " + (url.indexOf("Xy9-secret") + 10)
                        + " (the URL is not shown: it holds the webhook token)");
                assertThat(alerter.redactedUrl()).isEqualTo("(invalid: file " + file + ")");
                assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains("Xy9-secret"));
            }
        }
        assertThat(discord.statuses()).as("nothing was sent").isEmpty();
    }

    @Test
    void withoutAWebhookAlertsAreLoggedAndReportedAsNotConfigured() {
        DiscordWebhookAlerter alerter = new DiscordWebhookAlerter(Secret.fromEnv("SIGIL_TEST_NO_SUCH_WEBHOOK_VARIABLE"),
                DiscordWebhookAlerter.Settings.defaults(), HttpClient.newHttpClient(), Clock.systemUTC(), pauses::add);
        assertThat(alerter.send(alert("stale"))).isEqualTo(DiscordWebhookAlerter.Outcome.NOT_CONFIGURED);
    }
}
