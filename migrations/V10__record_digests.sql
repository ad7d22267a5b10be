-- Which day's fleet digest went out. Kept in the fleet's first reachable variant database (the monitors read the same
-- fleet file, so they agree on which that is) and claimed like the incidents' alerts, so two monitors send it once.
CREATE TABLE digests (
    day        date PRIMARY KEY,
    claim      text        NULL,
    claimed_at timestamptz NULL,
    sent_at    timestamptz NULL
);
