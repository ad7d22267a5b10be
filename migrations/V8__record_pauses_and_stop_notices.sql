-- A person's pause of a variant's alerts (fleet pause / fleet resume): while paused_until is ahead, the monitor and the
-- timer's probe open no incident, trip no breaker and send nothing for the variant; the pause ends by itself at
-- paused_until (a variant still down then is alerted as usual). One row per variant: the current or last pause, with
-- who and why.
CREATE TABLE variant_pause (
    variant_id   text PRIMARY KEY,
    paused_at    timestamptz NOT NULL,
    paused_until timestamptz NOT NULL,
    paused_by    text        NOT NULL,
    reason       text        NOT NULL,
    CONSTRAINT variant_pause_ends_after_it_starts CHECK (paused_until > paused_at)
);

-- A variant stopped on purpose (its last session ended cleanly and no runner holds its lock) gets one informational
-- notice: the session it was told for, claimed like the incidents' alerts so two monitors send it once.
ALTER TABLE monitor_observations ADD COLUMN stopped_notice_session bigint NULL;
