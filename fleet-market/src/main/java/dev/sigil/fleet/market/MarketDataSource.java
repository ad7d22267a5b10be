package dev.sigil.fleet.market;

import dev.sigil.fleet.core.candle.Candle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The market-data port: replay files, the synthetic market or Binance, behind the same calls. Live sources are
 * polled on the scan cadence with the wall clock; replay sources hand out one time step per call, as fast as the
 * engine asks, and their batches carry the tick clock (the candles' time).
 */
public interface MarketDataSource extends AutoCloseable {

    /** One call's candles: any symbols, each symbol's in time order. */
    record Batch(List<Candle> candles, Instant marketTime, boolean exhausted, int malformed) {
    }

    /** What sessions.market_data records: {@code replay}, {@code synthetic} or {@code binance}. */
    String kind();

    /** For logs: where the data comes from. */
    String description();

    /** Live sources follow the wall clock; replay sources define the tick clock themselves. */
    boolean live();

    /**
     * Live warm-up: the closed candles before {@code asOf}, up to {@code perSymbol} per symbol, handed to {@code
     * timeStep} one time step at a time (every symbol's candle of one open time), oldest first. The list handed over
     * is only valid during the call: a warm-up at 500 symbols is half a million candles, which are not all held.
     */
    void history(Instant asOf, int perSymbol, Consumer<List<Candle>> timeStep);

    /**
     * Live: every closed candle not handed out yet, as of {@code now}. Replay: the next time step's candles
     * ({@code now} is ignored); {@code exhausted} once no data is left.
     */
    Batch next(Instant now);

    /**
     * Replay sources: what they have read, skipped and found bad so far (ask from the thread that calls
     * {@link #next}, or after it). Other sources: empty; their skipped rows are only counted ({@code malformed}).
     */
    default Optional<ReplayInputReport> inputReport() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }
}
