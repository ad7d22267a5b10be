package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.exit.HardStop;
import dev.sigil.fleet.core.fill.PaperFills;
import dev.sigil.fleet.core.position.Position;
import dev.sigil.fleet.core.shadow.ShadowBook;
import dev.sigil.fleet.core.shadow.ShadowStop;
import dev.sigil.fleet.core.sizing.PositionSizer;
import dev.sigil.fleet.core.strategy.EntrySignal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The entry path of one signal: the pre-signal guard (mode, breaker, open-position cap, the symbol's entry cool-down),
 * G1's stop on the floor when there is no ATR, sizing by constant dollar risk, and the ledger's race-proof open; a
 * refused signal is recorded with its reason.
 */
final class EntryDesk {

    /** The entry could not be written (database unreachable); it is dropped, not retried. */
    static final String LEDGER_UNAVAILABLE = "ledger_unavailable";

    private final SigilConfig config;
    private final PaperFills fills;
    private final PositionSizer sizer;
    private final PreSignalGuard preSignalGuard;
    private final Duration entryCooldown;
    private final Account account;
    private final PositionBook positions;
    private final ShadowBook shadows;
    private final EngineLedger ledger;
    private final EngineListener listener;
    /** Symbols an entry was placed for without an ATR (its stop on the floor): each is told once. */
    private final Set<String> symbolsWithoutAtr = new HashSet<>();

    EntryDesk(SigilConfig config, PaperFills fills, Account account, PositionBook positions, ShadowBook shadows, EngineLedger ledger,
              EngineListener listener) {
        this.config = config;
        this.fills = fills;
        this.sizer = new PositionSizer(config.sizing(), config.paper());
        this.preSignalGuard = new PreSignalGuard(config.entry().maxOpenPositions());
        this.entryCooldown = Duration.ofSeconds(Math.round(config.entry().cooldownHours() * 3600));
        this.account = account;
        this.positions = positions;
        this.shadows = shadows;
        this.ledger = ledger;
        this.listener = listener;
    }

    /** Places the entry the signal asks for, or records why not; true when a position opened. */
    boolean enter(EntrySignal signal, double atr, Tick tick, String modeReason) {
        String reason = preSignalGuard.check(signal.symbol(), tick.marketTime(), positions.open.keySet(), positions.protectedUntil,
                tick.breakerTripped(), modeReason);
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
            sizing = sizer.size(entryPrice, stopPct, account.equity(positions.open), account.freeCash(positions.open));
            reason = sizing.rejectReason();
        }
        if (reason != null) {
            reject(signal, reason, atr);
            return false;
        }
        Instant until = signal.closeTime().plus(entryCooldown);
        List<ShadowStop> shadowStops = shadows.stopsFor(entryPrice, atr);
        EntryOrder order = new EntryOrder(signal, signal.closeTime(), entryPrice, sizing.qty(), fills.fee(sizing.notional()),
                HardStop.stopPrice(entryPrice, stopPct), atr, until, shadowStops);
        EntryOutcome outcome;
        try {
            outcome = ledger.get().open(order);
        } catch (RuntimeException e) {
            ledger.failed("open", e);
            listener.signal(signal, LEDGER_UNAVAILABLE);
            return false;
        }
        if (!outcome.opened()) {
            reject(signal, outcome.rejectReason(), atr);
            return false;
        }
        Position position = new Position(outcome.positionId(), signal.symbol(), order.entryTime(), entryPrice, order.qty(),
                order.entryFee(), order.stopPrice(), atr, entryPrice, Double.NaN);
        positions.opened(position, until);
        shadows.opened(position, shadowStops);
        listener.signal(signal, null);
        listener.entered(position);
        return true;
    }

    private void reject(EntrySignal signal, String reason, double atr) {
        listener.signal(signal, reason);
        ledger.attempt("signal", () -> ledger.get().rejected(new SignalRecord(signal, false, reason, atr)));
    }
}
