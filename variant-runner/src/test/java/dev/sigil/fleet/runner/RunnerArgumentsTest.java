package dev.sigil.fleet.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunnerArgumentsTest {

    @Test
    void skipBadFilesIsAFlagWithoutValueAndTheNextArgumentIsStillAnOption() {
        assertThat(RunnerArguments.toProperties(new String[] {"--market", "replay", "--skip-bad-files", "--data", "klines"}))
                .containsEntry("sigil.runner.skip-bad-files", true)
                .containsEntry("sigil.runner.data", "klines")
                .containsEntry("sigil.runner.market", "replay");
        assertThat(RunnerArguments.toProperties(new String[] {"--skip-bad-files=false"})).containsEntry("sigil.runner.skip-bad-files", false);
        assertThat(RunnerArguments.toProperties(new String[] {"--data", "klines"})).doesNotContainKey("sigil.runner.skip-bad-files");
    }

    @Test
    void skipBadFilesWithAValueOtherThanTrueOrFalseIsRefused() {
        assertThatThrownBy(() -> RunnerArguments.toProperties(new String[] {"--skip-bad-files=yes"}))
                .isInstanceOf(RunnerArguments.UsageException.class)
                .hasMessage("--skip-bad-files 'yes' is not one of [false, true]");
    }

    @Test
    void wrongValuesAreRefusedNamingTheOptionAndWhatIsAllowed() {
        assertThatThrownBy(() -> RunnerArguments.toProperties(new String[] {"--market", "kraken"}))
                .isInstanceOf(RunnerArguments.UsageException.class).hasMessage("--market 'kraken' is not one of [binance, replay, synthetic]");
        assertThatThrownBy(() -> RunnerArguments.toProperties(new String[] {"--after-session", "stop"}))
                .isInstanceOf(RunnerArguments.UsageException.class).hasMessage("--after-session 'stop' is not one of [exit, restart]");
        assertThatThrownBy(() -> RunnerArguments.toProperties(new String[] {"--synthetic-steps", "ten"}))
                .isInstanceOf(RunnerArguments.UsageException.class).hasMessage("--synthetic-steps 'ten' is not a whole number ≥ 0");
        assertThatThrownBy(() -> RunnerArguments.toProperties(new String[] {"--replay-ticks-per-second", "-1"}))
                .isInstanceOf(RunnerArguments.UsageException.class).hasMessage("--replay-ticks-per-second '-1' is not a number ≥ 0");
        assertThatThrownBy(() -> RunnerArguments.toProperties(new String[] {"--colour", "red"}))
                .isInstanceOf(RunnerArguments.UsageException.class).hasMessage("unknown option --colour");
    }

    @Test
    void aVariantNameThatCouldLeaveTheOverlaysDirectoryIsRefused() {
        for (String name : new String[] {"../etc/passwd", "base/line", "Baseline", "", "a".repeat(41)}) {
            assertThatThrownBy(() -> RunnerArguments.toProperties(new String[] {"--variant", name}))
                    .as(name).isInstanceOf(RunnerArguments.UsageException.class).hasMessageContaining("is not a variant name");
        }
        assertThat(RunnerArguments.toProperties(new String[] {"--variant", "un-hinged_2"})).containsEntry("sigil.runner.variant", "un-hinged_2");
    }

    @Test
    void usageListsEveryOptionTheParserAccepts() {
        for (String option : new String[] {"--variant", "--overlays", "--overlay", "--set", "--market", "--binance-url", "--data", "--skip-bad-files",
                "--synthetic-seed", "--synthetic-steps", "--replay-ticks-per-second", "--replay-heartbeat-seconds", "--duration-seconds",
                "--after-session", "--database-wait-seconds"}) {
            assertThat(RunnerArguments.USAGE).contains(option + " ");
            String value = option.equals("--market") ? "replay" : option.equals("--after-session") ? "exit" : option.equals("--variant") ? "baseline"
                    : option.equals("--set") ? "a.b=1" : option.equals("--skip-bad-files") ? "true" : "1";
            assertThat(RunnerArguments.toProperties(new String[] {option + "=" + value})).as(option).isNotNull();
        }
    }

    @Test
    void usageDocumentsSkipBadFiles() {
        assertThat(RunnerArguments.USAGE).contains("--skip-bad-files").contains("truncated or corrupt archive, empty, no CSV inside");
    }
}
