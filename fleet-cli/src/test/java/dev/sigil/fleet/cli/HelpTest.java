package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpTest {

    @Test
    void everyCommandHasHelpThatListsTheExitCodes() {
        List<String> paths = new ArrayList<>();
        collect(FleetCommand.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).contains("grid validate", "migrate info", "local-db remove", "demo", "compare", "report");
        // picocli formats a description with String.format and, when that fails (a bare "%"), warns on System.err
        // itself and prints the text raw
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String path : paths) {
                List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
                args.add("--help");
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertThat(run.exitCode()).as(path + "\n" + run).isZero();
                assertThat(run.out()).as(path).contains("Usage: fleet").contains("Exit codes: 0 ok");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("picocli's warnings while rendering help").doesNotContain("picocli WARN");
    }

    @Test
    void aRunBuildsOnlyTheSubcommandItNamesAndTheWholeCommandLineWhenItNamesNone() {
        var all = FleetCommand.commandLine().getSubcommands();
        for (var entry : all.entrySet()) {
            if (entry.getKey().equals("help") || entry.getKey().equals("generate-completion")) {
                continue;
            }
            List<Class<?>> needed = FleetCommand.needed("--verbose", entry.getKey(), "--help");
            assertThat(needed).as(entry.getKey()).containsExactly(entry.getValue().getCommandSpec().userObject().getClass());
            // the root's --verbose reaches the subcommand added on its own
            CommandLine alone = FleetCommand.commandLine(needed);
            assertThat(alone.getSubcommands()).containsOnlyKeys(entry.getKey());
            assertThat(alone.parseArgs(entry.getKey(), "--verbose", "--help").subcommand().hasMatchedOption("--verbose")).isTrue();
        }
        assertThat(FleetCommand.needed()).hasSize(all.size());
        assertThat(FleetCommand.needed("--help", "status")).hasSize(all.size());
        assertThat(FleetCommand.needed("help", "status")).hasSize(all.size());
        assertThat(FleetCommand.needed("stauts")).as("an unknown word: every command, for the suggestion").hasSize(all.size());
        assertThat(FleetCommand.needed("--version")).isEmpty();
        CliRun typo = CliRun.of("stauts");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("did you mean status");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("grid", "validate", "--frobnicate");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void anUnknownCommandIsNamedInOneLineWithASuggestionAndIsAUsageErrorAlsoWithHelp() {
        for (String[] args : new String[][] {{"stauts", "--help"}, {"stauts"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("fleet: unknown command 'stauts' (did you mean status").endsWith("); see fleet --help\n")
                    .hasLineCount(1);
        }
        CliRun nested = CliRun.of("breaker", "frob", "--help");
        assertThat(nested.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nested.err()).isEqualTo("fleet breaker: unknown command 'frob' (commands: status, trip, reset); see fleet breaker --help\n");
    }

    @Test
    void benchHelpNamesOnlyOptionsThatExist() {
        CliRun run = CliRun.of("bench", "--help");
        assertThat(run.out()).contains("embedded default PostgreSQL").doesNotContain("--db-server");
        List<String> mentioned = java.util.regex.Pattern.compile("--[a-z][a-z-]+").matcher(run.out()).results().map(java.util.regex.MatchResult::group)
                .filter(option -> !option.equals("--verbose")).distinct().toList();
        assertThat(mentioned).isNotEmpty().allSatisfy(option -> assertThat(CliRun.of("bench", option, "--help").err()).doesNotContain("Unknown option"));
    }

    private static void collect(CommandLine command, List<String> prefix, List<String> paths) {
        paths.add(String.join(" ", prefix));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(prefix);
                next.add(name);
                collect(sub, next, paths);
            }
        });
    }
}
