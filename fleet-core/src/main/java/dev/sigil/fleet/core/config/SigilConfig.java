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
        long tick = tickSeconds();
        if (Math.ceilDiv((long) guard.recoveryCooldownSeconds(), tick) * tick >= scanner.sessionDurationSeconds()) {
            problems.add(new CrossProblem("guard.recovery_cooldown_seconds", guard.recoveryCooldownSeconds(), "must be shorter than the session "
                    + "(scanner.session_duration_seconds " + scanner.sessionDurationSeconds() + ", in whole ticks of " + tick
                    + " s): a source that re-fires could never recover within a session"));
        } else {
            problems.addAll(unreachableEpisodeCap(tick));
        }
        problems.addAll(dev.sigil.fleet.core.shadow.ShadowExits.problems(this));
        return problems;
    }

    /**
     * The guards' backstop against a flapping source must be able to fire: a source that flaps as fast as its rules
     * allow has to reach the episode cap inside one session (counters reset at each session), else it flaps for ever.
     */
    private List<CrossProblem> unreachableEpisodeCap(long tick) {
        List<CrossProblem> problems = new ArrayList<>();
        dev.sigil.fleet.core.guard.GuardTicks ticks = dev.sigil.fleet.core.guard.GuardTicks.of(guard, tick);
        long sessionTicks = scanner.sessionDurationSeconds() / tick;
        int cap = guard.maxDegradedEpisodesPerSourcePerSession();
        java.util.Map<dev.sigil.fleet.core.guard.GuardSource, Boolean> recovers = java.util.Map.of(
                dev.sigil.fleet.core.guard.GuardSource.ANCHOR_SATURATION, guard.anchorRecoveryEnabled(),
                dev.sigil.fleet.core.guard.GuardSource.DIRECTIONAL_DRIFT, guard.driftRecoveryEnabled(),
                dev.sigil.fleet.core.guard.GuardSource.INVENTORY_CORRIDOR, guard.corridorRecoveryEnabled());
        for (var source : recovers.keySet().stream().sorted().toList()) {
            long fastest = ticks.fastestHalt(source, cap);
            if (recovers.get(source) && fastest > sessionTicks) {
                problems.add(new CrossProblem("guard.max_degraded_episodes_per_source_per_session", cap, "cannot be reached inside one session: "
                        + source.token() + " flapping as fast as its windows, stability and cool-down allow needs " + fastest + " ticks of "
                        + tick + " s to enter DEGRADED " + (cap + 1) + " times, the session (scanner.session_duration_seconds) has "
                        + sessionTicks + "; shorten them, lower the cap or lengthen the session"));
            }
        }
        return problems;
    }

    /** The length of one tick: the longer of the scan interval and the base candle interval (a tick needs new candles). */
    public long tickSeconds() {
        return Math.max(scanner.scanIntervalSeconds(), Intervals.parse(market.interval()).toSeconds());
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
