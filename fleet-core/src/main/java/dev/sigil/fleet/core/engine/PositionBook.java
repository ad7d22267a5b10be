package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.exit.ExitRules;
import dev.sigil.fleet.core.fill.PaperFills;
import dev.sigil.fleet.core.position.ClosedPosition;
import dev.sigil.fleet.core.position.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's open positions and what it still owes the ledger about them: exits decided but not yet durable (a
 * position stays open in memory until its close is written, and the close is retried every tick), trails raised but
 * not yet saved, and the symbols protected from a new entry until a time (the entry cool-down). The exit side of a
 * tick: each candle is judged against the stops in force at its open, then the trail is raised.
 */
final class PositionBook {

    final Map<String, Position> open = new LinkedHashMap<>();
    final Map<String, Instant> protectedUntil = new HashMap<>();
    private final Map<String, ClosedPosition> pendingExits = new LinkedHashMap<>();
    private final Map<String, Position> unsavedTrails = new LinkedHashMap<>();
    private final List<ClosedPosition> exitsThisTick = new ArrayList<>();
    private final ExitRules exitRules;
    private final PaperFills fills;
    private final Account account;
    private final EngineLedger ledger;
    private final EngineListener listener;

    PositionBook(ExitRules exitRules, PaperFills fills, Account account, EngineLedger ledger, EngineListener listener) {
        this.exitRules = exitRules;
        this.fills = fills;
        this.account = account;
        this.ledger = ledger;
        this.listener = listener;
    }

    /** Everything another book holds (the engine under a new config carries its positions over). */
    void takeFrom(PositionBook other) {
        open.putAll(other.open);
        pendingExits.putAll(other.pendingExits);
        unsavedTrails.putAll(other.unsavedTrails);
        protectedUntil.putAll(other.protectedUntil);
    }

    void restore(Collection<Position> positions, Map<String, Instant> protections) {
        positions.forEach(position -> open.put(position.symbol(), position));
        protectedUntil.putAll(protections);
    }

    /** The database's word replaces memory; decided but unsettled exits are dropped. */
    void resync(Collection<Position> positions, Map<String, Instant> protections) {
        open.clear();
        pendingExits.clear();
        unsavedTrails.clear();
        protectedUntil.clear();
        restore(positions, protections);
    }

    /** A new tick: the exits still owed to the ledger are tried again first. */
    void newTick() {
        exitsThisTick.clear();
        if (pendingExits.isEmpty()) {
            return;
        }
        for (ClosedPosition closed : List.copyOf(pendingExits.values())) {
            settleExit(closed);
        }
    }

    /** The exits settled this tick (the risk manager counts their losses). */
    List<ClosedPosition> exitsThisTick() {
        return exitsThisTick;
    }

    /** Judges the open position on the candle's symbol; true when it exited (durably) on this candle. */
    boolean judgeExit(Candle candle) {
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
            ledger.get().close(closed);
        } catch (RuntimeException e) {
            ledger.failed("close", e);
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

    /** Raises the trail of the open position on the candle's symbol after the candle (the stop for the next one). */
    void raiseTrail(Candle candle, double atr) {
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

    /** Writes the trails raised this tick (kept for the next tick if the write fails). */
    void saveTrails() {
        if (!unsavedTrails.isEmpty() && ledger.attempt("trails", () -> ledger.get().trailsMoved(List.copyOf(unsavedTrails.values())))) {
            unsavedTrails.clear();
        }
    }

    /** A new position, protected from another entry on its symbol until {@code until}. */
    void opened(Position position, Instant until) {
        open.put(position.symbol(), position);
        protectedUntil.put(position.symbol(), until);
    }

    /** Symbols with an unsettled exit (decided, not yet durable). */
    Collection<String> pendingExitSymbols() {
        return new ArrayList<>(pendingExits.keySet());
    }
}
