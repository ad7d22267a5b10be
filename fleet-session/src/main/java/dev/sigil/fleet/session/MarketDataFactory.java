package dev.sigil.fleet.session;

import dev.sigil.fleet.market.BinanceKlineClient;
import dev.sigil.fleet.market.BinanceMarketData;
import dev.sigil.fleet.market.KlineFiles;
import dev.sigil.fleet.market.MarketDataSource;
import dev.sigil.fleet.market.ReplayInputReport;
import dev.sigil.fleet.market.ReplayMarketData;
import dev.sigil.fleet.market.SyntheticMarketData;
import dev.sigil.fleet.market.UnusableKlineFileException;
import dev.sigil.fleet.core.candle.Intervals;
import dev.sigil.fleet.core.config.SigilConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens the market-data source the runner's settings name, for the variant's universe and interval, and keeps the
 * replay it opened last so that what the replay read, skipped and found bad can be reported after the run.
 */
@Singleton
public final class MarketDataFactory {

    private volatile ReplayMarketData lastReplay;

    public MarketDataSource open(RunnerSettings settings, SigilConfig config, Instant now) {
        Duration interval = Intervals.parse(config.market().interval());
        return switch (settings.market()) {
            case "replay" -> lastReplay = replay(settings, config);
            case "synthetic" -> settings.syntheticSteps() > 0
                    ? SyntheticMarketData.replay(settings.syntheticSeed(), config.market().symbols(), interval, settings.syntheticStart(), settings.syntheticSteps())
                    : SyntheticMarketData.live(settings.syntheticSeed(), config.market().symbols(), interval, now, config.warmupCandles());
            case "binance" -> new BinanceMarketData(new BinanceKlineClient(URI.create(settings.binanceUrl()), BinanceKlineClient.Settings.defaults()),
                    config.market().symbols(), config.market().interval(), interval);
            default -> throw new IllegalArgumentException("unknown market '" + settings.market() + "' (allowed: binance, synthetic, replay)");
        };
    }

    /**
     * The input report of the replay opened last (empty before one is open). Ask after the run: the replay updates it
     * on the runner's scan thread. A replay refused at open ({@link UnusableKlineFileException}) has none; the
     * exception names its files.
     */
    public Optional<ReplayInputReport> replayInput() {
        ReplayMarketData replay = lastReplay;
        return replay == null ? Optional.empty() : replay.inputReport();
    }

    private static ReplayMarketData replay(RunnerSettings settings, SigilConfig config) {
        if (settings.data() == null) {
            throw new IllegalArgumentException("replay needs a data directory (sigil.runner.data / --data DIR)");
        }
        KlineFiles files = KlineFiles.scan(settings.data());
        if (!files.interval().equals(config.market().interval())) {
            throw new IllegalArgumentException("the kline files in " + files.directory() + " are " + files.interval()
                    + " candles but market.interval is " + config.market().interval() + " (set market.interval=" + files.interval() + ")");
        }
        if (config.market().symbols().stream().noneMatch(files.bySymbol()::containsKey)) {
            throw new IllegalArgumentException("none of the universe's symbols " + config.market().symbols() + " has files in "
                    + files.directory() + " (found: " + files.symbols() + "; set market.symbols)");
        }
        return ReplayMarketData.open(files, config.market().symbols(), settings.skipBadFiles());
    }
}
