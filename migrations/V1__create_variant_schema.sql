-- The schema of one variant database. Every variant (baseline, moderate, aggressive, unhinged) has its own
-- database with exactly these tables; the monitor, the fleet CLI and operators' own queries rely on the names.
-- Times: sessions and scanner_heartbeat are wall-clock; positions, signals, protections and equity snapshots are
-- on the tick clock (market time: the candles' time in replay, the wall clock live).

CREATE TABLE sessions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    variant_id       text        NOT NULL,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz NULL,
    end_reason       text        NULL,
    duration_limit_s integer     NOT NULL CHECK (duration_limit_s >= 0),
    config_hash      text        NOT NULL,
    config_json      jsonb       NOT NULL,
    market_data      text        NOT NULL DEFAULT 'unknown',
    host             text        NULL,
    pid              bigint      NULL,
    CONSTRAINT sessions_end_has_reason CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);
-- a variant runs one session at a time; a session left open by a dead process is closed as 'aborted' at start-up
CREATE UNIQUE INDEX sessions_one_open_per_variant ON sessions (variant_id) WHERE ended_at IS NULL;

CREATE TABLE engine_state (
    key        text PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE positions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    variant_id       text        NOT NULL,
    session_id       bigint      NOT NULL REFERENCES sessions (id),
    symbol           text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('open', 'closed')),
    entry_time       timestamptz NOT NULL,
    entry_price      numeric     NOT NULL CHECK (entry_price > 0),
    qty              numeric     NOT NULL CHECK (qty > 0),
    entry_fee        numeric     NOT NULL CHECK (entry_fee >= 0),
    stop_price       numeric     NOT NULL CHECK (stop_price > 0),
    trail_stop_price numeric     NULL,
    atr_at_entry     numeric     NOT NULL CHECK (atr_at_entry >= 0),
    highest_price    numeric     NOT NULL,
    exit_time        timestamptz NULL,
    exit_price       numeric     NULL,
    exit_fee         numeric     NULL,
    exit_reason      text        NULL CHECK (exit_reason IN ('hard_stop', 'atr_trail', 'time_exit')),
    realized_pnl     numeric     NULL,
    CONSTRAINT positions_closed_has_exit CHECK (
        (status = 'open' AND exit_time IS NULL AND exit_price IS NULL AND exit_reason IS NULL AND realized_pnl IS NULL)
        OR (status = 'closed' AND exit_time IS NOT NULL AND exit_price IS NOT NULL AND exit_fee IS NOT NULL
            AND exit_reason IS NOT NULL AND realized_pnl IS NOT NULL))
);
-- the backstop against duplicate entries: at most one open position per (symbol, variant)
CREATE UNIQUE INDEX positions_one_open_per_symbol ON positions (symbol, variant_id) WHERE status = 'open';
CREATE INDEX positions_session ON positions (session_id);
CREATE INDEX positions_exit_time ON positions (exit_time) WHERE status = 'closed';

CREATE TABLE symbol_protections (
    symbol          text PRIMARY KEY,
    expires_at      timestamptz NOT NULL,
    ban_until       timestamptz NULL,
    violation_count integer     NOT NULL DEFAULT 0 CHECK (violation_count >= 0),
    created_at      timestamptz NOT NULL
);

CREATE TABLE scanner_heartbeat (
    variant_id         text PRIMARY KEY,
    last_scan_start    timestamptz NULL,
    last_scan_end      timestamptz NULL,
    updated_at         timestamptz NOT NULL,
    newest_candle_time timestamptz NULL,
    candles_processed  integer     NOT NULL DEFAULT 0,
    session_id         bigint      NULL REFERENCES sessions (id),
    host               text        NULL,
    pid                bigint      NULL
);

CREATE TABLE signals (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id    bigint      NOT NULL REFERENCES sessions (id),
    symbol        text        NOT NULL,
    candle_time   timestamptz NOT NULL,
    strategy      text        NOT NULL,
    accepted      boolean     NOT NULL,
    reject_reason text        NULL,
    price         numeric     NULL,
    atr           numeric     NULL,
    detail        jsonb       NULL,
    CONSTRAINT signals_rejected_has_reason CHECK (accepted OR reject_reason IS NOT NULL)
);
CREATE INDEX signals_session ON signals (session_id, candle_time);

CREATE TABLE circuit_breaker (
    variant_id   text PRIMARY KEY,
    state        text        NOT NULL CHECK (state IN ('closed', 'tripped')),
    reason       text        NULL,
    tripped_at   timestamptz NULL,
    tripped_by   text        NULL,
    reset_at     timestamptz NULL,
    reset_by     text        NULL,
    reset_reason text        NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT circuit_breaker_tripped_has_reason CHECK (state = 'closed' OR (reason IS NOT NULL AND tripped_at IS NOT NULL AND tripped_by IS NOT NULL))
);

CREATE TABLE circuit_breaker_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    variant_id text        NOT NULL,
    event      text        NOT NULL CHECK (event IN ('trip', 'reset')),
    reason     text        NOT NULL,
    actor      text        NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX circuit_breaker_events_variant ON circuit_breaker_events (variant_id, at);

-- the audit trail is append-only: no update, no delete
CREATE FUNCTION circuit_breaker_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'circuit_breaker_events is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER circuit_breaker_events_no_change
    BEFORE UPDATE OR DELETE ON circuit_breaker_events
    FOR EACH ROW EXECUTE FUNCTION circuit_breaker_events_append_only();

CREATE TABLE equity_snapshots (
    session_id     bigint      NOT NULL REFERENCES sessions (id),
    at             timestamptz NOT NULL,
    equity         numeric     NOT NULL,
    realized_pnl   numeric     NOT NULL,
    open_positions integer     NOT NULL CHECK (open_positions >= 0),
    PRIMARY KEY (session_id, at)
);
