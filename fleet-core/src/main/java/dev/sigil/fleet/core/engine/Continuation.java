package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.guard.EngineStateKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A session that goes on with one a crash interrupted. A crash is not a session boundary: the new session's row
 * continues the dead one's span (its duration counts from the same instant, so the next boundary falls where an
 * uninterrupted run's would), its tick count and its guards (mode, episodes, cool-downs, windows), restored from the
 * last checkpoint. Only a session whose checkpoint state is its own continues; any other start is a fresh session.
 *
 * @param spanStart the instant the interrupted session's duration counted from, on its tick clock
 * @param lastTick the interrupted session's last durable tick number
 */
public record Continuation(long sessionId, Instant spanStart, long lastTick) {

    /**
     * @param aborted the sessions the new session's start closed as aborted (left open by a process that died)
     * @param engineState the last checkpoint's engine_state
     */
    public static Optional<Continuation> of(Set<Long> aborted, Map<String, String> engineState) {
        String id = engineState.getOrDefault(EngineStateKeys.SESSION_ID, "");
        String span = engineState.getOrDefault(EngineStateKeys.SESSION_SPAN_START, "");
        String tick = engineState.getOrDefault(EngineStateKeys.SESSION_TICK, "");
        if (id.isEmpty() || span.isEmpty() || tick.isEmpty() || !aborted.contains(Long.parseLong(id))) {
            return Optional.empty();
        }
        return Optional.of(new Continuation(Long.parseLong(id), Instant.parse(span), Long.parseLong(tick)));
    }

    /** The session keys a checkpoint writes beside the engine's own (what {@link #of} reads back). */
    public static Map<String, String> keys(long sessionId, Instant spanStart, Instant marketStart, long tick) {
        return Map.of(EngineStateKeys.SESSION_ID, Long.toString(sessionId),
                EngineStateKeys.SESSION_SPAN_START, spanStart == null ? "" : spanStart.toString(),
                EngineStateKeys.SESSION_MARKET_START, marketStart == null ? "" : marketStart.toString(),
                EngineStateKeys.SESSION_TICK, Long.toString(tick));
    }
}
