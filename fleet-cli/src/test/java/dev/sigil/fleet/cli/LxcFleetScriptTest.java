package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd/lxc/create-fleet.sh}, the Proxmox host script, run against a recording stand-in for {@code pct}: which
 * containers it creates and with what, what it installs, which database it opens to whom, the fleet file it writes for
 * the ops container — and that no password is on a command line or in what it prints.
 */
class LxcFleetScriptTest {

    @TempDir
    Path dir;

    @BeforeEach
    void standIn() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("standins"));
        // pct: records each call; 'status' says no such container; 'push' keeps a copy of the file with its mode
        Path pct = bin.resolve("pct");
        Files.writeString(pct, """
                #!/bin/sh
                echo "pct $*" >> "$STANDIN_LOG"
                case "$1" in
                    status) exit 2 ;;
                    push) mkdir -p "$STANDIN_PUSHED/$2$(dirname "$4")" && cp "$3" "$STANDIN_PUSHED/$2$4" && echo "$6" > "$STANDIN_PUSHED/$2$4.perms" ;;
                esac
                exit 0
                """);
        Files.setPosixFilePermissions(pct, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path dist = Files.createDirectories(dir.resolve("dist/sigil/bin"));
        Files.writeString(dist.resolve("sigil-runner"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(dist.resolve("sigil-runner"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int code, String output) {
    }

    private Run script(Map<String, String> settings, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", RepoFiles.root().resolve("systemd/lxc/create-fleet.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("standins") + ":" + builder.environment().get("PATH"));
        builder.environment().put("STANDIN_LOG", dir.resolve("pct.log").toString());
        builder.environment().put("STANDIN_PUSHED", dir.resolve("pushed").toString());
        builder.environment().put("var_dist", dir.resolve("dist/sigil").toString());
        builder.environment().putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void itCreatesAContainerPerVariantAndAnOpsOneInstallsMigratesAndOpensEachDatabaseToTheOpsContainerOnly() throws Exception {
        Run run = script(Map.of("var_variants", "baseline aggressive", "var_ctid", "300", "var_net", "10.9.0", "var_gateway", "10.9.0.1"));

        assertThat(run.code()).as(run.output()).isZero();
        List<String> calls = Files.readAllLines(dir.resolve("pct.log"));
        assertThat(calls).filteredOn(call -> call.startsWith("pct create")).hasSize(3).satisfiesExactly(
                call -> assertThat(call).startsWith("pct create 300 ").contains("--hostname sigil-baseline", "ip=10.9.0.11/24,gw=10.9.0.1",
                        "--unprivileged 1 --features nesting=1"),
                call -> assertThat(call).startsWith("pct create 301 ").contains("--hostname sigil-aggressive", "ip=10.9.0.12/24"),
                call -> assertThat(call).startsWith("pct create 302 ").contains("--hostname sigil-ops", "ip=10.9.0.10/24"));
        assertThat(calls).contains("pct exec 300 -- /root/sigil/systemd/install.sh --runner baseline --from /root/sigil/sigil",
                "pct exec 301 -- systemctl enable --now sigil-runner@aggressive",
                "pct exec 302 -- /root/sigil/systemd/install.sh --monitor --from /root/sigil/sigil",
                "pct exec 302 -- systemctl enable --now sigil-monitor sigil-heartbeat-check.timer");
        assertThat(calls).anySatisfy(call -> assertThat(call).startsWith("pct exec 300 -- sh -c ")
                .contains("listen_addresses = 'localhost,10.9.0.11'").contains("host sigil sigil 10.9.0.10/32 scram-sha-256"));
        assertThat(calls).anySatisfy(call -> assertThat(call).startsWith("pct exec 301 -- sh -c ").contains("/opt/sigil/bin/fleet migrate --db"));

        Path ops = dir.resolve("pushed/302/etc/sigil");
        assertThat(Files.readString(ops.resolve("fleet.yaml"))).contains("overlays: /etc/sigil/grid-overlays",
                "  baseline:\n    database: jdbc:postgresql://10.9.0.11:5432/sigil", "  aggressive:\n    database: jdbc:postgresql://10.9.0.12:5432/sigil");
        assertThat(Files.readString(ops.resolve("monitor.env.perms")).strip()).isEqualTo("0600");
        String baselinePassword = value(Files.readString(dir.resolve("pushed/300/etc/sigil/baseline.env")), "SIGIL_DB_PASSWORD");
        assertThat(baselinePassword).matches("[0-9a-f]{32}");
        assertThat(Files.readString(dir.resolve("pushed/300/etc/sigil/baseline.env.perms")).strip()).isEqualTo("0600");
        assertThat(value(Files.readString(ops.resolve("monitor.env")), "SIGIL_DB_PASSWORD_BASELINE")).isEqualTo(baselinePassword);
        assertThat(Files.readString(dir.resolve("pushed/300/root/sigil-db.sql"))).contains("CREATE ROLE sigil LOGIN PASSWORD '" + baselinePassword + "'");
        assertThat(String.join("\n", calls)).as("no password on a command line").doesNotContain(baselinePassword);
        assertThat(run.output()).as("nor in what it prints").doesNotContain(baselinePassword);
    }

    @Test
    void aDryRunPrintsEveryCommandAndRunsNone() throws Exception {
        Run run = script(Map.of("var_variants", "baseline"), "--dry-run");

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("+ pct create 210 local:vztmpl/debian-13-standard_13.1-2_amd64.tar.zst --hostname sigil-baseline")
                .contains("+ pct exec 211 -- systemctl enable --now sigil-monitor sigil-heartbeat-check.timer");
        assertThat(dir.resolve("pct.log")).doesNotExist();
    }

    @Test
    void aWrongVariantNameOrAnExistingContainerStopsItBeforeAnythingIsDone() throws Exception {
        Run bad = script(Map.of("var_variants", "Baseline!"));
        assertThat(bad.code()).isEqualTo(64);
        assertThat(bad.output()).contains("'Baseline!' is not a variant name");

        Files.writeString(dir.resolve("standins/pct"), "#!/bin/sh\necho \"pct $*\" >> \"$STANDIN_LOG\"\nexit 0\n");
        Run exists = script(Map.of("var_variants", "baseline"));
        assertThat(exists.code()).isEqualTo(1);
        assertThat(exists.output()).contains("container 210 exists already; choose another var_ctid (nothing was changed)");
        assertThat(Files.readAllLines(dir.resolve("pct.log"))).containsExactly("pct status 210");
    }

    private static String value(String env, String key) {
        Matcher line = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(env);
        assertThat(line.find()).as(key + " in\n" + env).isTrue();
        return line.group(1);
    }
}
