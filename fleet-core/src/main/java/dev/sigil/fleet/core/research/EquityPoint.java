package dev.sigil.fleet.core.research;

import java.time.Instant;

/** The account's equity at one instant of the tick clock (an equity snapshot). */
public record EquityPoint(Instant at, double equity) {
}
