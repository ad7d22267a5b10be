package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.candle.CandleDefect;
import dev.sigil.fleet.core.candle.CandleGate;
import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.exit.ExitRules;
import dev.sigil.fleet.core.fill.PaperFills;
import dev.sigil.fleet.core.guard.GuardInputs;
import dev.sigil.fleet.core.guard.Safety;
import dev.sigil.fleet.core.guard.WalletTruthCheck;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.risk.RiskManager;
import dev.sigil.fleet.core.risk.RiskState;
import dev.sigil.fleet.core.shadow.ShadowBook;
import dev.sigil.fleet.core.shadow.ShadowExit;
import dev.sigil.fleet.core.shadow.ShadowPosition;
import dev.sigil.fleet.core.strategy.EntrySignal;
import dev.sigil.fleet.core.strategy.Strategy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One variant's trading engine: pure, single-threaded, driven tick by tick. Per tick: each new candle passes the
 * candle gate, then the open position on its symbol is judged for exits with the stops in force at the candle's
 * open, then indicators and the strategy take the candle, then the trail is raised; after all candles, the safety
 * layer (guards: recovery before entry; risk manager) decides the mode, and the pending entry signals (one per
 * symbol: the newest candle's) go through the entry path — pre-signal guard, sizing, ledger. Every decision becomes
 * durable through the {@link TradeLedger}; the engine never reads a clock.
 */
public final class ScanEngine {

    private final SigilConfig config;
    private final Strategy strategy;
    private final EngineLedger ledger;
    private final EngineListener listener;
    private CandleGate gate;
    private final PaperFills fills;
    private final ShadowBook shadows;
    private final PositionBook positions;
    private final EntryDesk entryDesk;
    private final Map<String, SymbolBook> books = new HashMap<>();
    private final List<String> symbolsInOrder;
    /** The open positions (the book's own map: the account, the guards and the truth check read it). */
    private final Map<String, Position> open;
    private final Account account;
    private Safety safety;
    private final Map<String, Candle> latestCandles = new HashMap<>();
    /** Refilled every tick: a quiet tick allocates nothing (see {@link TickReport}, {@link GuardInputs}). */
    private final GuardInputs guardInputs = new GuardInputs(latestCandles, Double.NaN, null);
    private final TickReport report = new TickReport();
    private final long snapshotPeriodSeconds;
    private long lastSnapshotSlot = Long.MIN_VALUE;
    /** The guards' windows were restored from a checkpoint: history fed before the next tick must not move them. */
    private boolean guardsRestored;

    public ScanEngine(SigilConfig config, Strategy strategy, TradeLedger ledger, EngineListener listener, double realizedPnl) {
        this(config, strategy, ledger, listener, BigDecimal.valueOf(realizedPnl));
    }

    /** @param realizedPnl the ledger's realized P&L, exactly ({@code sum(realized_pnl)}) */
    public ScanEngine(SigilConfig config, Strategy strategy, TradeLedger ledger, EngineListener listener, BigDecimal realizedPnl) {
        this.config = config;
        this.strategy = strategy;
        this.ledger = new EngineLedger(ledger, listener);
        this.listener = listener;
        this.gate = new CandleGate(Intervals.parse(config.market().interval()));
        this.fills = new PaperFills(config.paper());
        this.shadows = new ShadowBook(fills);
        this.account = new Account(config.paper().startingBalanceUsd(), realizedPnl);
        this.positions = new PositionBook(new ExitRules(config.exit()), fills, account, this.ledger, listener);
        this.open = positions.open;
        this.entryDesk = new EntryDesk(config, fills, account, positions, shadows, this.ledger, listener);
        this.safety = new Safety(config, new RiskManager(config.risk(), Double.NaN));
        for (String symbol : config.market().symbols()) {
            books.put(symbol, SymbolBook.of(config, strategy, symbol));
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
        ScanEngine copy = new ScanEngine(next, nextStrategy, ledger.get(), listener, account.realized());
        copy.gate = gate;
        if (indicatorsCarriedOver(next)) {
            copy.books.putAll(books);
        }
        copy.positions.takeFrom(positions);
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
        ledger.bind(sessionLedger);
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
        ledger.bind(sessionLedger);
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
    public void restore(Collection<Position> restored, Map<String, Instant> protections) {
        positions.restore(restored, protections);
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
    public void resync(Collection<Position> truth, Collection<ShadowPosition> openShadows, Map<String, Instant> protections,
                       BigDecimal realizedPnl) {
        shadows.clear();
        shadows.restore(openShadows);
        positions.resync(truth, protections);
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
        ledger.newTick();
        guardsRestored = false;
        positions.newTick();
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
            if (positions.judgeExit(candle)) {
                exits++;
            }
            shadows.judge(candle);
            book.take(candle);
            double atr = book.atr.value();
            positions.raiseTrail(candle, atr);
            shadows.raise(candle, atr);
            account.mark(candle.symbol(), candle.close());
        }
        positions.saveTrails();
        saveShadows();
        Safety.Verdict verdict = safety.assess(tick.number(), tick.marketTime(),
                guardInputs.set(account.exposurePct(open), divergence), account.equity(open), positions.exitsThisTick());
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
            if (signal != null && entryDesk.enter(signal, book.atr.value(), tick, modeReason)) {
                entries++;
            }
        }
        double equity = account.equity(open);
        long slot = snapshotSlot(tick.marketTime());
        if (slot > lastSnapshotSlot) {
            lastSnapshotSlot = slot;
            ledger.attempt("snapshot", () -> ledger.get().snapshot(
                    new EquitySnapshot(tick.marketTime(), equity, account.realizedPnl(), open.size())));
        }
        return report.fill(tick.number(), tick.marketTime(), accepted, rejected, newest, entries, exits, open.size(),
                equity, account.realizedPnl(), ledger.failures(), verdict.mode(), verdict.haltReason(), verdict.haltDetail(), verdict.breakerTripReason());
    }

    private void saveShadows() {
        if (shadows.changed() && ledger.attempt("shadows", () -> ledger.get().shadowsChanged(shadows.moved(), shadows.closed()))) {
            shadows.saved();
        }
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

    /** Symbols with an unsettled exit (decided, not yet durable). */
    public Collection<String> pendingExitSymbols() {
        return positions.pendingExitSymbols();
    }
}
