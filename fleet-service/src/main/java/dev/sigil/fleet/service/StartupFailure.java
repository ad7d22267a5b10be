package dev.sigil.fleet.service;

import java.util.ArrayList;
import java.util.List;

/** A start-up failure in one line: the outermost message and the root cause's, without the framework's stack. */
public final class StartupFailure {

    private StartupFailure() {
    }

    public static String describe(Throwable error) {
        List<String> messages = new ArrayList<>();
        Throwable root = error;
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            root = cause;
        }
        for (Throwable shown : new Throwable[] {error, root}) {
            String message = shown.getMessage() == null ? shown.getClass().getSimpleName() : firstLine(shown.getMessage());
            if (messages.stream().noneMatch(message::contains)) {
                messages.add(message);
            }
        }
        return String.join(": ", messages);
    }

    private static String firstLine(String message) {
        String line = message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline).strip();
    }
}
