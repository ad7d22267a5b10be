package dev.sigil.fleet.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's own files (grid-overlays/, migrations/), found from the build's root directory. */
public final class RepoFiles {

    private RepoFiles() {
    }

    public static Path root() {
        Path start = Path.of(System.getProperty("sigil.repo.root", ".")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("grid-overlays")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + start);
    }

    public static Path gridOverlays() {
        return root().resolve("grid-overlays");
    }
}
