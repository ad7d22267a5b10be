package dev.sigil.fleet.core.exit;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.ExitSettings;
import dev.sigil.fleet.core.position.Position;
import java.time.Instant;

/**
 * Exits of an open position, judged on each closed candle after the entry candle. The effective stop is the higher of
 * the hard stop and the trail in force when the candle opened: a falling price meets it first, so a candle whose low
 * reaches it exits there, as {@code atr_trail} when the trail is the higher level and {@code hard_stop} only when the
 * hard stop is strictly higher (a candle that gaps below both fills at its open, with the higher level's reason).
 * Then {@code time_exit}. The trail is raised only after the candle is judged ({@link #afterCandle}), so a candle's
 * own high never lifts the stop it is tested against.
 */
public final class ExitRules {

    /** What triggered, and the level it triggered at: the stop price, or the close for a time exit. */
    public record Trigger(ExitReason reason, double level) {
    }

    private final ExitSettings settings;

    public ExitRules(ExitSettings settings) {
        this.settings = settings;
    }

    public ExitSettings settings() {
        return settings;
    }

    /** The exit this candle triggers, or null if the position stays open. */
    public Trigger evaluate(Position position, Candle candle) {
        boolean trailHigher = position.trailActive() && position.trailStopPrice() >= position.stopPrice();
        double effective = trailHigher ? position.trailStopPrice() : position.stopPrice();
        if (candle.low() <= effective) {
            return new Trigger(trailHigher ? ExitReason.ATR_TRAIL : ExitReason.HARD_STOP, effective);
        }
        if (settings.maxHoldMinutes() > 0 && heldAtLeast(position.entryTime(), candle.closeTime(), settings.maxHoldMinutes() * 60L)) {
            return new Trigger(ExitReason.TIME_EXIT, candle.close());
        }
        return null;
    }

    /** Whether {@code to - from >= seconds}, to the nanosecond, with no {@code Duration} made (a check per candle). */
    static boolean heldAtLeast(Instant from, Instant to, long seconds) {
        long held = to.getEpochSecond() - from.getEpochSecond();
        return held > seconds || held == seconds && to.getNano() >= from.getNano();
    }

    /**
     * The position after a candle it survived: highest high updated; once the highest is {@code
     * trail_activation_atr × ATR} above the entry, the trail is {@code highest − trail_atr_multiplier × ATR}, never
     * lowered. Returns the same instance when nothing changed.
     */
    public Position afterCandle(Position position, Candle candle, double atr) {
        double highest = Math.max(position.highestPrice(), candle.high());
        double trail = position.trailStopPrice();
        if (!Double.isNaN(atr) && highest - position.entryPrice() >= settings.trailActivationAtr() * atr) {
            double candidate = highest - settings.trailAtrMultiplier() * atr;
            trail = Double.isNaN(trail) ? candidate : Math.max(trail, candidate);
        }
        if (highest == position.highestPrice() && sameTrail(trail, position.trailStopPrice())) {
            return position;
        }
        return position.withTrail(highest, trail);
    }

    private static boolean sameTrail(double a, double b) {
        return Double.isNaN(a) ? Double.isNaN(b) : a == b;
    }
}
