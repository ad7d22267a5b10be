-- The monitor trips a variant's circuit breaker at most once per incident. It used to decide from the alert count
-- ("no alert delivered yet"), so with a broken webhook every check re-tripped a breaker a person had just reset. Now
-- the trip is recorded on the incident: a conditional update (breaker_tripped_at IS NULL) claims it in the same
-- transaction as the trip, so two monitors racing on one incident trip once, and a person's reset holds until a new
-- incident opens. Set when the monitor made sure the breaker was tripped for the incident (also if it already was).
ALTER TABLE monitor_incidents ADD COLUMN breaker_tripped_at timestamptz NULL;

-- Incidents from before: an alerted one had its breaker tripped at its first check (the old rule tripped until the
-- first alert went out), and a closed one is done with; neither may trip again after the upgrade.
UPDATE monitor_incidents SET breaker_tripped_at = opened_at WHERE alerts > 0 OR recovered_at IS NOT NULL;
