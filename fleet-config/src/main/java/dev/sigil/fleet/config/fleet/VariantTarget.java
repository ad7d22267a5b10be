package dev.sigil.fleet.config.fleet;

import java.nio.file.Path;

/** One variant of the fleet: its name, its grid overlay and its database. */
public record VariantTarget(String name, Path overlay, DatabaseTarget database) {
}
