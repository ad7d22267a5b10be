package dev.sigil.fleet.config.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookUrlTest {

    private static final String TOKEN = "Xy9-secret-token-with a space<and-bracket";
    private static final String DISCORD = "https://discord.com/api/webhooks/1311220000000000000/";

    @Test
    void aDiscordWebhookUrlIsAcceptedAndShownOnlyRedacted() {
        WebhookUrl url = WebhookUrl.parse(DISCORD + "abcdefghijklmnop-token?thread_id=42", "env SIGIL_DISCORD_WEBHOOK_URL");

        assertThat(url.uri().getHost()).isEqualTo("discord.com");
        assertThat(url.redacted()).isEqualTo("https://discord.com/api/webhooks/1311220000000000000/***");
        assertThat(url.toString()).isEqualTo("WebhookUrl[https://discord.com/api/webhooks/1311220000000000000/*** from env SIGIL_DISCORD_WEBHOOK_URL]");
        assertThat(url.scrub("POST " + url.uri() + " failed; token abcdefghijklmnop-token"))
                .isEqualTo("POST https://discord.com/api/webhooks/1311220000000000000/*** failed; token ***");
    }

    @Test
    void aTokenWithCharactersAUriRejectsIsReportedByPositionNeverShown() {
        String text = DISCORD + TOKEN;

        assertThatThrownBy(() -> WebhookUrl.parse(text, "env SIGIL_DISCORD_WEBHOOK_URL"))
                .isInstanceOf(Secret.SecretException.class)
                .hasMessage("the Discord webhook URL from env SIGIL_DISCORD_WEBHOOK_URL is invalid: illegal character in path at index "
                        + text.indexOf(' ') + " (the URL is not shown: it holds the webhook token)")
                .hasMessageNotContaining("Xy9-secret").hasMessageNotContaining("discord.com");
        assertThatThrownBy(() -> WebhookUrl.parse(DISCORD + "Xy9-secret<token", "file /etc/sigil/discord-webhook"))
                .hasMessageStartingWith("the Discord webhook URL from file /etc/sigil/discord-webhook is invalid: illegal character in path at index "
                        + (DISCORD.length() + 10))
                .hasMessageNotContaining("Xy9-secret");
    }

    @Test
    void onlyAbsoluteHttpsUrlsWithAHostAreAcceptedPlainHttpOnlyForThisMachine() {
        assertThat(WebhookUrl.parse("http://127.0.0.1:8123/api/webhooks/1/fake-token", "test").redacted())
                .isEqualTo("http://127.0.0.1:8123/api/webhooks/1/***");
        assertThat(WebhookUrl.parse("http://localhost/hook/Xy9-secret", "test").redacted()).isEqualTo("http://localhost/***");

        assertThatThrownBy(() -> WebhookUrl.parse("http://discord.com/api/webhooks/1/Xy9-secret", "test"))
                .hasMessageContaining("is invalid: it uses plain http: https is required").hasMessageNotContaining("Xy9-secret");
        assertThatThrownBy(() -> WebhookUrl.parse("discord.com/api/webhooks/1/Xy9-secret", "test"))
                .hasMessageContaining("is invalid: it is not an absolute URL").hasMessageNotContaining("Xy9-secret");
        assertThatThrownBy(() -> WebhookUrl.parse("Xy9-secret:token", "test"))
                .hasMessageContaining("is invalid: it is not an absolute URL").hasMessageNotContaining("Xy9-secret");
        assertThatThrownBy(() -> WebhookUrl.parse("ftp://discord.com/Xy9-secret", "test"))
                .hasMessageContaining("is invalid: its scheme is not https").hasMessageNotContaining("Xy9-secret");
        assertThatThrownBy(() -> WebhookUrl.parse("https:///api/webhooks/1/Xy9-secret", "test"))
                .hasMessageContaining("is invalid: it has no valid host name").hasMessageNotContaining("Xy9-secret");
        assertThatThrownBy(() -> WebhookUrl.parse("https://user:Xy9-secret@discord.com/api/webhooks/1/t", "test"))
                .hasMessageContaining("is invalid: it carries a user name or password").hasMessageNotContaining("Xy9-secret");
    }

    @Test
    void loadingReadsTheSecretOnceValidatedAndAnUnsetSourceIsNoWebhook(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("webhook"), DISCORD + TOKEN + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> WebhookUrl.load(Secret.fromFile(file)))
                .hasMessageStartingWith("the Discord webhook URL from file " + file + " is invalid: illegal character in path")
                .hasMessageNotContaining("Xy9-secret");
        assertThat(WebhookUrl.load(Secret.fromEnv("SIGIL_TEST_NO_SUCH_WEBHOOK_VARIABLE"))).isEmpty();

        Files.writeString(file, DISCORD + "good-token-1234\n");
        assertThat(WebhookUrl.load(Secret.fromFile(file))).hasValueSatisfying(url -> assertThat(url.source()).isEqualTo("file " + file));
    }
}
