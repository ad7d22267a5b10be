package dev.sigil.fleet.core.config;

import java.util.ArrayList;
import java.util.List;

/** Exits: the ATR-relative hard stop with its floor and cap, the ATR trail, and the time exit. */
public record ExitSettings(
        @Setting(value = "candle interval of the ATR(strategy.atr_period) that sizes the hard stop, the trail and its activation "
                + "(a multiple of market.interval, aggregated from its candles)",
                oneOf = {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d"})
        String atrInterval,
        @Setting(value = "smallest hard-stop distance, percent of the entry price", min = 0.1, max = 50)
        double hardStopFloorPct,
        @Setting(value = "hard-stop distance in ATRs at entry; 0 = floor only", min = 0, max = 20)
        double hardStopMultiplier,
        @Setting(value = "largest hard-stop distance, percent of the entry price", min = 0.1, max = 90)
        double hardStopCapPct,
        @Setting(value = "the trail starts once price is this many ATRs above the entry", min = 0, max = 50)
        double trailActivationAtr,
        @Setting(value = "the trail sits this many ATRs under the highest high since entry", min = 0, minExclusive = true, max = 50)
        double trailAtrMultiplier,
        @Setting(value = "exit after this many minutes in the position; 0 = off", min = 0, max = 525_600)
        int maxHoldMinutes) implements CrossChecked {

    @Override
    public List<CrossProblem> crossProblems() {
        List<CrossProblem> problems = new ArrayList<>();
        if (hardStopFloorPct > hardStopCapPct) {
            problems.add(new CrossProblem("hard_stop_floor_pct", hardStopFloorPct,
                    "must not exceed exit.hard_stop_cap_pct (" + hardStopCapPct + ")"));
        }
        return problems;
    }
}
