package dev.sigil.fleet.session;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.config.SigilConfig;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.db.ledger.WarmUpCandles;
import dev.sigil.fleet.market.MarketDataSource;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warming the engine up before it trades: live, on the market's history (recorded as it comes; what the database did
 * not take waits for the session's ledger); in replay, on the data's first time steps, without trading.
 */
final class WarmUps {

    private static final Logger LOG = LoggerFactory.getLogger(WarmUps.class);

    private final String variant;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    /** Live: warm-up candles the database did not take while they were fed to the engine; the next ledger records them. */
    private final List<Candle> unrecorded = new ArrayList<>();

    WarmUps(String variant, TransactionOperations<Connection> transactions, Clock clock) {
        this.variant = variant;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * History, oldest first, one time step at a time: indicators, strategies and the guards' windows. Its candles are
     * recorded as they come; any the database did not take wait for the session's ledger.
     */
    void live(ScanEngine engine, MarketDataSource market, int perSymbol) {
        WarmUpCandles recorder = new WarmUpCandles(transactions, variant);
        long started = System.nanoTime();
        market.history(clock.instant(), perSymbol, step -> {
            engine.warmUpTick(step);
            recorder.add(step);
        });
        unrecorded.addAll(recorder.finish());
        LOG.info("{}: warmed up on {} in {} s", variant, recorder.describe(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
    }

    /**
     * A replay's first time steps, as many as the indicators need ({@link SigilConfig#warmupCandles}: 16 hours of minute
     * candles for ATR(14) on 1h), warm the indicators and the guards' windows up without trading — as a live runner
     * warms up on its history — so an entry's stop rarely goes on the floor for want of an ATR (G1). A replay resumed
     * after a crash warms up on everything before its resume point instead.
     */
    void replay(ScanEngine engine, MarketDataSource market, int steps, RunnerMetrics metrics) {
        int candles = 0;
        int done = 0;
        Instant last = null;
        while (done < steps) {
            MarketDataSource.Batch batch = market.next(clock.instant());
            metrics.malformed(batch.malformed());
            if (batch.exhausted()) {
                break;
            }
            engine.warmUpTick(batch.candles());
            candles += batch.candles().size();
            last = batch.marketTime();
            done++;
        }
        metrics.warmedUp(candles);
        LOG.info("{}: warmed up on the replay's first {} candles over {} time steps{} (indicators and guard windows, no trading)",
                variant, candles, done, last == null ? "" : ", to " + last);
    }

    /** The warm-up candles still to be recorded, handed over (the list is emptied). */
    List<Candle> takeUnrecorded() {
        List<Candle> taken = List.copyOf(unrecorded);
        unrecorded.clear();
        return taken;
    }
}
