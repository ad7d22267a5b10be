package dev.sigil.fleet.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.CapturedLogs;
import dev.sigil.fleet.testkit.TestFleetFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorApplicationTest {

    @Test
    void aMalformedWebhookUrlStopsTheMonitorFromStartingWithOneLineThatNeverShowsTheToken(@TempDir Path dir) throws Exception {
        String url = "https://discord.com/api/webhooks/1311220000000000000/Xy9-secret token<with-characters-a-URI-rejects";
        Path webhook = Files.writeString(dir.resolve("discord-webhook"), url + "\n");
        Files.setPosixFilePermissions(webhook, PosixFilePermissions.fromString("rw-------"));
        Path fleet = new TestFleetFile().unreachable("baseline").sections("discord:\n  webhook_url_file: " + webhook + "\n")
                .writeTo(dir.resolve("fleet.yaml"));
        Path state = dir.resolve("monitor-unreachable.json");

        int exit;
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            exit = MonitorApplication.start(Map.of("sigil.monitor.fleet-file", fleet.toString(), "sigil.monitor.state-file", state.toString(),
                    "micronaut.server.port", -1));
            lines = logs.lines();
        }

        assertThat(exit).as("invalid config").isEqualTo(65);
        assertThat(lines.stream().filter(line -> line.contains("MonitorApplication"))).singleElement().isEqualTo(
                "ERROR dev.sigil.fleet.monitor.MonitorApplication - not starting: the Discord webhook URL from file " + webhook
                        + " is invalid: illegal character in path at index " + url.indexOf(' ') + " (the URL is not shown: it holds the webhook token)");
        assertThat(lines).noneMatch(line -> line.contains("Xy9-secret"));
        assertThat(state).as("no check ran").doesNotExist();
    }

    @Test
    void theMonitorProcessExits65WithOneLineNamingTheEnvironmentVariable(@TempDir Path dir) throws Exception {
        String url = "https://discord.com/api/webhooks/1311220000000000000/Xy9-secret<token with-characters-a-URI-rejects";
        Path fleet = new TestFleetFile().unreachable("baseline").writeTo(dir.resolve("fleet.yaml"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx128m", MonitorApplication.class.getName(),
                "--fleet", fleet.toString(), "--state-file", dir.resolve("state.json").toString()).redirectErrorStream(true);
        builder.environment().put("SIGIL_DISCORD_WEBHOOK_URL", url);
        builder.environment().put("SIGIL_MONITOR_PORT", "0");

        Process monitor = builder.start();
        String output = new String(monitor.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(monitor.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(monitor.exitValue()).as(output).isEqualTo(65);
        assertThat(output.lines().filter(line -> line.contains("ERROR"))).as(output).singleElement().asString()
                .endsWith("not starting: the Discord webhook URL from env SIGIL_DISCORD_WEBHOOK_URL is invalid: illegal character in path at index "
                        + url.indexOf('<') + " (the URL is not shown: it holds the webhook token)");
        assertThat(output).doesNotContain("Xy9-secret");
        assertThat(dir.resolve("state.json")).doesNotExist();
    }
}
