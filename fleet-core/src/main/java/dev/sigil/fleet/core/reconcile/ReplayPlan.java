package dev.sigil.fleet.core.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How to replay a live run so the replay sees what the live engine saw: one replay per <b>segment</b> — consecutive
 * sessions of one process (one engine in memory) with one config — in one database, so positions, protections and
 * risk carry over from one to the next as they did live.
 * <p>
 * A segment trades from {@code start} (its first session's first candle) to {@code end}; the candles before
 * {@code start} only warm the indicators up, from {@code warmUpFrom} minus the warm-up span (the shell's): for the
 * first segment of a process that is the start-up warm-up the process did; for a segment after a config change in
 * the same process, the process's own start, as its indicators carried on. Sessions that saw no candle are left out.
 * The plan also names the boundaries where the live engine was rebuilt: each restart of the process, each config change.
 */
public record ReplayPlan(List<Segment> segments, List<Boundary> boundaries) {

    /** One replay run: its sessions, the config (of {@code configSessionId}) and its span on the candle clock. */
    public record Segment(List<Long> sessionIds, long configSessionId, String configHash, Instant warmUpFrom, Instant start, Instant end) {
    }

    /** The plan of {@code sessions} (in id order). */
    public static ReplayPlan of(List<LiveSession> sessions) {
        List<Segment> segments = new ArrayList<>();
        List<Boundary> boundaries = new ArrayList<>();
        LiveSession previous = null;
        Instant processStart = null;
        List<Long> ids = new ArrayList<>();
        LiveSession first = null;
        LiveSession last = null;
        for (LiveSession session : sessions) {
            if (session.marketStart() == null) {
                continue;
            }
            boolean restart = previous == null || !session.sameProcessAs(previous);
            boolean configChange = previous != null && !session.configHash().equals(previous.configHash());
            if (restart || configChange) {
                if (first != null) {
                    segments.add(new Segment(List.copyOf(ids), first.id(), first.configHash(), processStart, first.marketStart(), last.end()));
                }
                ids.clear();
                first = session;
                if (restart) {
                    processStart = session.marketStart();
                }
                if (previous != null && restart) {
                    boundaries.add(new Boundary(Boundary.Kind.RESTART, session.marketStart(), "session " + session.id() + " started by another process"
                            + " after session " + previous.id() + " ended " + previous.endReason()));
                }
                if (configChange) {
                    boundaries.add(new Boundary(Boundary.Kind.CONFIG_CHANGE, session.marketStart(), "session " + session.id() + " ran config "
                            + shortHash(session.configHash()) + ", session " + previous.id() + " " + shortHash(previous.configHash())));
                }
            }
            ids.add(session.id());
            last = session;
            previous = session;
        }
        if (first != null) {
            segments.add(new Segment(List.copyOf(ids), first.id(), first.configHash(), processStart, first.marketStart(), last.end()));
        }
        return new ReplayPlan(List.copyOf(segments), List.copyOf(boundaries));
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }
}
