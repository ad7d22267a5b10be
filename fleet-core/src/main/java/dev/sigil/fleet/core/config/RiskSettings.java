package dev.sigil.fleet.core.config;

/**
 * The risk manager, checked every tick (it never blocks exits). The daily loss and the drawdown trip the circuit
 * breaker; the stoploss guard pauses entries for a while. Days are UTC days of the tick clock.
 */
public record RiskSettings(
        @Setting(value = "realized loss in one UTC day beyond which the circuit breaker trips, dollars", min = 0, minExclusive = true, max = 1_000_000_000)
        double maxDailyLossUsd,
        @Setting(value = "drawdown from peak equity beyond which the circuit breaker trips, percent", min = 0, minExclusive = true, max = 100)
        double maxDrawdownPct,
        @Setting(value = "stoploss guard: this many hard-stop losses within the lookback pause entries", min = 1, max = 1_000)
        int stoplossGuardCount,
        @Setting(value = "stoploss guard: lookback, minutes of the tick clock", min = 1, max = 525_600)
        int stoplossGuardLookbackMinutes,
        @Setting(value = "stoploss guard: how long entries pause, minutes", min = 1, max = 525_600)
        int stoplossGuardPauseMinutes) {
}
