package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.CandleAggregator;
import dev.sigil.fleet.core.candle.CandleDefect;
import dev.sigil.fleet.core.candle.CandleGate;
import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.exit.ExitRules;
import dev.sigil.fleet.core.exit.HardStop;
import dev.sigil.fleet.core.fill.PaperFills;
import dev.sigil.fleet.core.guard.GuardInputs;
import dev.sigil.fleet.core.guard.Safety;
import dev.sigil.fleet.core.guard.WalletTruthCheck;
import dev.sigil.fleet.core.indicator.Atr;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.risk.RiskManager;
import dev.sigil.fleet.core.risk.RiskState;
import dev.sigil.fleet.core.shadow.ShadowBook;
import dev.sigil.fleet.core.shadow.ShadowExit;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import dev.sigil.fleet.core.shadow.ShadowStop;
import dev.sigil.fleet.core.sizing.PositionSizer;
import dev.sigil.fleet.core.strategy.EntrySignal;
import dev.sigil.fleet.core.strategy.Strategy;
import dev.sigil.fleet.core.strategy.SymbolStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One variant's trading engine: pure, single-threaded, driven tick by tick. Per tick: each new candle passes the
 * candle gate, then the open position on its symbol is judged for exits with the stops in force at the candle's
 * open, then indicators and the strategy take the candle, then the trail is raised; after all candles, the safety
 * layer (guards: recovery before entry; risk manager) decides the mode, and the pending entry signals (one per
 * symbol: the newest candle's) go through the entry path — pre-signal guard, sizing, ledger. Every decision becomes
 * durable through the {@link TradeLedger}; the engine never reads a clock.
 */
public final class ScanEngine {

    /** The entry could not be written (database unreachable); it is dropped, not retried. */
    public static final String LEDGER_UNAVAILABLE = "ledger_unavailable";

    private final SigilConfig config;
    private final Strategy strategy;
    private TradeLedger ledger;
    private final EngineListener listener;
    private CandleGate gate;
    private final ExitRules exitRules;
    private final PaperFills fills;
    private final ShadowBook shadows;
    private final PositionSizer sizer;
    private final PreSignalGuard preSignalGuard;
    private final Duration cooldown;
    private final Map<String, SymbolBook> books = new HashMap<>();
    private final List<String> symbolsInOrder;
    private final Map<String, Position> open = new LinkedHashMap<>();
    private final Map<String, ClosedPosition> pendingExits = new LinkedHashMap<>();
    private final Map<String, Position> unsavedTrails = new LinkedHashMap<>();
    private final Map<String, Instant> protectedUntil = new HashMap<>();
    private final Account account;
    private Safety safety;
    private final Map<String, Candle> latestCandles = new HashMap<>();
    private final List<ClosedPosition> exitsThisTick = new ArrayList<>();
    /** Refilled every tick: a quiet tick allocates nothing (see {@link TickReport}, {@link GuardInputs}). */
    private final GuardInputs guardInputs = new GuardInputs(latestCandles, Double.NaN, null);
    private final TickReport report = new TickReport();
    private final long snapshotPeriodSeconds;
    private long lastSnapshotSlot = Long.MIN_VALUE;
    private int ledgerFailures;
    /** Symbols an entry was placed for without an ATR (its stop on the floor): each is told once. */
    private final java.util.Set<String> symbolsWithoutAtr = new java.util.HashSet<>();
    /** The guards' windows were restored from a checkpoint: history fed before the next tick must not move them. */
    private boolean guardsRestored;

    public ScanEngine(SigilConfig config, Strategy strategy, TradeLedger ledger, EngineListener listener, double realizedPnl) {
        this(config, strategy, ledger, listener, BigDecimal.valueOf(realizedPnl));
    }

    /** @param realizedPnl the ledger's realized P&L, exactly ({@code sum(realized_pnl)}) */
    public ScanEngine(SigilConfig config, Strategy strategy, TradeLedger ledger, EngineListener listener, BigDecimal realizedPnl) {
        this.config = config;
        this.strategy = strategy;
        this.ledger = ledger;
        this.listener = listener;
        this.gate = new CandleGate(Intervals.parse(config.market().interval()));
        this.exitRules = new ExitRules(config.exit());
        this.fills = new PaperFills(config.paper());
        this.shadows = new ShadowBook(fills);
        this.sizer = new PositionSizer(config.sizing(), config.paper());
        this.preSignalGuard = new PreSignalGuard(config.entry().maxOpenPositions());
        this.cooldown = Duration.ofSeconds(Math.round(config.entry().cooldownHours() * 3600));
        this.account = new Account(config.paper().startingBalanceUsd(), realizedPnl);
        this.safety = new Safety(config, new RiskManager(config.risk(), Double.NaN));
        Duration base = Intervals.parse(config.market().interval());
        for (String symbol : config.market().symbols()) {
            books.put(symbol, new SymbolBook(strategy.forSymbol(symbol), new Atr(config.strategy().atrPeriod()),
                    new CandleAggregator(base, Intervals.parse(config.exit().atrInterval())),
                    new CandleAggregator(base, Intervals.parse(config.strategyInterval()))));
        }
        this.symbolsInOrder = config.market().symbols().stream().sorted().toList();
        this.snapshotPeriodSeconds = Math.max(1, Intervals.parse(config.market().interval()).toSeconds() * config.scanner().equitySnapshotCycles());
    }

    /**
     * Equity snapshots fall on the tick clock, every {@code equity_snapshot_cycles} base intervals (the first tick
     * in each such slot), so a run that was stopped and resumed snapshots at the same times as one that was not.
     */
    private long snapshotSlot(Instant marketTime) {
        return Math.floorDiv(marketTime.getEpochSecond(), snapshotPeriodSeconds);
    }

    /**
     * This engine under another config, for the next session (an overlay changed): open positions, unsettled exits,
     * protections, the account, the risk state, the candle gate and the equity-snapshot slot carry over; the
     * indicators too when the strategy section and the stop's ATR interval are unchanged, else they start cold
     * ({@link #indicatorsCarriedOver}). The market section cannot change: the market data was opened with it.
     */
    public ScanEngine reconfigured(SigilConfig next, Strategy nextStrategy) {
        if (!next.market().equals(config.market())) {
            throw new IllegalArgumentException("the market section (symbols, interval) cannot change without a restart");
        }
        ScanEngine copy = new ScanEngine(next, nextStrategy, ledger, listener, account.realized());
        copy.gate = gate;
        if (indicatorsCarriedOver(next)) {
            copy.books.putAll(books);
        }
        copy.open.putAll(open);
        copy.pendingExits.putAll(pendingExits);
        copy.unsavedTrails.putAll(unsavedTrails);
        copy.protectedUntil.putAll(protectedUntil);
        copy.latestCandles.putAll(latestCandles);
        copy.shadows.takeFrom(shadows);
        copy.lastSnapshotSlot = lastSnapshotSlot;
        copy.account.takeMarks(account);
        copy.safety.risk().takeState(safety.risk());
        if (next.guard().equals(config.guard())) {
            copy.safety = new Safety(safety.guards(), copy.safety.risk());
        }
        return copy;
    }

    /** Whether {@link #reconfigured} keeps the indicators: the same strategy settings and stop ATR interval. */
    public boolean indicatorsCarriedOver(SigilConfig next) {
        return next.strategy().equals(config.strategy()) && next.exit().atrInterval().equals(config.exit().atrInterval());
    }

    /** A new session: its ledger (bound to the session's row) and fresh guard counters; everything else carries on. */
    public void startSession(TradeLedger sessionLedger) {
        this.ledger = sessionLedger;
        guardsRestored = false;
        safety.newSession();
    }

    /**
     * The session a crash interrupted goes on under a new row: its ledger, and the guards as its last checkpoint left
     * them ({@code engineState}: mode, episodes, cool-downs, stability runs, windows). A crash is not a session
     * boundary, so nothing is reset; the candles replayed up to the resume point warm the indicators only, the guards'
     * windows being already where they were.
     */
    public void continueSession(TradeLedger sessionLedger, Map<String, String> engineState) {
        this.ledger = sessionLedger;
        safety.guards().restore(engineState);
        guardsRestored = true;
    }

    /**
     * Restores the risk manager: its persisted state, the realized P&L of the ledger's last exit day, and the
     * ledger's recent hard-stop losses (see {@link RiskManager#restore}).
     */
    public void restoreRisk(RiskState state, LocalDate lastExitDay, double realizedThatDay, List<Instant> hardStopLossTimes) {
        safety.risk().restore(state, lastExitDay, realizedThatDay, hardStopLossTimes);
    }

    /**
     * A person reset the circuit breaker (audit event {@code resetEventId}): the risk limits are re-based on the
     * account as it stands, once per reset however often it is seen. Returns whether this reset was new.
     */
    public boolean acknowledgeBreakerReset(long resetEventId) {
        if (resetEventId <= safety.risk().acknowledgedReset()) {
            return false;
        }
        safety.risk().acknowledgeReset(account.equity(open), resetEventId);
        return true;
    }

    /** What engine_state keeps: the session's guard counters, mode and halt reason, and the risk state. */
    public Map<String, String> engineState() {
        Map<String, String> state = new LinkedHashMap<>(safety.guards().counters());
        state.putAll(safety.risk().state().toEngineState());
        return state;
    }

    /**
     * Where the previous run stopped: the close time of the newest candle whose tick is durable. Ticks up to it are
     * not replayed, and the equity-snapshot cadence carries on from it as if the run had not stopped.
     */
    public void resumeAfter(Instant newestDurableCandle) {
        if (newestDurableCandle != null) {
            lastSnapshotSlot = snapshotSlot(newestDurableCandle);
        }
    }

    public Safety safety() {
        return safety;
    }

    /** Restores state from the database at start-up: open positions and unexpired protections. */
    public void restore(Collection<Position> positions, Map<String, Instant> protections) {
        positions.forEach(position -> open.put(position.symbol(), position));
        protectedUntil.putAll(protections);
    }

    /** The exit configurations the next entries are shadowed under (see {@link ShadowBook}). */
    public void followShadows(List<ShadowExit> exits) {
        shadows.follow(exits);
    }

    public List<ShadowExit> shadowExits() {
        return shadows.exits();
    }

    /** Restores the open shadow exits from the database at start-up. */
    public void restoreShadows(Collection<ShadowPosition> open) {
        shadows.restore(open);
    }

    /** Every open shadow exit. */
    public List<ShadowPosition> openShadows() {
        return shadows.open();
    }

    /**
     * Replaces the ledger-derived memory — open positions, their shadow exits, protections, realized P&L — with what the database holds,
     * keeping indicators, marks and the risk manager: a new session after a HALT starts from the truth, not from
     * the memory that may have caused it. Decided but unsettled exits are dropped (the database has the final word).
     */
    public void resync(Collection<Position> positions, Collection<ShadowPosition> openShadows, Map<String, Instant> protections,
                       BigDecimal realizedPnl) {
        shadows.clear();
        shadows.restore(openShadows);
        open.clear();
        pendingExits.clear();
        unsavedTrails.clear();
        protectedUntil.clear();
        restore(positions, protections);
        account.resetRealized(realizedPnl);
    }

    /**
     * Feeds one time step of history (every symbol's candle of one open time) to the indicators, the strategies and
     * the guards' measurement windows: no exits, no entries, no guard decision (start-up warm-up, resume catch-up).
     */
    public void warmUpTick(List<Candle> candles) {
        for (Candle candle : candles) {
            warmUp(candle);
            if (books.containsKey(candle.symbol())) {
                latestCandles.put(candle.symbol(), candle);
            }
        }
        if (!candles.isEmpty() && !guardsRestored) {
            safety.guards().observe(guardInputs.set(Double.NaN, null));
        }
    }

    /** Feeds history to indicators and strategies only: no exits, no entries (start-up warm-up). */
    public void warmUp(Candle candle) {
        SymbolBook book = books.get(candle.symbol());
        if (book == null || !gate.check(candle).accepted()) {
            return;
        }
        book.take(candle);
        book.pending = null;
        account.mark(candle.symbol(), candle.close());
    }

    /** One tick; the report is this engine's own, overwritten by the next tick ({@link TickReport#copy()} keeps one). */
    public TickReport tick(Tick tick) {
        // the truth was read before this tick: compare it with memory before anything this tick can change
        Double divergence = tick.truth() == null ? null : WalletTruthCheck.divergence(tick.truth(), account.realizedPnl(), open.values());
        ledgerFailures = 0;
        guardsRestored = false;
        exitsThisTick.clear();
        retryPending();
        int accepted = 0;
        int rejected = 0;
        int exits = 0;
        Instant newest = null;
        // index loops: a tick must not allocate an iterator (the candles and symbols are random-access lists)
        List<Candle> candles = tick.candles();
        for (int i = 0; i < candles.size(); i++) {
            Candle candle = candles.get(i);
            SymbolBook book = books.get(candle.symbol());
            CandleGate.Verdict verdict = book == null ? null : gate.check(candle);
            if (verdict == null || !verdict.accepted()) {
                rejected++;
                listener.badCandle(candle, verdict == null ? CandleDefect.UNKNOWN_SYMBOL : verdict.defect(), 0);
                continue;
            }
            if (verdict.defect() == CandleDefect.GAP) {
                listener.badCandle(candle, CandleDefect.GAP, verdict.missing());
            }
            accepted++;
            newest = newest == null || candle.closeTime().isAfter(newest) ? candle.closeTime() : newest;
            latestCandles.put(candle.symbol(), candle);
            if (judgeExit(candle)) {
                exits++;
            }
            shadows.judge(candle);
            book.take(candle);
            double atr = book.atr.value();
            raiseTrail(candle, atr);
            shadows.raise(candle, atr);
            account.mark(candle.symbol(), candle.close());
        }
        saveTrails();
        saveShadows();
        Safety.Verdict verdict = safety.assess(tick.number(), tick.marketTime(),
                guardInputs.set(account.exposurePct(open), divergence), account.equity(open), exitsThisTick);
        List<dev.sigil.fleet.core.guard.GuardEvent> events = verdict.events();
        for (int i = 0; i < events.size(); i++) {
            listener.guardEvent(events.get(i));
        }
        String modeReason = verdict.entryRejectReason();
        int entries = 0;
        for (int i = 0; i < symbolsInOrder.size(); i++) {
            SymbolBook book = books.get(symbolsInOrder.get(i));
            EntrySignal signal = book.pending;
            book.pending = null;
            if (signal != null && enter(signal, book.atr.value(), tick, modeReason)) {
                entries++;
            }
        }
        double equity = account.equity(open);
        long slot = snapshotSlot(tick.marketTime());
        if (slot > lastSnapshotSlot) {
            lastSnapshotSlot = slot;
            attempt("snapshot", () -> ledger.snapshot(
                    new EquitySnapshot(tick.marketTime(), equity, account.realizedPnl(), open.size())));
        }
        String haltDetail = verdict.haltReason() == null ? null : verdict.events().stream()
                .filter(event -> event.type() == dev.sigil.fleet.core.guard.GuardEvent.Type.HALT).map(event -> event.detail().startsWith(verdict.haltReason() + " ")
                        ? event.detail().substring(verdict.haltReason().length() + 1) : event.detail()).findFirst().orElse(null);
        return report.fill(tick.number(), tick.marketTime(), accepted, rejected, newest, entries, exits, open.size(),
                equity, account.realizedPnl(), ledgerFailures, verdict.mode(), verdict.haltReason(), haltDetail, verdict.breakerTripReason());
    }

    private boolean judgeExit(Candle candle) {
        Position position = open.get(candle.symbol());
        if (position == null || pendingExits.containsKey(candle.symbol()) || !candle.closeTime().isAfter(position.entryTime())) {
            return false;
        }
        ExitRules.Trigger trigger = exitRules.evaluate(position, candle);
        if (trigger == null) {
            return false;
        }
        double exitPrice = fills.exitPrice(trigger, candle);
        double exitFee = fills.fee(exitPrice * position.qty());
        ClosedPosition closed = new ClosedPosition(position, candle.closeTime(), exitPrice, exitFee, trigger.reason(),
                PaperFills.realizedPnl(position.entryPrice(), exitPrice, position.qty(), position.entryFee(), exitFee));
        pendingExits.put(candle.symbol(), closed);
        return settleExit(closed);
    }

    private boolean settleExit(ClosedPosition closed) {
        try {
            ledger.close(closed);
        } catch (RuntimeException e) {
            ledgerFailed("close", e);
            return false;
        }
        String symbol = closed.position().symbol();
        pendingExits.remove(symbol);
        open.remove(symbol);
        unsavedTrails.remove(symbol);
        account.realize(closed.realizedPnl());
        exitsThisTick.add(closed);
        listener.exited(closed);
        return true;
    }

    private void retryPending() {
        if (pendingExits.isEmpty()) {
            return;
        }
        for (ClosedPosition closed : List.copyOf(pendingExits.values())) {
            settleExit(closed);
        }
    }

    private void raiseTrail(Candle candle, double atr) {
        Position position = open.get(candle.symbol());
        if (position == null || pendingExits.containsKey(candle.symbol()) || !candle.closeTime().isAfter(position.entryTime())) {
            return;
        }
        Position raised = exitRules.afterCandle(position, candle, atr);
        if (raised != position) {
            open.put(candle.symbol(), raised);
            unsavedTrails.put(candle.symbol(), raised);
        }
    }

    private void saveTrails() {
        if (!unsavedTrails.isEmpty() && attempt("trails", () -> ledger.trailsMoved(List.copyOf(unsavedTrails.values())))) {
            unsavedTrails.clear();
        }
    }

    private void saveShadows() {
        if (shadows.changed() && attempt("shadows", () -> ledger.shadowsChanged(shadows.moved(), shadows.closed()))) {
            shadows.saved();
        }
    }

    private boolean enter(EntrySignal signal, double atr, Tick tick, String modeReason) {
        String reason = preSignalGuard.check(signal.symbol(), tick.marketTime(), open.keySet(), protectedUntil, tick.breakerTripped(), modeReason);
        if (reason == null && !(atr > 0)) {
            // G1: without an ATR the stop goes on the floor; said once per symbol
            if (symbolsWithoutAtr.add(signal.symbol())) {
                listener.stopOnFloorWithoutAtr(signal.symbol(), atr);
            }
            atr = 0;
        }
        double entryPrice = fills.entryPrice(signal.close());
        double stopPct = HardStop.stopPct(config.exit(), atr, entryPrice);
        PositionSizer.Sizing sizing = null;
        if (reason == null) {
            sizing = sizer.size(entryPrice, stopPct, account.equity(open), account.freeCash(open));
            reason = sizing.rejectReason();
        }
        if (reason != null) {
            reject(signal, reason, atr);
            return false;
        }
        Instant until = signal.closeTime().plus(cooldown);
        List<ShadowStop> shadowStops = shadows.stopsFor(entryPrice, atr);
        EntryOrder order = new EntryOrder(signal, signal.closeTime(), entryPrice, sizing.qty(), fills.fee(sizing.notional()),
                HardStop.stopPrice(entryPrice, stopPct), atr, until, shadowStops);
        EntryOutcome outcome;
        try {
            outcome = ledger.open(order);
        } catch (RuntimeException e) {
            ledgerFailed("open", e);
            listener.signal(signal, LEDGER_UNAVAILABLE);
            return false;
        }
        if (!outcome.opened()) {
            reject(signal, outcome.rejectReason(), atr);
            return false;
        }
        Position position = new Position(outcome.positionId(), signal.symbol(), order.entryTime(), entryPrice, order.qty(),
                order.entryFee(), order.stopPrice(), atr, entryPrice, Double.NaN);
        open.put(signal.symbol(), position);
        shadows.opened(position, shadowStops);
        protectedUntil.put(signal.symbol(), until);
        listener.signal(signal, null);
        listener.entered(position);
        return true;
    }

    private void reject(EntrySignal signal, String reason, double atr) {
        listener.signal(signal, reason);
        attempt("signal", () -> ledger.rejected(new SignalRecord(signal, false, reason, atr)));
    }

    /** Runs one ledger call; a failure is counted and reported, never thrown. Returns whether it succeeded. */
    private boolean attempt(String operation, Runnable call) {
        try {
            call.run();
            return true;
        } catch (RuntimeException e) {
            ledgerFailed(operation, e);
            return false;
        }
    }

    private void ledgerFailed(String operation, RuntimeException error) {
        ledgerFailures++;
        listener.ledgerFailed(operation, error);
    }

    public Collection<Position> openPositions() {
        return List.copyOf(open.values());
    }

    public double equity() {
        return account.equity(open);
    }

    public double realizedPnl() {
        return account.realizedPnl();
    }

    public String strategyName() {
        return strategy.name();
    }

    /**
     * One symbol's indicators: the strategy on its interval's candles and the stop ATR on {@code exit.atr_interval}'s,
     * both built from the base candles; {@code pending} is the signal of the newest strategy candle closed this tick.
     */
    private static final class SymbolBook {
        final SymbolStrategy strategy;
        final Atr atr;
        final CandleAggregator atrCandles;
        final CandleAggregator strategyCandles;
        final CandleAggregator.PriceSink toAtr;
        final Consumer<Candle> toStrategy;
        EntrySignal pending;

        SymbolBook(SymbolStrategy strategy, Atr atr, CandleAggregator atrCandles, CandleAggregator strategyCandles) {
            this.strategy = strategy;
            this.atr = atr;
            this.atrCandles = atrCandles;
            this.strategyCandles = strategyCandles;
            this.toAtr = atr::update;
            this.toStrategy = closed -> pending = strategy.onCandle(closed);
        }

        void take(Candle base) {
            atrCandles.add(base, toAtr);
            strategyCandles.add(base, toStrategy);
        }
    }

    /** Symbols with an unsettled exit (decided, not yet durable). */
    public Collection<String> pendingExitSymbols() {
        return new ArrayList<>(pendingExits.keySet());
    }
}
