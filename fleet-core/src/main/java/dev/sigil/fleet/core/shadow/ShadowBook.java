package dev.sigil.fleet.core.shadow;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.exit.ExitRules;
import dev.sigil.fleet.core.exit.HardStop;
import dev.sigil.fleet.core.fill.PaperFills;
import dev.sigil.fleet.core.position.Position;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shadow exits of one runner: every entry it opens is also followed under each other exit configuration of the
 * grid ({@link #follow}), on the same candles, with the same exit rules, fills, fees and slippage as a position, until
 * each shadow exits. A shadow never trades: it holds no cash, counts toward no exposure, risk, guard or breaker, and
 * outlives its position when its own stop is further away. Its hard stop is placed by its own configuration at the
 * entry; after that it is judged exactly as {@link ExitRules} judges a position — on each candle after the entry
 * candle, with the stop in force at the candle's open, the trail raised after. Changes wait in the book until the
 * engine hands them to the ledger ({@link #moved()}, {@link #closed()}, then {@link #saved()}).
 */
public final class ShadowBook {

    /** One open shadow, mutable in place so a candle that moves its trail allocates only the new state. */
    private static final class Slot {
        final String label;
        final ExitRules rules;
        Position state;
        boolean moved;

        Slot(String label, ExitRules rules, Position state) {
            this.label = label;
            this.rules = rules;
            this.state = state;
        }

        ShadowPosition view() {
            return new ShadowPosition(label, rules.settings(), state);
        }
    }

    private final PaperFills fills;
    private final Map<String, List<Slot>> bySymbol = new HashMap<>();
    private final List<ClosedShadow> closed = new ArrayList<>();
    private List<ShadowExit> exits = List.of();
    private int movedCount;

    public ShadowBook(PaperFills fills) {
        this.fills = fills;
    }

    /** The configurations the next entries are followed under (open shadows keep the one they started with). */
    public void follow(List<ShadowExit> exits) {
        this.exits = List.copyOf(exits);
    }

    public List<ShadowExit> exits() {
        return exits;
    }

    /** Where each configuration puts the hard stop of an entry at this price with this ATR (empty: no shadows). */
    public List<ShadowStop> stopsFor(double entryPrice, double atr) {
        if (exits.isEmpty()) {
            return List.of();
        }
        List<ShadowStop> stops = new ArrayList<>(exits.size());
        for (ShadowExit exit : exits) {
            stops.add(new ShadowStop(exit, HardStop.stopPrice(entryPrice, HardStop.stopPct(exit.exit(), atr, entryPrice))));
        }
        return stops;
    }

    /** The entry became a position: its shadows start, each at its own stop. */
    public void opened(Position position, List<ShadowStop> stops) {
        for (ShadowStop stop : stops) {
            Position state = new Position(position.id(), position.symbol(), position.entryTime(), position.entryPrice(), position.qty(),
                    position.entryFee(), stop.stopPrice(), position.atrAtEntry(), position.entryPrice(), Double.NaN);
            add(new Slot(stop.exit().label(), new ExitRules(stop.exit().exit()), state));
        }
    }

    /** Shadows read back from the database (a restart, a resync). */
    public void restore(Collection<ShadowPosition> shadows) {
        shadows.forEach(shadow -> add(new Slot(shadow.label(), new ExitRules(shadow.exit()), shadow.state())));
    }

    /** Forgets every open shadow and every change not handed over (the database's copy is the truth). */
    public void clear() {
        bySymbol.clear();
        closed.clear();
        movedCount = 0;
    }

    /** Takes over another book's open shadows and unsaved changes (the engine under a new session's config). */
    public void takeFrom(ShadowBook other) {
        other.bySymbol.forEach((symbol, slots) -> bySymbol.computeIfAbsent(symbol, key -> new ArrayList<>()).addAll(slots));
        closed.addAll(other.closed);
        movedCount += other.movedCount;
    }

    private void add(Slot slot) {
        bySymbol.computeIfAbsent(slot.state.symbol(), symbol -> new ArrayList<>()).add(slot);
    }

    /** Judges the open shadows of the candle's symbol with the stops in force at its open; those that exit are closed. */
    public void judge(Candle candle) {
        List<Slot> slots = bySymbol.get(candle.symbol());
        if (slots == null) {
            return;
        }
        int i = 0;
        while (i < slots.size()) {
            Slot slot = slots.get(i);
            Position state = slot.state;
            ExitRules.Trigger trigger = candle.closeTime().isAfter(state.entryTime()) ? slot.rules.evaluate(state, candle) : null;
            if (trigger == null) {
                i++;
                continue;
            }
            double exitPrice = fills.exitPrice(trigger, candle);
            double exitFee = fills.fee(exitPrice * state.qty());
            closed.add(new ClosedShadow(slot.view(), candle.closeTime(), exitPrice, exitFee, trigger.reason(),
                    PaperFills.realizedPnl(state.entryPrice(), exitPrice, state.qty(), state.entryFee(), exitFee)));
            if (slot.moved) {
                slot.moved = false;
                movedCount--;
            }
            slots.remove(i);
        }
    }

    /** Raises the trails of the candle's symbol's shadows that survived it (after the candle was judged). */
    public void raise(Candle candle, double atr) {
        List<Slot> slots = bySymbol.get(candle.symbol());
        if (slots == null) {
            return;
        }
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            if (!candle.closeTime().isAfter(slot.state.entryTime())) {
                continue;
            }
            Position raised = slot.rules.afterCandle(slot.state, candle, atr);
            if (raised != slot.state) {
                slot.state = raised;
                if (!slot.moved) {
                    slot.moved = true;
                    movedCount++;
                }
            }
        }
    }

    /** Whether anything changed since the last {@link #saved()}. */
    public boolean changed() {
        return movedCount > 0 || !closed.isEmpty();
    }

    /** Open shadows whose highest price or trail moved since the last {@link #saved()}. */
    public List<ShadowPosition> moved() {
        List<ShadowPosition> moved = new ArrayList<>(movedCount);
        bySymbol.values().forEach(slots -> slots.stream().filter(slot -> slot.moved).forEach(slot -> moved.add(slot.view())));
        return moved;
    }

    /** Shadows closed since the last {@link #saved()}, in the order they exited. */
    public List<ClosedShadow> closed() {
        return List.copyOf(closed);
    }

    /** The ledger took the changes. */
    public void saved() {
        closed.clear();
        bySymbol.values().forEach(slots -> slots.forEach(slot -> slot.moved = false));
        movedCount = 0;
    }

    /** Every open shadow. */
    public List<ShadowPosition> open() {
        List<ShadowPosition> open = new ArrayList<>();
        bySymbol.values().forEach(slots -> slots.forEach(slot -> open.add(slot.view())));
        return open;
    }
}
