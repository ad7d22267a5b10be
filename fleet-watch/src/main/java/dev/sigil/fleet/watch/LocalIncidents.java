package dev.sigil.fleet.watch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents about databases the monitor cannot reach — they cannot be kept in those databases — in a small JSON file
 * next to the monitor, so a restart neither forgets them nor alerts twice. Written atomically (temp file, then move).
 */
final class LocalIncidents {

    private static final Logger LOG = LoggerFactory.getLogger(LocalIncidents.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** One open "unreachable" incident. {@code alertedAt} is null until an alert went out. */
    record Incident(Instant openedAt, Instant alertedAt, int alerts, String error) {
    }

    private final Path file;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();

    LocalIncidents(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try {
                incidents.putAll(JSON.readValue(file.toFile(), new TypeReference<Map<String, Incident>>() { }));
            } catch (IOException e) {
                LOG.error("cannot read the monitor's incident file {} ({}); starting without it", file, e.getMessage());
            }
        }
    }

    synchronized Optional<Incident> get(String variant) {
        return Optional.ofNullable(incidents.get(variant));
    }

    synchronized Incident openOrTouch(String variant, Instant now, String error) {
        Incident incident = incidents.computeIfAbsent(variant, key -> new Incident(now, null, 0, error));
        if (!error.equals(incident.error())) {
            incident = new Incident(incident.openedAt(), incident.alertedAt(), incident.alerts(), error);
            incidents.put(variant, incident);
        }
        save();
        return incident;
    }

    synchronized void delivered(String variant, Instant now) {
        Incident incident = incidents.get(variant);
        if (incident != null) {
            incidents.put(variant, new Incident(incident.openedAt(), now, incident.alerts() + 1, incident.error()));
            save();
        }
    }

    synchronized Optional<Incident> close(String variant) {
        Incident incident = incidents.remove(variant);
        if (incident != null) {
            save();
        }
        return Optional.ofNullable(incident);
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), incidents);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("cannot write the monitor's incident file {}: {}", file, e.getMessage());
        }
    }
}
