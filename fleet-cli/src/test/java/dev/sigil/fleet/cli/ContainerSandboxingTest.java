package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd/install.sh} in a container, with stand-ins for {@code systemd-detect-virt} and {@code systemd-run} on
 * PATH that answer as an unprivileged LXC container does: without nesting, every option that needs a mount namespace
 * fails (status=226/NAMESPACE), with nesting none does. Only what fails is relaxed, and it is said in one line.
 */
class ContainerSandboxingTest {

    /** What an unprivileged LXC container without nesting cannot set up (systemd#17866, lxc#4052). */
    private static final List<String> WITHOUT_NESTING = List.of("PrivateTmp", "ProtectSystem", "ProtectHome", "PrivateDevices",
            "ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname");

    @TempDir
    Path dir;

    @BeforeEach
    void standIns() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("standins"));
        write(bin.resolve("systemd-detect-virt"), """
                #!/bin/sh
                [ "$1" = --container ] || exit 2
                echo "$STANDIN_VIRT"
                [ "$STANDIN_VIRT" != none ]
                """);
        write(bin.resolve("systemd-run"), """
                #!/bin/sh
                echo "$*" >> "$STANDIN_LOG"
                for arg in "$@"; do
                    for failing in $STANDIN_FAILING; do
                        case "$arg" in "$failing="*)
                            echo "Job for run-u7.service failed because the control process exited with error code." >&2
                            exit 1 ;;
                        esac
                    done
                done
                exit 0
                """);
        Path dist = dir.resolve("dist");
        for (String launcher : List.of("sigil-runner", "sigil-monitor", "fleet")) {
            Files.createDirectories(dist.resolve("bin"));
            Files.copy(RepoFiles.root().resolve("systemd/bin/" + launcher), dist.resolve("bin/" + launcher));
        }
        Files.copy(RepoFiles.root().resolve("scripts/select-jdk.sh"), dist.resolve("bin/select-jdk.sh"));
        for (String app : List.of("cli", "runner", "monitor")) {
            Files.writeString(Files.createDirectories(dist.resolve("lib/" + app)).resolve(app + ".jar"), "jar");
        }
    }

    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int code, String output) {
    }

    private Run install(String virt, List<String> failing) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", RepoFiles.root().resolve("systemd/install.sh").toString(), "--runner", "baseline", "--monitor",
                "--from", dir.resolve("dist").toString()).directory(RepoFiles.root().toFile()).redirectErrorStream(true);
        Map<String, String> environment = new HashMap<>(builder.environment());
        builder.environment().put("PATH", dir.resolve("standins") + ":" + environment.get("PATH"));
        builder.environment().put("DESTDIR", dir.resolve("stage").toString());
        builder.environment().put("STANDIN_VIRT", virt);
        builder.environment().put("STANDIN_FAILING", String.join(" ", failing));
        builder.environment().put("STANDIN_LOG", dir.resolve("systemd-run.log").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private Path dropIn(String unit) {
        return dir.resolve("stage/etc/systemd/system/" + unit + ".d/50-container.conf");
    }

    @Test
    void inAnUnprivilegedContainerWithoutNestingOnlyWhatFailsIsRelaxedAndItIsSaidOnce() throws Exception {
        Run run = install("lxc", WITHOUT_NESTING);

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output().lines().filter(line -> line.contains("cannot set up"))).singleElement().satisfies(line -> assertThat(line)
                .contains("this lxc container cannot set up PrivateTmp, ProtectSystem, ProtectHome, PrivateDevices")
                .contains("Proxmox: pct set ID --features nesting=1").contains("incus config set NAME security.nesting=true"));
        for (String unit : List.of("sigil-runner@.service", "sigil-monitor.service", "sigil-heartbeat-check.service")) {
            List<String> settings = Files.readAllLines(dropIn(unit)).stream().filter(line -> line.endsWith("=no")).toList();
            assertThat(settings).as(unit).containsExactlyElementsOf(WITHOUT_NESTING.stream().map(option -> option + "=no").toList());
            assertThat(Files.readString(dropIn(unit))).contains("[Service]").doesNotContain("NoNewPrivileges").doesNotContain("RestrictNamespaces");
        }
    }

    @Test
    void withNestingNothingIsRelaxedAndADropInLeftFromBeforeIsRemoved() throws Exception {
        install("lxc", WITHOUT_NESTING);
        assertThat(dropIn("sigil-runner@.service")).exists();

        Run nested = install("lxc", List.of());

        assertThat(nested.output()).doesNotContain("cannot set up");
        assertThat(dropIn("sigil-runner@.service")).doesNotExist();
        assertThat(dropIn("sigil-monitor.service")).doesNotExist();
    }

    @Test
    void outsideAContainerTheSandboxingIsNotProbed() throws Exception {
        Run run = install("none", WITHOUT_NESTING);

        assertThat(run.code()).isZero();
        assertThat(run.output()).doesNotContain("cannot set up");
        assertThat(dir.resolve("systemd-run.log")).doesNotExist();
        assertThat(dropIn("sigil-runner@.service")).doesNotExist();
    }
}
