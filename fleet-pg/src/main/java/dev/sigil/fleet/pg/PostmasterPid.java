package dev.sigil.fleet.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code postmaster.pid} file of a data directory: which process serves it and on which port. A server left
 * running by a process that died (kill -9 of the JVM does not stop the postmaster) is found through it.
 */
record PostmasterPid(long pid, int port) {

    static Optional<PostmasterPid> read(Path dataDirectory) {
        Path file = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            return Optional.of(new PostmasterPid(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
