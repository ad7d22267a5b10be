package dev.sigil.fleet.core.guard;

/**
 * One source's measurement and thresholds. {@link #measure} is called once per tick, before the conditions are
 * asked; a tick without a measurement answers false to both conditions and does not move stability either way.
 */
interface GuardSignal {

    void measure(GuardInputs inputs);

    boolean measured();

    /** The entry threshold is crossed. */
    boolean entryHolds();

    /** The (stricter) exit threshold is met this tick. */
    boolean exitHolds();

    /** After a recovery: the window starts again from this tick's measurement. */
    void restartWindow();

    /** The measured value for logs, e.g. {@code bias 7.2 bps, hot 45 %}. */
    String describe();

    /** What the measurement remembers between ticks, as text for engine_state ({@link #restore} reads it back). */
    String snapshot();

    /** Takes back a {@link #snapshot}; one that does not fit (another window length, unreadable) is ignored. */
    void restore(String snapshot);
}
