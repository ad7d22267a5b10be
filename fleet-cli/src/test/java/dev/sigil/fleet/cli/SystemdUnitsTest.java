package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.cli.bench.BenchCommand;
import dev.sigil.fleet.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The install script, staged with DESTDIR, and the systemd units it lays out, checked by systemd-analyze verify. */
class SystemdUnitsTest {

    @TempDir
    Path dir;
    private Path stage;

    private record Run(int code, String output) {
    }

    private static Run run(Map<String, String> env, Path workdir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @BeforeEach
    void install() throws Exception {
        // the distribution's layout (fleet-cli/target/sigil): launchers, and one classpath per application
        Path bin = Files.createDirectories(dir.resolve("dist/bin"));
        for (String launcher : List.of("sigil-runner", "sigil-monitor", "fleet", "select-jdk.sh")) {
            Files.copy(RepoFiles.root().resolve(launcher.equals("select-jdk.sh") ? "scripts/" + launcher : "systemd/bin/" + launcher),
                    bin.resolve(launcher));
        }
        for (String app : List.of("cli", "runner", "monitor")) {
            Files.writeString(Files.createDirectories(dir.resolve("dist/lib/" + app)).resolve(app + ".jar"), "jar");
        }
        stage = dir.resolve("stage");
        Run install = run(Map.of("DESTDIR", stage.toString()), RepoFiles.root(), "sh", RepoFiles.root().resolve("systemd/install.sh").toString(),
                "--runner", "baseline", "--monitor", "--from", dir.resolve("dist").toString());
        assertThat(install.code()).as(install.output()).isZero();
        assertThat(install.output()).contains("systemctl enable --now sigil-runner@baseline");
    }

    @Test
    void installLaysOutTheDistributionConfigurationAndUnitsWithPrivateSecrets() throws IOException {
        for (String app : List.of("cli", "runner", "monitor")) {
            assertThat(stage.resolve("opt/sigil/lib/" + app)).isDirectoryContaining(path -> path.getFileName().toString().equals(app + ".jar"));
        }
        assertThat(Files.isExecutable(stage.resolve("opt/sigil/bin/sigil-runner"))).isTrue();
        assertThat(stage.resolve("etc/sigil/grid-overlays/base.yaml")).exists();
        assertThat(stage.resolve("etc/systemd/system/sigil-runner@.service")).exists();
        assertThat(stage.resolve("etc/systemd/system/sigil-heartbeat-check.timer")).exists();
        for (String secret : List.of("etc/sigil/baseline.env", "etc/sigil/monitor.env")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stage.resolve(secret)))).as(secret).isEqualTo("rw-------");
        }
        assertThat(Files.readString(stage.resolve("etc/sigil/fleet.yaml"))).contains("overlays: /etc/sigil/grid-overlays");
    }

    @Test
    void reinstallingKeepsTheOperatorsConfiguration() throws Exception {
        Files.writeString(stage.resolve("etc/sigil/baseline.env"), "SIGIL_DB_PASSWORD=the-real-one\n");
        Run again = run(Map.of("DESTDIR", stage.toString()), RepoFiles.root(), "sh", RepoFiles.root().resolve("systemd/install.sh").toString(),
                "--runner", "baseline", "--from", dir.resolve("dist").toString());
        assertThat(again.code()).isZero();
        assertThat(Files.readString(stage.resolve("etc/sigil/baseline.env"))).isEqualTo("SIGIL_DB_PASSWORD=the-real-one\n");
    }

    @Test
    void unitsPassSystemdAnalyzeVerify() throws Exception {
        boolean available = run(Map.of(), dir, "sh", "-c", "command -v systemd-analyze").code() == 0;
        assertThat(available).as("systemd-analyze is not installed here, so the units cannot be verified: run scripts/test, which "
                + "installs Debian's systemd package (or apt-get install systemd)").isTrue();
        Path units = Files.createDirectories(dir.resolve("units"));
        List<String> names = List.of("sigil-runner@.service", "sigil-monitor.service", "sigil-heartbeat-check.service", "sigil-heartbeat-check.timer");
        for (String name : names) {
            // verify looks for ExecStart programs on this machine: point the units at the staged /opt/sigil
            String text = Files.readString(RepoFiles.root().resolve("systemd").resolve(name)).replace("/opt/sigil/", stage + "/opt/sigil/");
            Files.writeString(units.resolve(name), text);
        }
        List<String> toVerify = new ArrayList<>(List.of("systemd-analyze", "verify"));
        toVerify.addAll(List.of(units.resolve("sigil-runner@baseline.service").toString(), units.resolve("sigil-monitor.service").toString(),
                units.resolve("sigil-heartbeat-check.service").toString(), units.resolve("sigil-heartbeat-check.timer").toString()));
        Files.copy(units.resolve("sigil-runner@.service"), units.resolve("sigil-runner@baseline.service"));
        Run verify = run(Map.of(), dir, toVerify.toArray(String[]::new));
        assertThat(!verify.output().contains("Failed to initialize manager") && !verify.output().contains("System has not been booted"))
                .as("systemd-analyze cannot run in this container, so the units were not verified (it needs a machine or container "
                        + "whose systemd can start a manager): " + verify.output()).isTrue();
        assertThat(verify.code()).as(verify.output()).isZero();
        assertThat(verify.output().lines().filter(line -> !line.isBlank()).toList()).as("no warnings either").isEmpty();
    }

    @Test
    void runnerLauncherUsesTheJvmOptionsTheBenchmarkMeasures() throws IOException {
        assertThat(Files.readString(RepoFiles.root().resolve("systemd/bin/sigil-runner"))).contains("${SIGIL_RUNNER_JAVA_OPTS:-" + BenchCommand.RUNNER_JVM_OPTIONS + "}");
    }
}
