package dev.sigil.fleet.core.config;

import dev.sigil.fleet.core.candle.Intervals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The effective config of one variant: {@code grid-overlays/base.yaml} merged with the variant's overlay (and any
 * {@code --set} pairs). Each section is a record; each key's meaning and allowed range sit on its component.
 * Immutable; built only by {@link ConfigResolver}, which validates everything first.
 */
public record SigilConfig(
        ScannerSettings scanner,
        MarketSettings market,
        StrategySettings strategy,
        EntrySettings entry,
        ExitSettings exit,
        SizingSettings sizing,
        PaperSettings paper,
        GuardSettings guard,
        RiskSettings risk,
        ResearchSettings research) implements CrossChecked {

    /** Rules between sections, reported on full key paths. */
    @Override
    public List<CrossProblem> crossProblems() {
        List<CrossProblem> problems = new ArrayList<>();
        Duration base = Intervals.parse(market.interval());
        for (var key : List.of(new String[] {"exit.atr_interval", exit.atrInterval()}, new String[] {"strategy.interval", strategyInterval()})) {
            Duration interval = Intervals.parse(key[1]);
            if (interval.compareTo(base) < 0 || interval.toSeconds() % base.toSeconds() != 0) {
                problems.add(new CrossProblem(key[0], key[1], "must be a multiple of market.interval (" + market.interval()
                        + "): it is built from those candles (e.g. " + key[0] + "=" + market.interval() + ")"));
            }
        }
        long tick = Math.max(scanner.scanIntervalSeconds(), base.toSeconds());
        if ((long) guard.recoveryCooldownTicks() * tick >= scanner.sessionDurationSeconds()) {
            problems.add(new CrossProblem("guard.recovery_cooldown_ticks", guard.recoveryCooldownTicks(), "must be shorter than the session: "
                    + guard.recoveryCooldownTicks() + " ticks of " + tick + " s is not under scanner.session_duration_seconds ("
                    + scanner.sessionDurationSeconds() + "), so a source that re-fires could never recover within a session"));
        }
        problems.addAll(dev.sigil.fleet.core.shadow.ShadowExits.problems(this));
        return problems;
    }

    /** The strategy's candle interval: {@code strategy.interval}, where {@code base} means market.interval. */
    public String strategyInterval() {
        return "base".equals(strategy.interval()) ? market.interval() : strategy.interval();
    }

    /** How many base candles per symbol seed every indicator: the strategy's on its interval, the stop ATR on its own. */
    public int warmupCandles() {
        long base = Intervals.parse(market.interval()).toSeconds();
        long strategyCandles = (long) strategy.candlesToWarmUp() * Intervals.parse(strategyInterval()).toSeconds() / base;
        long atrCandles = (strategy.atrPeriod() + 1L) * Intervals.parse(exit.atrInterval()).toSeconds() / base;
        // one more interval of each: the first aggregated candle after a cold start is usually partial
        long needed = Math.max(strategyCandles + Intervals.parse(strategyInterval()).toSeconds() / base,
                atrCandles + Intervals.parse(exit.atrInterval()).toSeconds() / base);
        return (int) Math.max(scanner.warmupCandles(), needed);
    }
}
