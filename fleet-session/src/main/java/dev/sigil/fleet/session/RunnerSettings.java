package dev.sigil.fleet.session;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * How this runner process is deployed (not how it trades: that is the grid overlay). Set in
 * {@code application.yml}, by environment ({@code SIGIL_RUNNER_VARIANT=baseline}) or by command-line options
 * ({@code --variant baseline --duration-seconds 600}).
 *
 * @param variant the variant this process runs; names its rows in the database
 * @param overlays the grid-overlays directory (base.yaml and the overlays)
 * @param overlay the variant's overlay file (default: overlays/VARIANT.yaml)
 * @param sets extra {@code section.key=value} overrides for this process, validated like the overlay
 * @param market where candles come from: binance (live), synthetic, or replay
 * @param data the directory of kline dump files, for replay
 * @param syntheticSeed the synthetic market's seed
 * @param syntheticSteps 0 = a live synthetic market on the wall clock; more = a replay of that many candles per symbol
 * @param syntheticStart where a synthetic replay starts
 * @param binanceUrl the Binance REST base URL
 * @param durationSeconds overrides scanner.session_duration_seconds (on the tick clock: the candles' in replay)
 * @param afterSession what a live runner does when a session's duration has elapsed: restart (a new session) or exit;
 *     a replay always goes on with the next session until its data ends
 * @param replayTicksPerSecond 0 = replay as fast as the engine goes; more = at most that many ticks per second
 * @param replayHeartbeatSeconds in replay, the heartbeat, breaker read and checkpoint happen at most this often
 *     (wall clock; 0 = every tick, like a live runner)
 * @param databaseWaitSeconds at start-up, how long to wait for an unreachable database before exiting non-zero
 * @param skipBadFiles in replay, a kline file that cannot be read to its end is replayed as far as it can be read,
 *     reported, and the replay goes on with the next file; false (default): the replay is refused
 * @param resumeAfterHalt replay only (a backtest experiment): after a HALT the breaker is reset at the next session,
 *     recorded as done by {@code backtest}, so the run covers all of its data while counting its halts
 */
@ConfigurationProperties("sigil.runner")
public record RunnerSettings(
        @Nullable String variant,
        @Bindable(defaultValue = "grid-overlays") Path overlays,
        @Nullable Path overlay,
        @Nullable List<String> sets,
        @Bindable(defaultValue = "binance") String market,
        @Nullable Path data,
        @Bindable(defaultValue = "42") long syntheticSeed,
        @Bindable(defaultValue = "0") long syntheticSteps,
        @Bindable(defaultValue = "2025-01-01T00:00:00Z") Instant syntheticStart,
        @Bindable(defaultValue = "https://data-api.binance.vision") String binanceUrl,
        @Nullable Integer durationSeconds,
        @Bindable(defaultValue = "restart") String afterSession,
        @Bindable(defaultValue = "0") double replayTicksPerSecond,
        @Bindable(defaultValue = "1") double replayHeartbeatSeconds,
        @Bindable(defaultValue = "300") int databaseWaitSeconds,
        @Bindable(defaultValue = "false") boolean skipBadFiles,
        @Bindable(defaultValue = "false") boolean resumeAfterHalt) {

    /**
     * The Micronaut environment whose configuration (application-runner.yml) and beans are the runner's: the service
     * starts it, and so does the CLI for a runner in its own process (backtests, the bench).
     */
    public static final String ENVIRONMENT = "runner";

    /** Whether this run replays candles (files, or a synthetic series of {@code syntheticSteps}) rather than trading live. */
    public boolean replay() {
        return "replay".equals(market) || "synthetic".equals(market) && syntheticSteps > 0;
    }

    public Path overlayFile() {
        return overlay != null ? overlay : overlays.resolve(variant + ".yaml");
    }

    public List<String> setPairs() {
        return sets == null ? List.of() : sets;
    }
}
