package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.research.PairedComparison;
import dev.sigil.fleet.core.research.VariantMetrics;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.db.report.FleetDigest;
import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.db.report.VariantReport;
import dev.sigil.fleet.db.report.ResearchReader;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The comparison of some variants over their sessions started in a window: each variant's report and research
 * figures, the arms by one config key, and the verdict for each pair of arms. {@code fleet compare}, {@code fleet
 * grid backtest} and {@code fleet report} all show this one.
 */
final class Comparison {

    /** One variant read: its report and research figures (null when it has no session in range), or why its database could not be read. */
    record Read(VariantReport report, Research.Variant research, String error) {
    }

    private final Instant from;
    private final Instant to;
    private final String by;
    private final List<Read> found;
    private final List<String> unreachable;
    private final PairedComparison.Result paired;

    private Comparison(Instant from, Instant to, String by, List<Read> reads) {
        this.from = from;
        this.to = to;
        this.by = by;
        this.found = reads.stream().filter(read -> read.report() != null).toList();
        this.unreachable = reads.stream().map(Read::error).filter(Objects::nonNull).toList();
        List<ResearchReader> research = variants().stream().map(Research.Variant::read).toList();
        this.paired = PairedComparison.compare(by, research.stream().map(ResearchReader::data).toList(), FleetDigest.minimumEffect(research));
    }

    /**
     * Reads every target (in parallel) over the sessions started in [from, to).
     *
     * @param to null: no end
     * @param by the config key whose values make the arms
     */
    static Comparison of(List<VariantTarget> targets, Instant from, Instant to, String by) {
        return new Comparison(from, to, by, FanOut.map(targets, target -> read(target, from, to, by)));
    }

    /** The sessions compared started at or after this instant. */
    Instant from() {
        return from;
    }

    /** The sessions compared started before this instant; null: no end. */
    Instant to() {
        return to;
    }

    String by() {
        return by;
    }

    List<Research.Variant> variants() {
        return found.stream().map(Read::research).toList();
    }

    List<VariantReport> reports() {
        return found.stream().map(Read::report).toList();
    }

    /** The arms, each pair of them in the three paired designs with its verdict, and the A/A noise floors. */
    PairedComparison.Result paired() {
        return paired;
    }

    /** One line per database that could not be read ("name: why"). */
    List<String> unreachable() {
        return unreachable;
    }

    void print(PrintWriter out) {
        List<VariantReport> reports = reports();
        out.println(reports.isEmpty() ? "no sessions to compare" : Reports.comparison(reports));
        if (!reports.isEmpty()) {
            out.println(Research.metrics(variants()));
            out.println(Reports.endings(reports));
            out.println(PairedReport.text(paired));
        }
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("by", by);
        json.put("variants", found.stream().map(read -> Research.json(read.report(), read.research())).toList());
        json.putAll(PairedReport.json(paired));
        return json;
    }

    private static Read read(VariantTarget target, Instant from, Instant to, String key) {
        try (Connection connection = target.database().connect();
             PreparedStatement range = connection.prepareStatement(
                     "SELECT min(id), max(id) FROM sessions WHERE variant_id = ? AND started_at >= ? AND (?::timestamptz IS NULL OR started_at < ?)")) {
            range.setString(1, target.name());
            range.setTimestamp(2, Timestamp.from(from));
            range.setTimestamp(3, to == null ? null : Timestamp.from(to));
            range.setTimestamp(4, to == null ? null : Timestamp.from(to));
            try (ResultSet row = range.executeQuery()) {
                row.next();
                if (row.getObject(1) == null) {
                    return new Read(null, null, null);
                }
                VariantReport report = VariantReport.ofSessions(connection, target.name(), row.getLong(1), row.getLong(2));
                ResearchReader read = ResearchReader.read(connection, target.name(), from, to, key);
                return new Read(report, new Research.Variant(read, VariantMetrics.of(read.trades(), read.curve()), report.stops()), null);
            }
        } catch (Exception e) {
            return new Read(null, null, target.name() + ": " + Errors.brief(e));
        }
    }
}
