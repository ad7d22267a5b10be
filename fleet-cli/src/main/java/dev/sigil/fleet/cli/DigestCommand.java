package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.digest.DailyDigest;
import dev.sigil.fleet.db.report.FleetDigest;
import dev.sigil.fleet.config.fleet.FleetSettings;
import dev.sigil.fleet.config.fleet.MonitorSettings;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"The daily digest the monitor posts to Discord at monitor.digest_utc_time (fleet file; default \"08:00\", empty "
                + "for none), here in the terminal: per variant, its closed trades in the last 24 hours with their P&L, win rate "
                + "and expectancy, the deepest drawdown of its equity, its mode, breaker and heartbeat; then the A/B verdict over "
                + "all sessions so far (as 'fleet compare' gives it).",
                "Exit 2 when a database is unreachable (the others are still shown)."})
final class DigestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OutputOptions output;

    @Option(names = "--print", description = "Print the digest (the default; nothing is posted).")
    boolean print;

    @Option(names = "--by", paramLabel = "KEY", defaultValue = ComparisonOptions.DEFAULT_KEY,
            description = "The config key whose values make the A/B arms (default: ${DEFAULT-VALUE}).")
    String by;

    @Override
    public Integer call() {
        ComparisonOptions.checkKey("--by", by);
        MonitorSettings settings = fleet.fleet().map(file -> file.settings().monitor()).orElse(FleetSettings.defaultSettings().monitor());
        DailyDigest.Digest digest = FleetDigest.read(fleet.targets(), settings, Instant.now(), by);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("title", digest.title());
            json.put("at", digest.at().toString());
            json.put("variants", digest.variants().stream().map(day -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", day.variant());
                row.put("error", day.error());
                row.put("trades", day.trades());
                row.put("realized_pnl_usd", day.realizedPnl());
                row.put("win_rate", Double.isNaN(day.winRate()) ? null : day.winRate());
                row.put("expectancy_usd", Double.isNaN(day.expectancy()) ? null : day.expectancy());
                row.put("max_drawdown_pct", Double.isNaN(day.maxDrawdownPct()) ? null : day.maxDrawdownPct());
                row.put("mode", day.mode());
                row.put("breaker", day.breaker());
                row.put("heartbeat", day.heartbeat());
                return row;
            }).toList());
            json.put("verdicts", digest.verdicts());
            out.println(Json.write(json));
        } else {
            out.println(digest.title());
            digest.lines().forEach(line -> out.println("  " + line));
        }
        List<DailyDigest.VariantDay> unreachable = digest.variants().stream().filter(day -> day.error() != null).toList();
        return unreachable.isEmpty() ? ExitCodes.OK : ExitCodes.UNREACHABLE;
    }
}
