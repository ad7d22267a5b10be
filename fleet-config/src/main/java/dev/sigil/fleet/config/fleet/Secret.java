package dev.sigil.fleet.config.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A secret (database password, Discord webhook URL) named by where it lives — an environment variable or a file
 * only its owner can read — and read only when needed. Its {@code toString} never shows the value.
 */
public sealed interface Secret {

    /** The value, if the source holds one; throws {@link SecretException} if the source is unsafe or unreadable. */
    Optional<String> reveal();

    /** Where the secret comes from, safe to print. */
    String source();

    static Secret none() {
        return new None();
    }

    static Secret fromEnv(String variable) {
        return new FromEnv(variable);
    }

    static Secret fromFile(Path file) {
        return new FromFile(file);
    }

    record None() implements Secret {
        public Optional<String> reveal() {
            return Optional.empty();
        }

        public String source() {
            return "none";
        }
    }

    record FromEnv(String variable) implements Secret {
        public Optional<String> reveal() {
            return Optional.ofNullable(System.getenv(variable)).filter(value -> !value.isEmpty());
        }

        public String source() {
            return "env " + variable;
        }

        @Override
        public String toString() {
            return "Secret[" + source() + "]";
        }
    }

    record FromFile(Path file) implements Secret {
        private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

        public Optional<String> reveal() {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new SecretException("refusing to read secret file " + file + ": its mode is "
                            + PosixFilePermissions.toString(permissions) + ", others may read it; run: chmod 600 " + file);
                }
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(value -> !value.isEmpty());
            } catch (IOException e) {
                throw new SecretException("cannot read secret file " + file + ": " + e.getMessage());
            }
        }

        public String source() {
            return "file " + file;
        }

        @Override
        public String toString() {
            return "Secret[" + source() + "]";
        }
    }

    /** A secret source that exists but must not or cannot be used. */
    final class SecretException extends RuntimeException {
        public SecretException(String message) {
            super(message);
        }
    }
}
