package dev.sigil.fleet.session.loop;

import dev.sigil.fleet.core.candle.Candle;
import dev.sigil.fleet.core.engine.ScanEngine;
import dev.sigil.fleet.db.ledger.RunnerLedger;
import dev.sigil.fleet.market.MarketDataSource;
import dev.sigil.fleet.session.RunnerMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market's batches after the resume point of the previous process: candles closed at or before it only warm the
 * indicators up (after a restart, a replay re-reads its data up to where the dead process had got). Every candle read
 * is handed to the ledger to be recorded, and the malformed ones counted.
 */
final class ResumeFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ResumeFilter.class);

    private final String variant;
    private final ScanEngine engine;
    private final MarketDataSource market;
    private final RunnerLedger ledger;
    private final RunnerMetrics metrics;
    private Instant resumeAfter;

    /** @param resumeAfter the durable resume point of the previous process (null: none) */
    ResumeFilter(String variant, ScanEngine engine, MarketDataSource market, RunnerLedger ledger, RunnerMetrics metrics, Instant resumeAfter) {
        this.variant = variant;
        this.engine = engine;
        this.market = market;
        this.ledger = ledger;
        this.metrics = metrics;
        this.resumeAfter = resumeAfter;
    }

    /** Whether candles before the resume point are still being caught up on. */
    boolean resuming() {
        return resumeAfter != null;
    }

    /** The next batch with candles after the resume point; batches entirely at or before it only warm up. */
    MarketDataSource.Batch next(Instant now) {
        int malformed = 0;
        while (true) {
            MarketDataSource.Batch batch = market.next(now);
            ledger.candles(batch.candles());
            malformed += batch.malformed();
            if (resumeAfter == null || batch.exhausted()) {
                metrics.malformed(malformed);
                return batch;
            }
            List<Candle> fresh = new ArrayList<>(batch.candles().size());
            List<Candle> done = new ArrayList<>(batch.candles().size());
            for (Candle candle : batch.candles()) {
                (candle.closeTime().isAfter(resumeAfter) ? fresh : done).add(candle);
            }
            engine.warmUpTick(done);
            if (!fresh.isEmpty()) {
                LOG.info("{}: resumed after {}, the last durable tick of the previous run", variant, resumeAfter);
                resumeAfter = null;
                metrics.malformed(malformed);
                return new MarketDataSource.Batch(fresh, batch.marketTime(), false, 0);
            }
            if (market.live()) {
                metrics.malformed(malformed);
                return new MarketDataSource.Batch(List.of(), batch.marketTime(), false, 0);
            }
        }
    }
}
