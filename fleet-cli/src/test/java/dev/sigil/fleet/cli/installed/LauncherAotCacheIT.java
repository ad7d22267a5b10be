package dev.sigil.fleet.cli.installed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The installed {@code fleet}'s AOT cache for the commands that replay in its JVM (JDK 25 on): a run shorter than
 * {@code SIGIL_AOT_MIN_SECONDS} records what it loads and keeps nothing, silently; a run that lasted long enough leaves
 * a cache, made in the background once it is over, which the next run starts from. Needs the JDK the launcher picks to
 * be 25 or later (Temurin 25, which scripts/test and the build use).
 */
class LauncherAotCacheIT {

    @Test
    void onlyARunOfSomeSecondsLeavesACacheAndTheNextRunStartsFromIt() throws Exception {
        InstalledFleet fleet = InstalledFleet.stage();
        Path caches = Files.createTempDirectory("sigil-aot-");
        Map<String, String> environment = Map.of("SIGIL_CLI_CDS_ARCHIVE", caches.resolve("fleet-cli.jsa").toString());

        InstalledFleet.Result version = fleet.fleet(environment, "--version");
        assertThat(version.exitCode()).isZero();
        String java = version.output().lines().filter(line -> line.startsWith("Java ")).findFirst().orElseThrow();
        assertThat(Integer.parseInt(java.substring(5).split("[.+-]")[0]))
                .as("the launcher's JDK (%s): AOT caches need 25 or later; install Temurin 25 (scripts/test)", java).isGreaterThanOrEqualTo(25);
        try (Stream<Path> all = Files.list(caches)) {
            assertThat(all.map(file -> file.getFileName().toString()).toList()).as("other commands keep the class-data archive, and record nothing")
                    .isNotEmpty().allMatch(name -> name.startsWith("fleet-cli.") && name.endsWith(".jsa"));
        }

        // a run shorter than the threshold (set high here: how long --help takes depends on the machine's load)
        InstalledFleet.Result help = fleet.fleet(Map.of("SIGIL_CLI_CDS_ARCHIVE", environment.get("SIGIL_CLI_CDS_ARCHIVE"),
                "SIGIL_AOT_MIN_SECONDS", "60"), "backtest", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).as("recording says nothing on the terminal").doesNotContain("AOTConfiguration").doesNotContain("AOTCache");
        assertThat(files(caches)).as("a run shorter than the threshold keeps no cache and no recording").isEmpty();

        // any run counts as long enough here
        InstalledFleet.Result recorded = fleet.fleet(Map.of("SIGIL_CLI_CDS_ARCHIVE", environment.get("SIGIL_CLI_CDS_ARCHIVE"),
                "SIGIL_AOT_MIN_SECONDS", "0"), "backtest", "--help");
        assertThat(recorded.exitCode()).isZero();
        assertThat(recorded.output()).doesNotContain("AOTConfiguration").doesNotContain("AOTCache");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (files(caches).stream().noneMatch(name -> name.endsWith(".aot")) || files(caches).stream().anyMatch(name -> name.endsWith(".conf"))) {
            assertThat(System.nanoTime()).as("the cache is made within two minutes: %s", files(caches)).isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(files(caches)).singleElement().asString().startsWith("fleet-cli-replay.").endsWith(".aot");

        Path cache = caches.resolve(files(caches).getFirst());
        var made = Files.getLastModifiedTime(cache);
        // a run that recorded would leave its recording for the few seconds the cache takes to make, and replace the cache
        InstalledFleet.Result cached = fleet.fleet(Map.of("SIGIL_CLI_CDS_ARCHIVE", environment.get("SIGIL_CLI_CDS_ARCHIVE"),
                "SIGIL_AOT_MIN_SECONDS", "0"), "backtest", "--help");
        assertThat(cached.exitCode()).isZero();
        assertThat(files(caches)).as("the next run starts from the cache: it records nothing").containsExactly(cache.getFileName().toString());
        Thread.sleep(2000);
        assertThat(Files.getLastModifiedTime(cache)).isEqualTo(made);
    }

    /** The replay commands' caches and recordings in {@code directory} (the class-data archive of the others aside). */
    private static List<String> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("fleet-cli-replay.")).sorted().toList();
        }
    }
}
