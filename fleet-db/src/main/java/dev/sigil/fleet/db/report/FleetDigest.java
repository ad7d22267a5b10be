package dev.sigil.fleet.db.report;

import dev.sigil.fleet.core.digest.DailyDigest;
import dev.sigil.fleet.core.heartbeat.HeartbeatCheck;
import dev.sigil.fleet.core.research.PairedComparison;
import dev.sigil.fleet.core.research.PairedText;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.config.fleet.MonitorSettings;
import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.db.heartbeat.HeartbeatStore;
import dev.sigil.fleet.db.session.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the daily digest of a fleet: each variant's 24 hours before {@code now} (its closed trades, their P&L, win rate
 * and expectancy, the deepest drawdown of its equity, its mode, breaker and heartbeat) and the A/B verdict over all
 * its sessions so far, the variants grouped into arms by {@code key} as {@code fleet compare} groups them.
 */
public final class FleetDigest {

    private record Read(DailyDigest.VariantDay day, ResearchReader research) {
    }

    private FleetDigest() {
    }

    public static DailyDigest.Digest read(List<VariantTarget> targets, MonitorSettings settings, Instant now, String key) {
        HeartbeatCheck.Thresholds thresholds = new HeartbeatCheck.Thresholds(Duration.ofSeconds(settings.staleAfterSeconds()),
                Duration.ofDays(3650), Duration.ofSeconds(settings.stuckAfterSeconds()));
        List<Read> reads = FanOut.map(targets, target -> read(target, thresholds, now, key));
        List<ResearchReader> research = reads.stream().map(Read::research).filter(Objects::nonNull).toList();
        PairedComparison.Result result = PairedComparison.compare(key, research.stream().map(ResearchReader::data).toList(), minimumEffect(research));
        List<String> verdicts = new ArrayList<>();
        if (result.arms().size() < 2) {
            verdicts.add("D1 " + key + ": " + (result.arms().isEmpty() ? "no trades yet" : "one arm only (" + result.arms().getFirst().value() + ")"));
        }
        result.pairs().forEach(pair -> verdicts.add(PairedText.digestLine(key, pair)));
        return new DailyDigest.Digest(now, reads.stream().map(Read::day).toList(), verdicts);
    }

    private static Read read(VariantTarget target, HeartbeatCheck.Thresholds thresholds, Instant now, String key) {
        String variant = target.name();
        try (Connection connection = target.database().connect()) {
            VariantStatus status = VariantStatus.read(connection, variant, now);
            HeartbeatCheck.Verdict verdict = HeartbeatCheck.evaluate(HeartbeatStore.read(connection, variant).orElse(null), now, null, thresholds,
                    SessionStore.lastEnd(connection, variant).map(SessionStore.LastEnd::cleanStop).orElse(null));
            String heartbeat = verdict.state().token() + (verdict.age() == null ? "" : ", " + HeartbeatCheck.words(verdict.age()) + " ago");
            String breaker = "tripped".equals(status.breaker()) ? "tripped (" + status.breakerReason() + ")" : status.breaker();
            Instant from = now.minus(Duration.ofDays(1));
            DailyDigest.VariantDay day;
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(*), coalesce(sum(realized_pnl), 0)::float8, count(*) FILTER (WHERE realized_pnl > 0)
                      FROM positions WHERE variant_id = ? AND status = 'closed' AND exit_time >= ? AND exit_time < ?""")) {
                statement.setString(1, variant);
                statement.setTimestamp(2, Timestamp.from(from));
                statement.setTimestamp(3, Timestamp.from(now));
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    int trades = row.getInt(1);
                    double pnl = row.getDouble(2);
                    day = new DailyDigest.VariantDay(variant, null, trades, pnl, trades == 0 ? Double.NaN : row.getInt(3) / (double) trades,
                            trades == 0 ? Double.NaN : pnl / trades, drawdownPct(connection, variant, from, now), status.mode(), breaker, heartbeat);
                }
            }
            ResearchReader research = ResearchReader.read(connection, variant, Instant.EPOCH, null, key);
            return new Read(day, research.sessions() == 0 ? null : research);
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
            return new Read(new DailyDigest.VariantDay(variant, error, 0, 0, 0, 0, 0, null, null, null), null);
        }
    }

    /**
     * The minimum effect the comparison judges against: {@code research.minimum_effect_r} of the first variant whose
     * latest session has one (they share base.yaml's), else that key's default.
     */
    public static double minimumEffect(List<ResearchReader> research) {
        return research.stream().mapToDouble(ResearchReader::minimumEffect).filter(value -> !Double.isNaN(value)).findFirst()
                .orElse(DEFAULT_MINIMUM_EFFECT);
    }

    /** base.yaml's research.minimum_effect_r, for sessions recorded before the key existed. */
    public static final double DEFAULT_MINIMUM_EFFECT = 0.05;

    /** The deepest fall of equity from its running peak in the window, percent of the peak (NaN without snapshots). */
    private static double drawdownPct(Connection connection, String variant, Instant from, Instant to) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT e.equity::float8 FROM equity_snapshots e JOIN sessions s ON s.id = e.session_id
                 WHERE s.variant_id = ? AND e.at >= ? AND e.at < ? ORDER BY e.at""")) {
            statement.setString(1, variant);
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rows = statement.executeQuery()) {
                double peak = Double.NaN;
                double deepest = Double.NaN;
                while (rows.next()) {
                    double equity = rows.getDouble(1);
                    peak = Double.isNaN(peak) ? equity : Math.max(peak, equity);
                    double fall = peak > 0 ? (peak - equity) / peak * 100 : 0;
                    deepest = Double.isNaN(deepest) ? fall : Math.max(deepest, fall);
                }
                return deepest;
            }
        }
    }
}
