package dev.sigil.fleet.watch;

import dev.sigil.fleet.discord.DiscordMessage;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending what the watch decided, counted in its metrics, and the one claim helper: a message about a variant goes
 * out under a claim in the variant's database (a compare-and-set on what was read), is marked delivered when Discord
 * took it, and its claim is released when it did not — so two monitors send it once, and a failed send is retried by
 * the next check.
 */
final class Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    /** A statement on the variant's database. */
    @FunctionalInterface
    interface Sql {
        void run() throws SQLException;
    }

    /** A claim: true when this monitor won it. */
    @FunctionalInterface
    interface Claim {
        boolean take() throws SQLException;
    }

    /** What became of a claimed send. */
    enum Sent { NOT_CLAIMED, DELIVERED, FAILED }

    private final DiscordWebhookAlerter discord;
    private final MonitorMetrics metrics;

    Delivery(DiscordWebhookAlerter discord, MonitorMetrics metrics) {
        this.discord = discord;
        this.metrics = metrics;
    }

    /** Sends {@code message}; true when it went out (or there is no Discord to send to). A failure is logged. */
    boolean send(String variant, String kind, DiscordMessage message) {
        DiscordWebhookAlerter.Outcome outcome = discord.send(message);
        metrics.alert(variant, kind, outcome);
        if (outcome == DiscordWebhookAlerter.Outcome.NOT_CONFIGURED) {
            return true;
        }
        if (outcome != DiscordWebhookAlerter.Outcome.DELIVERED) {
            LOG.error("{}: {} alert not delivered ({}); it is retried on the next check", variant, kind, outcome);
            return false;
        }
        return true;
    }

    /** Claim → send → mark delivered, or release the claim. */
    Sent claimed(Claim claim, String variant, String kind, Supplier<DiscordMessage> message, Sql delivered, Sql release) throws SQLException {
        if (!claim.take()) {
            return Sent.NOT_CLAIMED;
        }
        if (send(variant, kind, message.get())) {
            delivered.run();
            return Sent.DELIVERED;
        }
        release.run();
        return Sent.FAILED;
    }
}
