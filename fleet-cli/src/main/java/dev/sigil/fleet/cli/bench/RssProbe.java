package dev.sigil.fleet.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident memory from /proc (Linux): current (VmRSS) and peak (VmHWM), in kB. */
final class RssProbe {

    private RssProbe() {
    }

    static long peakKilobytes(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
