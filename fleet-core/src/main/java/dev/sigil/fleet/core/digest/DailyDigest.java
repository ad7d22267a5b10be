package dev.sigil.fleet.core.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fleet's daily digest: one message, a line per variant for the 24 hours before it and the A/B verdict so far.
 * When it is due, and its words; what it is made of is read by the shells.
 */
public final class DailyDigest {

    /**
     * One variant's day: closed trades, their realized P&L, win rate and expectancy (USD a trade), the deepest drawdown
     * of its equity in the day (percent), and how it stands now. {@code error} is set (and the rest empty) when its
     * database could not be read.
     */
    public record VariantDay(String variant, String error, int trades, double realizedPnl, double winRate, double expectancy,
                             double maxDrawdownPct, String mode, String breaker, String heartbeat) {
    }

    /** The digest: the day it covers (the 24 hours before {@code at}), its variants and its verdict lines. */
    public record Digest(Instant at, List<VariantDay> variants, List<String> verdicts) {

        public String title() {
            return "Sigil fleet digest · 24 h to " + at.toString().substring(0, 16).replace('T', ' ') + " UTC";
        }

        /** A line per variant, then the verdicts. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            variants.forEach(day -> lines.add(day.variant() + ": " + line(day)));
            lines.addAll(verdicts);
            return lines;
        }
    }

    private DailyDigest() {
    }

    /**
     * The day whose digest is due at {@code now}: today once {@code time} (UTC) has passed and today's was not sent
     * ({@code lastSent} is the last day sent, null for none); empty otherwise. A monitor started after the time sends
     * the day's digest at once; one that was down all day sends only today's, never a backlog.
     */
    public static Optional<LocalDate> due(LocalTime time, LocalDate lastSent, Instant now) {
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        if (now.isBefore(today.atTime(time).toInstant(ZoneOffset.UTC))) {
            return Optional.empty();
        }
        return lastSent != null && !lastSent.isBefore(today) ? Optional.empty() : Optional.of(today);
    }

    /** One variant's day in words: "3 trades, P&L +1.25 USD, win 67 %, expectancy +0.42 USD, max drawdown 0.8 % · ACTIVE · breaker closed · ...". */
    public static String line(VariantDay day) {
        if (day.error() != null) {
            return "database unreachable (" + day.error() + ")";
        }
        String trading = day.trades() == 0 ? "no trades" : String.format(Locale.ROOT, "%d trade%s, P&L %+.2f USD, win %.0f %%, expectancy %+.2f USD",
                day.trades(), day.trades() == 1 ? "" : "s", day.realizedPnl(), day.winRate() * 100, day.expectancy());
        String drawdown = Double.isNaN(day.maxDrawdownPct()) ? "" : String.format(Locale.ROOT, ", max drawdown %.1f %%", day.maxDrawdownPct());
        return trading + drawdown + " · " + day.mode() + " · breaker " + day.breaker() + " · heartbeat " + day.heartbeat();
    }
}
