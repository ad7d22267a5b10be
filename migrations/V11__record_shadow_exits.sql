-- Shadow exits: every entry a runner opens is also followed under each other exit configuration of the grid
-- (research.shadow_exits; by default the other values of exit.hard_stop_multiplier in the overlays), on the same
-- candles with the same exit rules, fills, fees and slippage, and never traded. One row per position and configuration:
-- inserted with its position, in the entry's transaction; moved and closed with the ticks' checkpoints, in the
-- transaction that records the resume point, so a restart resumes a shadow exactly as it resumes a position. A shadow
-- outlives its position when its own stop is further away. research reads R (realized_pnl over
-- (entry_price - stop_price) × qty of the position) to compare exit configurations on identical entries.
CREATE TABLE shadow_exits (
    position_id      bigint      NOT NULL REFERENCES positions (id),
    -- what differs from the runner's own exit section, e.g. hard_stop_multiplier=2.5
    exit_config      text        NOT NULL,
    -- the whole exit section the shadow follows, as the session's config_json writes it
    exit_settings    jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('open', 'closed')),
    stop_price       numeric     NOT NULL CHECK (stop_price > 0),
    highest_price    numeric     NOT NULL,
    trail_stop_price numeric     NULL,
    exit_time        timestamptz NULL,
    exit_price       numeric     NULL,
    exit_fee         numeric     NULL,
    exit_reason      text        NULL CHECK (exit_reason IN ('hard_stop', 'atr_trail', 'time_exit')),
    realized_pnl     numeric     NULL,
    PRIMARY KEY (position_id, exit_config),
    CONSTRAINT shadow_exits_closed_has_exit CHECK (
        (status = 'open' AND exit_time IS NULL AND exit_price IS NULL AND exit_fee IS NULL AND exit_reason IS NULL AND realized_pnl IS NULL)
        OR (status = 'closed' AND exit_time IS NOT NULL AND exit_price IS NOT NULL AND exit_fee IS NOT NULL
            AND exit_reason IS NOT NULL AND realized_pnl IS NOT NULL))
);
-- a restart reads the open ones
CREATE INDEX shadow_exits_open ON shadow_exits (position_id) WHERE status = 'open';
