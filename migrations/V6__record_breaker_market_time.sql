-- The tick clock when a runner tripped or reset a variant's circuit breaker (in replay, the candles' time), so a
-- backtest can say when it halted and how much of its data it traded. NULL for a person's or the monitor's event.
ALTER TABLE circuit_breaker_events ADD COLUMN market_time timestamptz NULL;
