package dev.sigil.fleet.config.fleet;

import dev.sigil.fleet.core.config.Setting;

/** The fleet file's {@code monitor:} section: how the dead-man monitor checks and alerts. */
public record MonitorSettings(
        @Setting(value = "seconds between two checks of every variant's heartbeat", min = 10, max = 86_400)
        int checkIntervalSeconds,
        @Setting(value = "a variant is stale when no scan cycle has ended for this many seconds", min = 10, max = 604_800)
        int staleAfterSeconds,
        @Setting(value = "a variant is data_stalled when its newest candle has not moved for this many seconds", min = 10, max = 604_800)
        int dataStaleAfterSeconds,
        @Setting(value = "a cycle running this many seconds is reported as stuck (not alerted until stale)", min = 10, max = 604_800)
        int stuckAfterSeconds,
        @Setting(value = "while an incident stays open, a reminder every this many minutes", min = 1, max = 10_080)
        int realertMinutes,
        @Setting(value = "a variant with more incidents than this in one hour is reported once as flapping", min = 1, max = 1_000)
        int flapThreshold,
        @Setting(value = "UTC time of the daily digest on Discord, \"HH:MM\" in quotes (YAML reads 08:00 unquoted as a number); empty = none",
                pattern = "(|([01][0-9]|2[0-3]):[0-5][0-9])")
        String digestUtcTime) {

    /** The digest's time, if there is one. */
    public java.util.Optional<java.time.LocalTime> digestTime() {
        return digestUtcTime.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(java.time.LocalTime.parse(digestUtcTime));
    }

    /**
     * The watch's rule with these thresholds (the monitor, the probe and fleet status judge with it).
     *
     * @param staleAfter overrides {@code stale_after_seconds} (the probe's {@code --stale-after}); null: this file's
     */
    public dev.sigil.fleet.core.incident.WatchRule watchRule(java.time.Duration staleAfter) {
        return dev.sigil.fleet.core.incident.WatchRule.of(staleAfter != null ? staleAfter : java.time.Duration.ofSeconds(staleAfterSeconds),
                java.time.Duration.ofSeconds(dataStaleAfterSeconds), java.time.Duration.ofSeconds(stuckAfterSeconds),
                java.time.Duration.ofMinutes(realertMinutes), flapThreshold);
    }
}
