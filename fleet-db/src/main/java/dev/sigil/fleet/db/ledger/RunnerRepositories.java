package dev.sigil.fleet.db.ledger;

import jakarta.inject.Singleton;

/** The runner's repositories in one place, for the adapters that use several in one transaction. */
@Singleton
public record RunnerRepositories(PositionRepository positions, ProtectionRepository protections) {
}
