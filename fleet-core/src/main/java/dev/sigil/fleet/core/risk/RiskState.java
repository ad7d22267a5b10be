package dev.sigil.fleet.core.risk;

import dev.sigil.fleet.core.guard.EngineStateKeys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the risk manager remembers that the ledger cannot tell: the peak equity, the re-basing a person's breaker
 * reset made to the day's losses, the stoploss-guard pause, and the newest reset it has acknowledged. It is written
 * to {@code engine_state} with the resume point, so a restart on the same UTC day neither re-trips a reset breaker
 * nor forgets a pause. The day's realized P&L and the recent hard-stop losses come from the ledger instead.
 *
 * @param peakEquity        NaN until the first tick
 * @param baselineDay       the UTC day {@code dayBaseline} belongs to (null: none)
 * @param dayBaseline       the realized P&L of that day already forgiven by a reset
 * @param pausedUntil       entries paused by the stoploss guard until then ({@link Instant#MIN}: no pause)
 * @param acknowledgedReset id of the newest {@code circuit_breaker_events} reset acted upon (0: none)
 * @param dailyLossTripDay  the UTC day whose daily loss limit already tripped the breaker (null: none), so a restart that
 *                          day does not halt its session again for the same loss
 * @param drawdownTripped   the drawdown limit tripped the breaker and no reset has re-based it since
 */
public record RiskState(double peakEquity, LocalDate baselineDay, double dayBaseline, Instant pausedUntil, long acknowledgedReset,
                        LocalDate dailyLossTripDay, boolean drawdownTripped) {

    public static final RiskState INITIAL = new RiskState(Double.NaN, null, 0, Instant.MIN, 0, null, false);

    /** The state as engine_state rows (values as text; empty for "none"). */
    public Map<String, String> toEngineState() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put(EngineStateKeys.RISK_PEAK_EQUITY, Double.isNaN(peakEquity) ? "" : Double.toString(peakEquity));
        rows.put(EngineStateKeys.RISK_DAY_BASELINE, baselineDay == null ? "" : baselineDay + " " + dayBaseline);
        rows.put(EngineStateKeys.RISK_STOPLOSS_PAUSED_UNTIL, pausedUntil.equals(Instant.MIN) ? "" : pausedUntil.toString());
        rows.put(EngineStateKeys.RISK_ACKNOWLEDGED_RESET, Long.toString(acknowledgedReset));
        rows.put(EngineStateKeys.RISK_DAILY_LOSS_TRIP_DAY, dailyLossTripDay == null ? "" : dailyLossTripDay.toString());
        rows.put(EngineStateKeys.RISK_DRAWDOWN_TRIPPED, Boolean.toString(drawdownTripped));
        return rows;
    }

    /** The state from engine_state rows; missing or empty values mean "none" (a variant that never ran). */
    public static RiskState fromEngineState(Map<String, String> rows) {
        String peak = rows.getOrDefault(EngineStateKeys.RISK_PEAK_EQUITY, "");
        String baseline = rows.getOrDefault(EngineStateKeys.RISK_DAY_BASELINE, "");
        String paused = rows.getOrDefault(EngineStateKeys.RISK_STOPLOSS_PAUSED_UNTIL, "");
        String reset = rows.getOrDefault(EngineStateKeys.RISK_ACKNOWLEDGED_RESET, "");
        String tripDay = rows.getOrDefault(EngineStateKeys.RISK_DAILY_LOSS_TRIP_DAY, "");
        LocalDate day = null;
        double forgiven = 0;
        if (!baseline.isBlank()) {
            String[] parts = baseline.strip().split(" ");
            day = LocalDate.parse(parts[0]);
            forgiven = Double.parseDouble(parts[1]);
        }
        return new RiskState(peak.isBlank() ? Double.NaN : Double.parseDouble(peak), day, forgiven,
                paused.isBlank() ? Instant.MIN : Instant.parse(paused), reset.isBlank() ? 0 : Long.parseLong(reset),
                tripDay.isBlank() ? null : LocalDate.parse(tripDay), Boolean.parseBoolean(rows.getOrDefault(EngineStateKeys.RISK_DRAWDOWN_TRIPPED, "false")));
    }
}
