package dev.sigil.fleet.core.heartbeat;

import java.time.Instant;

/** A variant's {@code scanner_heartbeat} row as the monitor reads it (wall-clock times; candle time on the tick clock). */
public record Heartbeat(String variant, Instant lastScanStart, Instant lastScanEnd, Instant newestCandleTime, int candlesProcessed,
                        Long sessionId, String host, Long pid) {
}
