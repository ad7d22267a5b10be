-- The monitor's memory, kept in each variant's own database: a monitor restart forgets no incident and sends no
-- duplicate alert, and two monitors agree through conditional updates on these rows.

-- One row per incident (the variant's scanner seen stale, or its market data stalled). At most one open incident per
-- variant. "claim" marks the monitor currently delivering an alert for it, so racing monitors send it once.
CREATE TABLE monitor_incidents (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    variant_id           text        NOT NULL,
    kind                 text        NOT NULL CHECK (kind IN ('stale', 'data_stalled')),
    opened_at            timestamptz NOT NULL,
    down_since           timestamptz NULL,
    last_seen_at         timestamptz NOT NULL,
    alerted_at           timestamptz NULL,
    alerts               integer     NOT NULL DEFAULT 0,
    flapping             boolean     NOT NULL DEFAULT false,
    claim                text        NULL,
    claimed_at           timestamptz NULL,
    recovered_at         timestamptz NULL,
    recovery_notified_at timestamptz NULL,
    detail               text        NULL
);
CREATE UNIQUE INDEX monitor_incidents_one_open ON monitor_incidents (variant_id) WHERE recovered_at IS NULL;
CREATE INDEX monitor_incidents_opened ON monitor_incidents (variant_id, opened_at);

-- What the monitor last saw of a variant's market data: the newest candle time and since when it has not moved,
-- and when it last reported the variant as flapping.
CREATE TABLE monitor_observations (
    variant_id          text PRIMARY KEY,
    newest_candle_time  timestamptz NULL,
    candle_advanced_at  timestamptz NOT NULL,
    flapping_alerted_at timestamptz NULL,
    updated_at          timestamptz NOT NULL
);
