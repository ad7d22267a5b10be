package dev.sigil.fleet.cli.grid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Digests of what a backtest's result depends on besides its config: the data files' bytes and the code that runs them. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** SHA-256 over each file's name and bytes, in the order given. */
    public static String ofFiles(List<Path> files) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        for (Path file : files) {
            digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                while (in.read(buffer) >= 0) {
                    // the stream feeds the digest
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The code of these classes: their jars' bytes, or for a build tree the names, sizes and times of its class files.
     * A rebuilt runner counts as changed, so a re-run never reuses a result the current code would not give.
     */
    public static String ofCode(Class<?>... classes) {
        MessageDigest digest = sha256();
        for (Class<?> type : classes) {
            Path location;
            try {
                location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException | RuntimeException e) {
                digest.update(type.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                continue;
            }
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        digest.update((location.relativize(file) + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
                }
            } else {
                digest.update(ofFiles(List.of(location)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
