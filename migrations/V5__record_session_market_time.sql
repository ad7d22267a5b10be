-- What a session covered on the tick clock: the open of its first candle and the time of its last tick. In replay a
-- session's duration is measured on that clock (the candles'), so this is its real extent; live it follows the wall
-- clock. NULL for a session that saw no candle, and for sessions from before this migration.
ALTER TABLE sessions ADD COLUMN market_start timestamptz NULL;
ALTER TABLE sessions ADD COLUMN market_end timestamptz NULL;
