package dev.sigil.fleet.core.guard;

import dev.sigil.fleet.core.config.GuardSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guard state machine of one session, driven tick by tick. Per tick every source is measured once; then
 * recovery is evaluated for every source, and only then entry — so a recovery and an immediate re-trigger on the
 * same tick are both seen. The mode is DEGRADED while any source is degraded (sources are independent: one's
 * cool-down or episodes never hold back another's recovery). A guard source entering DEGRADED more often than the
 * cap in one session, or a wallet-truth divergence above its halt level, HALTs; HALT is final for the session.
 */
public final class GuardMachine {

    /** What a tick decided: the mode after it, the halt reason if it halted, and the events in order. */
    public record Outcome(Mode mode, String haltReason, List<GuardEvent> events) {
        /** A tick without events (most of them): one shared value per mode, nothing allocated. */
        static final Outcome QUIET_ACTIVE = new Outcome(Mode.ACTIVE, null, List.of());
        static final Outcome QUIET_DEGRADED = new Outcome(Mode.DEGRADED, null, List.of());
    }

    public static final String DEGRADED_EPISODE_CAP = "degraded_episode_cap";
    public static final String INVENTORY_TRUTH_HALT = "inventory_truth_halt";

    private final GuardSettings settings;
    private final GuardTicks ticks;
    // arrays, not lists: a tick walks them several times and must not allocate an iterator each time
    private final SourceTracker[] trackers;
    private final WalletTruth walletTruth;
    private final GuardSignal[] signals;
    /** The tick's events while it is evaluated (reused); the outcome carries a copy, or none. */
    private final List<GuardEvent> events = new ArrayList<>();
    private Mode mode = Mode.ACTIVE;
    private String haltReason = "";
    private int entryCount;
    private int guardEntryCount;
    private int recoveryCount;

    /** @param tickSeconds the length of a tick, which turns the settings' durations into tick counts ({@link GuardTicks}) */
    public GuardMachine(GuardSettings settings, long tickSeconds) {
        this.settings = settings;
        this.ticks = GuardTicks.of(settings, tickSeconds);
        AnchorSaturation anchor = new AnchorSaturation(settings, ticks.anchorWindow());
        DirectionalDrift drift = new DirectionalDrift(settings, ticks.driftWindow());
        InventoryCorridor corridor = new InventoryCorridor(settings, ticks.corridorLookback());
        this.walletTruth = new WalletTruth(settings);
        this.signals = new GuardSignal[] {anchor, drift, corridor, walletTruth};
        int recoveryCooldown = ticks.recoveryCooldown();
        this.trackers = new SourceTracker[] {
            new SourceTracker(GuardSource.ANCHOR_SATURATION, anchor, ticks.anchorStability(), recoveryCooldown, settings.anchorRecoveryEnabled()),
            new SourceTracker(GuardSource.DIRECTIONAL_DRIFT, drift, ticks.driftStability(), recoveryCooldown, settings.driftRecoveryEnabled()),
            new SourceTracker(GuardSource.INVENTORY_CORRIDOR, corridor, ticks.corridorLookback(), recoveryCooldown, settings.corridorRecoveryEnabled()),
            // the truth guard's recovery is the design's own: the first check that agrees, no cool-down
            new SourceTracker(GuardSource.WALLET_TRUTH, walletTruth, 1, 0, settings.truthRecoveryEnabled())};
    }

    /** The settings' durations in ticks of this machine's cadence. */
    public GuardTicks ticks() {
        return ticks;
    }

    /**
     * A new session: the mode, the halt reason, the counters and every source's state, episodes and cool-down start
     * afresh, as the design says; the measurement windows keep what they have seen, so a crash in the session's
     * second tick is judged against the market before it, not against an empty window.
     */
    public void newSession() {
        mode = Mode.ACTIVE;
        haltReason = "";
        entryCount = 0;
        guardEntryCount = 0;
        recoveryCount = 0;
        for (SourceTracker tracker : trackers) {
            tracker.reset();
        }
    }

    /**
     * Fills the measurement windows with a time step the engine only warms up on (history before the first tick, or
     * candles a resumed replay had already traded): nothing is decided, no event, no counter.
     */
    public void observe(GuardInputs inputs) {
        for (GuardSignal signal : signals) {
            signal.measure(inputs);
        }
    }

    public Outcome evaluate(long tick, GuardInputs inputs) {
        if (mode == Mode.HALT) {
            return new Outcome(mode, haltReason, List.of());
        }
        for (GuardSignal signal : signals) {
            signal.measure(inputs);
        }
        events.clear();
        for (SourceTracker tracker : trackers) {
            if (tracker.evaluateRecovery(tick, events) && tracker.source().countsTowardEpisodeCap()) {
                recoveryCount++;
            }
        }
        for (SourceTracker tracker : trackers) {
            if (tracker.evaluateEntry(tick, events)) {
                entryCount++;
                if (tracker.source().countsTowardEpisodeCap()) {
                    guardEntryCount++;
                }
            }
        }
        Mode before = mode;
        for (SourceTracker tracker : trackers) {
            if (tracker.source().countsTowardEpisodeCap() && tracker.episodes() > settings.maxDegradedEpisodesPerSourcePerSession()) {
                halt(tick, DEGRADED_EPISODE_CAP, tracker.source().token() + " episodes=" + tracker.episodes(), events);
                break;
            }
        }
        if (mode != Mode.HALT && walletTruth.haltHolds()) {
            halt(tick, INVENTORY_TRUTH_HALT, walletTruth.describe(), events);
        }
        if (mode != Mode.HALT) {
            mode = Mode.ACTIVE;
            for (SourceTracker tracker : trackers) {
                if (tracker.state().degraded()) {
                    mode = Mode.DEGRADED;
                }
            }
        }
        if (mode != before) {
            events.add(new GuardEvent(tick, null, GuardEvent.Type.MODE_CHANGED, before + "->" + mode));
        }
        if (events.isEmpty() && mode != Mode.HALT) {
            return mode == Mode.ACTIVE ? Outcome.QUIET_ACTIVE : Outcome.QUIET_DEGRADED;
        }
        return new Outcome(mode, mode == Mode.HALT ? haltReason : null, List.copyOf(events));
    }

    /**
     * A hard safety limit was crossed on this tick (the risk manager's daily loss or drawdown): the session HALTs with
     * that reason, as for the guards' own halts. {@code decided} is what {@link #evaluate} returned for the tick; the
     * outcome adds the HALT to its events.
     */
    public Outcome haltOnLimit(long tick, String reason, String detail, Outcome decided) {
        if (mode == Mode.HALT) {
            return decided;
        }
        Mode before = mode;
        List<GuardEvent> all = new ArrayList<>(decided.events());
        halt(tick, reason, detail, all);
        all.add(new GuardEvent(tick, null, GuardEvent.Type.MODE_CHANGED, before + "->" + Mode.HALT));
        return new Outcome(Mode.HALT, reason, List.copyOf(all));
    }

    private void halt(long tick, String reason, String detail, List<GuardEvent> events) {
        mode = Mode.HALT;
        haltReason = reason;
        events.add(new GuardEvent(tick, null, GuardEvent.Type.HALT, reason + " " + detail));
    }

    public Mode mode() {
        return mode;
    }

    /** Why this session HALTed (empty: it did not). */
    public String haltReason() {
        return haltReason;
    }

    public SourceState state(GuardSource source) {
        return tracker(source).state();
    }

    public int episodes(GuardSource source) {
        return tracker(source).episodes();
    }

    public long recoveryCooldownUntilTick(GuardSource source) {
        return tracker(source).recoveryCooldownUntilTick();
    }

    private SourceTracker tracker(GuardSource source) {
        return trackers[source.ordinal()];
    }

    /** The counters as {@code engine_state} keeps them (see {@link EngineStateKeys}), in a stable order. */
    public Map<String, String> counters() {
        Map<String, String> counters = new LinkedHashMap<>();
        counters.put(EngineStateKeys.MODE, mode.name());
        counters.put(EngineStateKeys.HALT_REASON, haltReason);
        counters.put(EngineStateKeys.DEGRADED_ENTRY_COUNT, Integer.toString(entryCount));
        counters.put(EngineStateKeys.DEGRADED_GUARD_ENTRY_COUNT, Integer.toString(guardEntryCount));
        counters.put(EngineStateKeys.DEGRADED_RECOVERY_COUNT, Integer.toString(recoveryCount));
        for (SourceTracker tracker : trackers) {
            counters.put(EngineStateKeys.episodeCount(tracker.source()), Integer.toString(tracker.episodes()));
            counters.put(EngineStateKeys.recoveryCooldownUntilTick(tracker.source()), Long.toString(tracker.recoveryCooldownUntilTick()));
            counters.put(EngineStateKeys.state(tracker.source()), tracker.state().token());
            counters.put(EngineStateKeys.tracker(tracker.source()), tracker.snapshot());
            counters.put(EngineStateKeys.window(tracker.source()), tracker.signal().snapshot());
        }
        return counters;
    }

    /**
     * Takes back what {@link #counters} wrote: the session goes on where its checkpoint left it (a crash is not a
     * session boundary). Keys that are missing (a checkpoint from before they existed) leave their part as it is.
     */
    public void restore(Map<String, String> counters) {
        if (counters.containsKey(EngineStateKeys.MODE)) {
            mode = Mode.valueOf(counters.get(EngineStateKeys.MODE));
        }
        haltReason = counters.getOrDefault(EngineStateKeys.HALT_REASON, haltReason);
        entryCount = Integer.parseInt(counters.getOrDefault(EngineStateKeys.DEGRADED_ENTRY_COUNT, Integer.toString(entryCount)));
        guardEntryCount = Integer.parseInt(counters.getOrDefault(EngineStateKeys.DEGRADED_GUARD_ENTRY_COUNT, Integer.toString(guardEntryCount)));
        recoveryCount = Integer.parseInt(counters.getOrDefault(EngineStateKeys.DEGRADED_RECOVERY_COUNT, Integer.toString(recoveryCount)));
        for (SourceTracker tracker : trackers) {
            String bookkeeping = counters.get(EngineStateKeys.tracker(tracker.source()));
            if (bookkeeping != null) {
                tracker.restore(bookkeeping);
            }
            String window = counters.get(EngineStateKeys.window(tracker.source()));
            if (window != null) {
                tracker.signal().restore(window);
            }
        }
    }
}
