package dev.sigil.fleet.session;

import dev.sigil.fleet.config.overlay.ConfigJson;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.core.config.InvalidConfigException;
import dev.sigil.fleet.core.guard.EngineStateKeys;
import dev.sigil.fleet.core.session.OverlayAcceptance;
import dev.sigil.fleet.db.DatabaseWait;
import dev.sigil.fleet.db.engine.EngineStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variant's config as its files say: base + overlay + --set pairs, read again at each session start when the files
 * changed, and accepted or refused by {@link OverlayAcceptance}. A refusal keeps the running config: logged, counted
 * in {@code sigil_overlay_refused} and recorded in engine_state ({@code config.overlay_problem}) for fleet status.
 */
final class OverlayWatch {

    private static final Logger LOG = LoggerFactory.getLogger(OverlayWatch.class);

    private final RunnerSettings settings;
    private final EngineStateStore engineState;
    private final Clock clock;
    private RunnerMetrics metrics;
    private String lastStamp;

    OverlayWatch(RunnerSettings settings, EngineStateStore engineState, Clock clock) {
        this.settings = settings;
        this.engineState = engineState;
        this.clock = clock;
    }

    /** The effective config: base + overlay + --set pairs, validated (throws with every problem). */
    EffectiveConfig resolve() {
        if (settings.variant() == null || settings.variant().isBlank()) {
            throw new IllegalArgumentException("no variant given (--variant NAME or SIGIL_RUNNER_VARIANT)");
        }
        return new GridOverlays(settings.overlays()).resolve(settings.overlayFile(), settings.setPairs());
    }

    /** The first session runs with what the runner started with: no problem to report, the files' stamp noted. */
    void started(RunnerMetrics runnerMetrics) {
        this.metrics = runnerMetrics;
        problem("");
        lastStamp = stamp();
    }

    /** The config of the next session: the files as they are now if they changed and are accepted, else {@code current}. */
    EffectiveConfig next(EffectiveConfig current) {
        String stamp = stamp();
        if (stamp.equals(lastStamp)) {
            // the files have not changed since the last session start: nothing to read again (replay sessions are short)
            return current;
        }
        lastStamp = stamp;
        String variant = settings.variant();
        EffectiveConfig next = null;
        String invalid = null;
        try {
            next = resolve();
        } catch (InvalidConfigException | IllegalArgumentException e) {
            invalid = e.getMessage();
        }
        OverlayAcceptance.Decision decision = OverlayAcceptance.decide(current, fingerprint(current), next, next == null ? null : fingerprint(next),
                invalid, "systemctl restart sigil-runner@" + variant);
        switch (decision) {
            case OverlayAcceptance.Keep keep -> {
                if (keep.invalid()) {
                    LOG.error("{}: the overlay is invalid; the next session keeps the config it ran with — {}", variant, invalid);
                } else {
                    LOG.warn("{}: {}; the next session keeps the config it ran with", variant, keep.problem());
                }
                problem(keep.problem());
                return current;
            }
            case OverlayAcceptance.Same same -> {
                problem("");
                return current;
            }
            case OverlayAcceptance.Take take -> {
                problem("");
                LOG.info("{}: the overlay changed; the next session runs with {}", variant, take.changes());
                return take.next();
            }
        }
    }

    private static String fingerprint(EffectiveConfig effective) {
        return ConfigJson.hash(ConfigJson.json(effective));
    }

    /** The overlay files' sizes and modification times: what changes when a person edits or applies an overlay. */
    private String stamp() {
        StringBuilder stamp = new StringBuilder();
        for (Path file : List.of(settings.overlays().resolve(GridOverlays.BASE), settings.overlayFile())) {
            try {
                stamp.append(file).append(Files.getLastModifiedTime(file).toMillis()).append(':').append(Files.size(file)).append(';');
            } catch (IOException e) {
                stamp.append(file).append(" unreadable;");
            }
        }
        return stamp.toString();
    }

    private void problem(String problem) {
        metrics.overlayRefused(!problem.isEmpty());
        try {
            engineState.write(Map.of(EngineStateKeys.OVERLAY_PROBLEM, problem), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("{}: engine_state not written ({}): {}", settings.variant(), EngineStateKeys.OVERLAY_PROBLEM, DatabaseWait.describe(e));
        }
    }
}
