package dev.sigil.fleet.core.session;

import java.time.Duration;

/**
 * How long to wait before the session that follows a HALT. The first HALT is followed at once by a session that
 * observes and manages exits (the breaker stays tripped); a HALT that repeats — the next session halting again
 * before it has run {@code longest} — waits {@code first}, then twice as long each time, never more than
 * {@code longest}. Any other end of a session, or a session that ran at least {@code longest}, ends the streak.
 */
public final class HaltBackoff {

    private final Duration first;
    private final Duration longest;
    private int streak;

    public HaltBackoff(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
    }

    /** Records how a session ended and how long it ran; returns the wait before the next one. */
    public Duration after(boolean halted, Duration ran) {
        if (!halted) {
            streak = 0;
            return Duration.ZERO;
        }
        streak = ran.compareTo(longest) >= 0 ? 1 : streak + 1;
        if (streak == 1) {
            return Duration.ZERO;
        }
        Duration wait = first;
        for (int i = 2; i < streak && wait.compareTo(longest) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    /** HALTs in a row so far (0 after a session that did not halt). */
    public int streak() {
        return streak;
    }
}
