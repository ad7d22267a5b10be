-- Resume after a crash without replaying or duplicating anything.

-- Where a variant's runner stopped: the close time of the newest candle whose tick is durable (written in the same
-- transaction as that tick's positions, signals, snapshots and engine state). It only moves forward. A restart
-- resumes after it, whatever happened to the sessions in between. market_data is the kind of source it belongs to:
-- a runner started on another kind (replay after live) starts that source from its beginning.
CREATE TABLE scan_progress (
    variant_id   text PRIMARY KEY,
    market_data  text        NOT NULL,
    resume_after timestamptz NOT NULL,
    session_id   bigint      NULL REFERENCES sessions (id),
    updated_at   timestamptz NOT NULL
);

-- A candle's signal is decided once per strategy. Replays before this migration could record it again after a
-- crash: keep the first record of each, then let the index refuse any second one.
DELETE FROM signals s
 USING signals first
 WHERE first.symbol = s.symbol AND first.candle_time = s.candle_time AND first.strategy = s.strategy AND first.id < s.id;
CREATE UNIQUE INDEX signals_one_per_candle ON signals (symbol, candle_time, strategy);

-- One equity snapshot per tick-clock instant, whichever session took it (the same: a resumed replay).
DELETE FROM equity_snapshots e
 USING equity_snapshots first
 WHERE first.at = e.at AND first.session_id < e.session_id;
CREATE UNIQUE INDEX equity_snapshots_one_per_instant ON equity_snapshots (at);
