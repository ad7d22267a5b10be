package dev.sigil.fleet.core.exit;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.ExitSettings;
import dev.sigil.fleet.core.position.Position;
import java.time.Duration;

/**
 * Exits of an open position, judged on each closed candle after the entry candle, intrabar through the candle's
 * low, in this precedence: {@code hard_stop}, then {@code atr_trail}, then {@code time_exit}. The stops in force
 * during a candle are those known when it opened; the trail is raised only after the candle is judged
 * ({@link #afterCandle}), so a candle's own high never lifts the stop it is tested against.
 */
public final class ExitRules {

    /** What triggered, and the level it triggered at: the stop price, or the close for a time exit. */
    public record Trigger(ExitReason reason, double level) {
    }

    private final ExitSettings settings;

    public ExitRules(ExitSettings settings) {
        this.settings = settings;
    }

    /** The exit this candle triggers, or null if the position stays open. */
    public Trigger evaluate(Position position, Candle candle) {
        if (candle.low() <= position.stopPrice()) {
            return new Trigger(ExitReason.HARD_STOP, position.stopPrice());
        }
        if (position.trailActive() && candle.low() <= position.trailStopPrice()) {
            return new Trigger(ExitReason.ATR_TRAIL, position.trailStopPrice());
        }
        if (settings.maxHoldMinutes() > 0
                && !Duration.between(position.entryTime(), candle.closeTime()).minusMinutes(settings.maxHoldMinutes()).isNegative()) {
            return new Trigger(ExitReason.TIME_EXIT, candle.close());
        }
        return null;
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
