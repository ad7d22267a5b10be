package dev.sigil.fleet.session;

import dev.sigil.fleet.core.engine.Continuation;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.core.retry.Backoff;
import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.db.DatabaseWait;
import dev.sigil.fleet.db.engine.EngineStateStore;
import dev.sigil.fleet.db.ledger.ReplayTradeLedger;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import dev.sigil.fleet.db.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The variant's rows in {@code sessions}: a session's start (closing, as {@code aborted}, one a dead process left open —
 * and then continuing its span, ticks and guards), a replay rollover's row kept back for the next checkpoint, and a
 * session's end, always written or left for the next start to close.
 */
final class SessionRows {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRows.class);
    private static final int SESSION_ID_BLOCK = 64;
    private static final int END_ATTEMPTS = 3;

    /** A session's row as its start left it. */
    record Opened(long id, SessionStore.Deferred deferred, ReplayTradeLedger predecessor, Optional<Continuation> continued,
                  Map<String, String> lastCheckpoint) {
    }

    private final String variant;
    private final SessionStore sessions;
    private final EngineStateStore engineState;
    private final Clock clock;
    private final String host;
    private final long pid;
    /** Session ids reserved for replay rollovers (dropped when a session starts the ordinary way). */
    private final Deque<Long> reservedIds = new ArrayDeque<>();
    /**
     * Replay: the ledger of the session that just ended on its duration, its end not written yet — the next session's
     * ledger writes it with its first checkpoint (null: no such session).
     */
    private ReplayTradeLedger endedNotWritten;
    /**
     * Whether the next session start looks for sessions left open: at a process's first start (a dead process may have
     * left one), and after this process failed to write a session's end; not at a plain rollover.
     */
    private boolean lookForOpenSessions = true;
    private volatile Long current;

    SessionRows(String variant, SessionStore sessions, EngineStateStore engineState, Clock clock, String host, long pid) {
        this.variant = variant;
        this.sessions = sessions;
        this.engineState = engineState;
        this.clock = clock;
        this.host = host;
        this.pid = pid;
    }

    /** The session being run, if any. */
    Long current() {
        return current;
    }

    /**
     * A new session's row: after a replay rollover, reserved and left for the next checkpoint; else written now in one
     * transaction with closing any session a dead process left open.
     */
    Opened open(Instant started, int durationSeconds, String configHash, String configJson, String marketKind) {
        ReplayTradeLedger predecessor = endedNotWritten;
        endedNotWritten = null;
        long sessionId;
        SessionStore.Deferred deferred = null;
        Optional<Continuation> continued = Optional.empty();
        Map<String, String> lastCheckpoint = Map.of();
        if (predecessor != null) {
            // a replay rollover: this session's row goes in with the next checkpoint, after the end of the one before
            if (reservedIds.isEmpty()) {
                reservedIds.addAll(sessions.reserveIds(SESSION_ID_BLOCK));
            }
            sessionId = reservedIds.removeFirst();
            deferred = new SessionStore.Deferred(sessionId, variant, started, durationSeconds, configHash, configJson, marketKind, host, pid);
        } else {
            SessionStore.Started session = sessions.start(variant, started, durationSeconds, configHash, configJson, marketKind, host, pid,
                    lookForOpenSessions);
            lookForOpenSessions = false;
            // the sequence has moved past the ids kept back: using them now would number sessions out of time order
            reservedIds.clear();
            session.aborted().forEach(aborted -> LOG.warn("{}: session {} (started {}) was left open by a process that died; closed as aborted at its last heartbeat {}",
                    variant, aborted.id(), aborted.startedAt(), aborted.endedAt()));
            sessionId = session.id();
            if (!session.aborted().isEmpty()) {
                // a crash is not a session boundary: the new row goes on with the dead session's span, ticks and guards
                lastCheckpoint = engineState.readAll();
                continued = Continuation.of(session.aborted().stream().map(SessionStore.Aborted::id).collect(Collectors.toSet()), lastCheckpoint);
            }
        }
        current = sessionId;
        return new Opened(sessionId, deferred, predecessor, continued, lastCheckpoint);
    }

    /** A plain replay rollover: the next session's first checkpoint writes this one's end with its writes. */
    void endWithNextCheckpoint(ReplayTradeLedger ledger, long sessionId, SessionStore.End end) {
        ledger.endLater(end);
        endedNotWritten = ledger;
        current = null;
        LOG.info("{}: session {} ended ({})", variant, sessionId, end.reason());
    }

    /** Writes the session's end, retrying briefly; a failure is logged at ERROR, and the next start closes the session. */
    boolean end(long sessionId, EndReason reason, Instant marketStart, Instant marketEnd) {
        if (retried(() -> sessions.end(sessionId, clock.instant(), reason, marketStart, marketEnd),
                () -> "could not write the end of session " + sessionId + " (" + reason + ")")) {
            LOG.info("{}: session {} ended ({})", variant, sessionId, reason);
            current = null;
            return true;
        }
        LOG.error("{}: session {} is left open; the next start closes it as aborted", variant, sessionId);
        lookForOpenSessions = true;
        return false;
    }

    /**
     * Writes the end of a replay session whose end was left to the next session, when no next session comes (a stop,
     * a lost lock): one checkpoint of its ledger, retried briefly like {@link #end}. On failure the ticks it would have
     * made durable are replayed by the next start, which closes a session left open as aborted.
     */
    void settle(ScanEngine engine, Instant completedThrough) {
        ReplayTradeLedger ended = endedNotWritten;
        endedNotWritten = null;
        if (ended == null) {
            return;
        }
        if (!retried(() -> ended.checkpoint(new RunnerLedger.Checkpoint(completedThrough, engine.engineState(), clock.instant())),
                () -> "could not write the end of the last session and its " + ended.pendingWrites() + " write(s)")) {
            LOG.error("{}: the last session's end is not written; the next start replays its ticks and closes what is left open", variant);
            lookForOpenSessions = true;
        }
    }

    /**
     * A write tried up to three times, half a second more apart each time, each failure logged at ERROR ({@code what}
     * failed: why); false if it never succeeded (or the thread was interrupted while waiting).
     */
    private boolean retried(Runnable write, Supplier<String> what) {
        return new Backoff(Duration.ofMillis(500), Duration.ofMillis(1500)).attempts(END_ATTEMPTS, Thread::sleep, write::run,
                (attempt, error) -> LOG.error("{}: {}, attempt {}/{}: {}", variant, what.get(), attempt, END_ATTEMPTS, DatabaseWait.describe(error)));
    }
}
