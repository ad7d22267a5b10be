-- The closed candles a live runner handed its engine (start-up warm-up included), so `fleet reconcile` can replay
-- exactly what the runner saw through the backtester and list where paper trading and the backtest differ. One row
-- per symbol and open time, written by the live ledger in the same transactions as the trades and checkpoints of the
-- tick they belong to (a crash cannot leave a trade without its candles); a candle seen twice (a restart's warm-up)
-- is kept as first recorded. The close time is open_time + market.interval. Prices and volumes are the exact decimal
-- of the engine's double, like the ledger's. Replays do not record (their kline files are the record).
-- Size (measured, full-precision doubles): ~200 bytes a row with its primary key index; a day of 1m candles for 10
-- symbols is 14,400 rows (~2.8 MB), a month ~430,000 rows (~85 MB).
-- Retention is the operator's: DELETE FROM market_candles WHERE open_time < now() - interval '90 days';
CREATE TABLE market_candles (
    symbol       text        NOT NULL,
    open_time    timestamptz NOT NULL,
    open         numeric     NOT NULL,
    high         numeric     NOT NULL,
    low          numeric     NOT NULL,
    close        numeric     NOT NULL,
    volume       numeric     NOT NULL,
    quote_volume numeric     NOT NULL,
    PRIMARY KEY (symbol, open_time)
);
