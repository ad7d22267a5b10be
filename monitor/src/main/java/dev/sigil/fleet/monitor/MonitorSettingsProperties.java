package dev.sigil.fleet.monitor;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * Where the monitor reads its fleet and keeps its local state: {@code SIGIL_FLEET_FILE} / {@code --fleet} and
 * {@code SIGIL_MONITOR_STATE} / {@code --state-file}. Everything else is in the fleet file's monitor and discord sections.
 *
 * @param fleetFile the fleet file (default /etc/sigil/fleet.yaml)
 * @param stateFile the file keeping incidents about unreachable databases (default /var/lib/sigil/monitor-unreachable.json)
 */
@ConfigurationProperties("sigil.monitor")
public record MonitorSettingsProperties(
        @Bindable(defaultValue = "/etc/sigil/fleet.yaml") Path fleetFile,
        @Nullable Path stateFile) {
}
