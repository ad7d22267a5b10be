package dev.sigil.fleet.config.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigil.fleet.core.config.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetFileTest {

    @Test
    void variantsAreAddressedByNameWithTheirDatabaseOverlayAndPasswordSource(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.yaml"), """
                overlays: overlays
                variants:
                  baseline:
                    database: jdbc:postgresql://10.20.0.11:5432/sigil
                    password_file: secrets/baseline.pass
                  unhinged:
                    database: jdbc:postgresql://10.20.0.14:5432/sigil
                    user: trader
                    overlay: wild.yaml
                """);

        FleetFile fleet = FleetFile.load(file);

        assertThat(fleet.variants()).containsOnlyKeys("baseline", "unhinged");
        VariantTarget baseline = fleet.variant("baseline");
        assertThat(baseline.overlay()).isEqualTo(dir.resolve("overlays/baseline.yaml"));
        assertThat(baseline.database().user()).isEqualTo("sigil");
        assertThat(baseline.database().password()).isEqualTo(Secret.fromFile(dir.resolve("secrets/baseline.pass")));
        VariantTarget unhinged = fleet.variant("unhinged");
        assertThat(unhinged.overlay()).isEqualTo(dir.resolve("overlays/wild.yaml"));
        assertThat(unhinged.database().password()).isEqualTo(Secret.fromEnv("SIGIL_DB_PASSWORD_UNHINGED"));
        assertThatThrownBy(() -> fleet.variant("nope")).hasMessageContaining("variants: baseline, unhinged");
    }

    @Test
    void passwordsInTheFileAndUnknownKeysAreAllRejected(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.yaml"), """
                overlay_dir: x
                variants:
                  baseline:
                    database: jdbc:postgresql://h/sigil?user=a&password=hunter2
                    pasword_env: X
                  Bad Name:
                    database: mysql://h/x
                """);

        assertThatThrownBy(() -> FleetFile.load(file))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("overlay_dir: unknown key")
                .hasMessageContaining("variants.baseline.database = 'jdbc:postgresql://h/sigil?user=a&password=***': must not carry a password")
                .hasMessageContaining("variants.baseline.pasword_env: unknown key")
                .hasMessageContaining("variants.Bad Name: variant names are lower-case words")
                .hasMessageContaining("variants.Bad Name.database = 'mysql://h/x': must be a jdbc:postgresql:// URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void monitorAndDiscordSectionsHaveDefaultsAndAreValidatedLikeOverlays(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.yaml"), "variants:\n  baseline:\n    database: jdbc:postgresql://h/db\n");
        assertThat(FleetFile.load(plain).settings().monitor().checkIntervalSeconds()).isEqualTo(300);
        assertThat(FleetFile.load(plain).settings().discord().webhookUrl()).isEqualTo(Secret.fromEnv("SIGIL_DISCORD_WEBHOOK_URL"));

        Path tuned = Files.writeString(dir.resolve("tuned.yaml"), """
                variants:
                  baseline:
                    database: jdbc:postgresql://h/db
                monitor:
                  check_interval_seconds: 10
                  stale_after_seconds: 60
                discord:
                  webhook_url_file: /etc/sigil/discord-webhook
                """);
        FleetFile fleet = FleetFile.load(tuned);
        assertThat(fleet.settings().monitor().checkIntervalSeconds()).isEqualTo(10);
        assertThat(fleet.settings().monitor().realertMinutes()).isEqualTo(60);
        assertThat(fleet.settings().discord().webhookUrl()).isEqualTo(Secret.fromFile(Path.of("/etc/sigil/discord-webhook")));

        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                variants:
                  baseline:
                    database: jdbc:postgresql://h/db
                monitor:
                  check_interval_seconds: 5
                  stale_after: 60
                """);
        assertThatThrownBy(() -> FleetFile.load(bad)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(bad + ": monitor.check_interval_seconds = 5: is out of range (allowed: a whole number from 10 to 86400)")
                .hasMessageContaining(bad + ": monitor.stale_after: unknown key — did you mean monitor.stale_after_seconds?");
    }

    @Test
    void secretFileReadableByOthersIsRefusedAndNeverPrinted(@TempDir Path dir) throws IOException {
        Path loose = Files.writeString(dir.resolve("loose.pass"), "s3cret\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Path tight = Files.writeString(dir.resolve("tight.pass"), "s3cret\n");
        Files.setPosixFilePermissions(tight, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> Secret.fromFile(loose).reveal()).hasMessageContaining("chmod 600 " + loose).hasMessageNotContaining("s3cret");
        assertThat(Secret.fromFile(tight).reveal()).contains("s3cret");
        DatabaseTarget target = new DatabaseTarget("jdbc:postgresql://h/db", "u", Secret.fromFile(tight));
        assertThat(target.toString()).doesNotContain("s3cret").contains("file " + tight);
    }
}
