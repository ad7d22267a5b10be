package dev.sigil.fleet.config.fleet;

import dev.sigil.fleet.core.config.ConfigLayer;
import dev.sigil.fleet.core.config.ConfigResolver;
import dev.sigil.fleet.core.config.ConfigSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fleet file's {@code monitor:} and {@code discord:} sections, with their defaults, validated like overlays. */
public record FleetSettings(MonitorSettings monitor, DiscordSettings discord) {

    private static final ConfigResolver RESOLVER = new ConfigResolver(ConfigSchema.of(FleetSettings.class));

    /** The defaults, as a config layer: what a fleet file without these sections gets. */
    static ConfigLayer defaults() {
        Map<String, Object> monitor = new LinkedHashMap<>();
        monitor.put("check_interval_seconds", 300);
        monitor.put("stale_after_seconds", 1500);
        monitor.put("data_stale_after_seconds", 900);
        monitor.put("stuck_after_seconds", 300);
        monitor.put("realert_minutes", 60);
        monitor.put("flap_threshold", 3);
        monitor.put("digest_utc_time", "08:00");
        Map<String, Object> discord = new LinkedHashMap<>();
        discord.put("webhook_url_env", "SIGIL_DISCORD_WEBHOOK_URL");
        discord.put("webhook_url_file", "");
        discord.put("username", "Sigil monitor");
        return new ConfigLayer("(defaults)", Map.of("monitor", monitor, "discord", discord));
    }

    public static FleetSettings defaultSettings() {
        return RESOLVER.resolveRecord(List.of(defaults()), FleetSettings.class);
    }

    static FleetSettings resolve(String origin, Map<String, Object> sections) {
        return RESOLVER.resolveRecord(List.of(defaults(), new ConfigLayer(origin, sections)), FleetSettings.class);
    }
}
