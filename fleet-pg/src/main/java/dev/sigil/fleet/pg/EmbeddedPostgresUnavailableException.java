package dev.sigil.fleet.pg;

/** No embedded PostgreSQL could be started; the message says what was tried and what to provide instead. */
public final class EmbeddedPostgresUnavailableException extends RuntimeException {
    public EmbeddedPostgresUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
