package dev.sigil.fleet.core.research;

import java.time.Instant;

/**
 * One entry's result under one exit configuration: the position the runner held ({@code shadow} false), or a shadow
 * exit that followed the same entry under another configuration. {@code r} is the realized P&L (fees included) divided
 * by the initial risk, (entry − initial hard stop) × quantity, of that configuration's stop.
 *
 * @param arm the value of the key under test this result ran with (e.g. {@code 2.5} for exit.hard_stop_multiplier)
 * @param positionId the position the entry opened (a shadow carries its position's id)
 */
public record EntryResult(String variant, long positionId, String symbol, Instant entryTime, Instant exitTime, String arm, boolean shadow,
                          String exitReason, double r, double pnlUsd) {
}
