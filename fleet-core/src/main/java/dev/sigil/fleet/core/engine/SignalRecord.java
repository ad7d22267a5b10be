package dev.sigil.fleet.core.engine;

import dev.sigil.fleet.core.strategy.EntrySignal;

/** A signal as stored: accepted, or rejected with the reason; with the ATR at signal time. */
public record SignalRecord(EntrySignal signal, boolean accepted, String rejectReason, double atr) {
}
