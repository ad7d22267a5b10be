package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.DatabaseTarget;

/** One-line error text for tables and messages: the deepest cause, whitespace folded, passwords redacted. */
final class Errors {

    private Errors() {
    }

    static String brief(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        message = DatabaseTarget.redact(message.strip().replaceAll("\\s+", " "));
        return message.length() > 240 ? message.substring(0, 237) + "..." : message;
    }
}
