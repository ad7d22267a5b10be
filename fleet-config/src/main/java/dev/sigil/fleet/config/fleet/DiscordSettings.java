package dev.sigil.fleet.config.fleet;

import dev.sigil.fleet.core.config.Setting;

/**
 * The fleet file's {@code discord:} section. The webhook URL is a secret: it comes from an environment variable or a
 * file only its owner can read, never from the fleet file.
 */
public record DiscordSettings(
        @Setting(value = "environment variable holding the webhook URL", pattern = "[A-Z_][A-Z0-9_]*")
        String webhookUrlEnv,
        @Setting(value = "file (mode 0600) holding the webhook URL, used when set; empty = none", pattern = "(|/.*)")
        String webhookUrlFile,
        @Setting(value = "the name the messages are posted under", pattern = "[^\\n]{1,80}")
        String username) {

    /** Where the webhook URL lives (read only when needed). */
    public Secret webhookUrl() {
        return webhookUrlFile.isEmpty() ? Secret.fromEnv(webhookUrlEnv) : Secret.fromFile(java.nio.file.Path.of(webhookUrlFile));
    }

    /**
     * The webhook URL, read and validated now; empty when none is configured.
     *
     * @throws Secret.SecretException when it is malformed (the message names its source and the problem, never the URL)
     *         or its file is unsafe or unreadable
     */
    public java.util.Optional<WebhookUrl> webhook() {
        return WebhookUrl.load(webhookUrl());
    }
}
