-- What the runner and the operators' commands want people told, written in the same transaction as what happened
-- (a breaker tripped by a HALT, a risk limit or a person; a reset, with who and why; a session started after a crash),
-- so nothing is told that did not happen and nothing that happened is lost. The runner never needs the webhook: the
-- monitor delivers each row once, under the incidents' claim protocol (claim, send, mark delivered or release), so
-- two monitors send it once. A row of a paused variant is marked delivered without being sent (suppressed).
CREATE TABLE notifications (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    variant_id   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    kind         text        NOT NULL,
    title        text        NOT NULL,
    detail       text        NOT NULL,
    claim        text        NULL,
    claimed_at   timestamptz NULL,
    delivered_at timestamptz NULL,
    suppressed   boolean     NOT NULL DEFAULT false
);
CREATE INDEX notifications_undelivered ON notifications (variant_id, id) WHERE delivered_at IS NULL;
