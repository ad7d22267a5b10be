package dev.sigil.fleet.core.research;

import java.time.Instant;

/**
 * One pair of a paired design: the same entry (or the same UTC day) under two arms. {@code completedAt} is when the pair
 * became known (the later of its two exits, or the end of its day): pairs are looked at in that order.
 *
 * @param from where the pair comes from, e.g. {@code baseline} or {@code baseline·aggressive}
 */
public record PairedEntry(String symbol, Instant entryTime, Instant completedAt, double first, double second, String from) {

    public double difference() {
        return first - second;
    }
}
