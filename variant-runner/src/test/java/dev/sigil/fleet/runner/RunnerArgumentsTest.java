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
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--skip-bad-files takes no value (or =true, =false), not 'yes'");
    }

    @Test
    void usageDocumentsSkipBadFiles() {
        assertThat(RunnerArguments.USAGE).contains("--skip-bad-files").contains("truncated or corrupt archive, empty, no CSV inside");
    }
}
