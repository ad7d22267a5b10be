package dev.sigil.fleet.watch;

import dev.sigil.fleet.core.digest.DailyDigest;
import dev.sigil.fleet.db.digest.DigestStore;
import dev.sigil.fleet.db.report.FleetDigest;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.discord.DiscordMessage;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * The daily digest on Discord at {@code monitor.digest_utc_time}: one message for the fleet (a line per variant for the
 * last 24 hours, and the A/B verdict so far). Which day went out is kept in the fleet's first reachable variant
 * database and claimed there, so two monitors send it once; a failed send is retried at the next check.
 */
public final class DigestSender {

    /** The key whose values make the A/B arms, as in {@code fleet compare}. */
    static final String ARMS_BY = "exit.hard_stop_multiplier";

    private final FleetFile fleet;
    private final DiscordWebhookAlerter discord;
    private final Clock clock;
    private final String monitorId;

    public DigestSender(FleetFile fleet, DiscordWebhookAlerter discord, Clock clock, String monitorId) {
        this.fleet = fleet;
        this.discord = discord;
        this.clock = clock;
        this.monitorId = monitorId;
    }

    /** Sends the digest if it is due; says what it did (empty: nothing was due, or another monitor has it). */
    public Optional<String> sendIfDue() throws SQLException {
        Optional<LocalTime> time = fleet.settings().monitor().digestTime();
        if (time.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        for (VariantTarget keeper : fleet.variants().values()) {
            try (Connection connection = keeper.database().connect()) {
                Optional<LocalDate> day = DailyDigest.due(time.get(), DigestStore.lastSent(connection), now);
                if (day.isEmpty() || !DigestStore.claim(connection, day.get(), monitorId, now)) {
                    return Optional.empty();
                }
                DailyDigest.Digest digest = FleetDigest.read(List.copyOf(fleet.variants().values()), fleet.settings().monitor(), now, ARMS_BY);
                DiscordWebhookAlerter.Outcome outcome = discord.send(message(digest));
                if (outcome == DiscordWebhookAlerter.Outcome.DELIVERED || outcome == DiscordWebhookAlerter.Outcome.NOT_CONFIGURED) {
                    DigestStore.sent(connection, day.get(), monitorId, now);
                    return Optional.of("digest of " + day.get() + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT));
                }
                DigestStore.release(connection, day.get(), monitorId);
                return Optional.of("digest of " + day.get() + " not delivered (" + outcome + "); retried at the next check");
            } catch (SQLException e) {
                if (!DatabaseTarget.unreachable(e)) {
                    throw e;
                }
                // the next variant's database keeps the digest's record while this one is down
            }
        }
        return Optional.of("digest: no variant database reachable to keep its record; retried at the next check");
    }

    DiscordMessage message(DailyDigest.Digest digest) {
        List<DiscordMessage.Field> fields = digest.variants().stream()
                .map(day -> new DiscordMessage.Field(day.variant(), DailyDigest.line(day), false)).toList();
        return new DiscordMessage(fleet.settings().discord().username(), null, List.of(new DiscordMessage.Embed("📊 " + digest.title(),
                String.join("\n", digest.verdicts()), DiscordMessage.BLUE, fields, "sigil monitor " + monitorId + " · digest", digest.at())));
    }
}
