package dev.sigil.fleet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.cli.bench.BenchFigure.Unit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's results file and how a figure reads against its target and the previous run. */
class BenchResultsTest {

    @TempDir
    Path dir;

    @Test
    void figuresWrittenAreReadBackByKeyWithWhenAndWhereTheyWereTaken() throws Exception {
        Path file = dir.resolve("bench/results.tsv");
        BenchResults.write(file, List.of(
                BenchFigure.of("replay.1.candles_per_second", "replay, one symbol", 51_950.4, Unit.CANDLES_PER_SECOND, 100_000.0, "48,000 candles"),
                BenchFigure.of("runner.rss_mb", "runner RSS", 125.25, Unit.MEGABYTES, 128.0, null)), List.of("machine: 2 cores"));

        assertThat(BenchResults.read(file)).containsEntry("replay.1.candles_per_second", 51_950.4).containsEntry("runner.rss_mb", 125.25);
        assertThat(BenchResults.describe(file)).startsWith("taken 20");
        assertThat(Files.readString(file)).contains("# machine: 2 cores").contains("runner.rss_mb\t125.250\tMB");
    }

    @Test
    void aMissingFileHasNoFiguresAndALineThatDoesNotParseIsSkipped() throws Exception {
        assertThat(BenchResults.read(dir.resolve("none.tsv"))).isEmpty();
        assertThat(BenchResults.describe(dir.resolve("none.tsv"))).isNull();
        Path edited = Files.writeString(dir.resolve("edited.tsv"), "# notes\nengine.candles_per_second\tfast\nmigrate.s\t4.5\ts\n");
        assertThat(BenchResults.read(edited)).containsOnlyKeys("migrate.s");
    }

    @Test
    void aFigureMeetsItsTargetByItsUnitsDirectionAndSaysWhichWayItMoved() {
        BenchFigure throughput = BenchFigure.of("k", "m", 250_000, Unit.CANDLES_PER_SECOND, 200_000.0, null);
        BenchFigure latency = BenchFigure.of("k", "m", 6.5, Unit.MILLISECONDS, 5.0, null);

        assertThat(throughput.met()).isTrue();
        assertThat(throughput.targetText()).isEqualTo("≥ 200,000 candles/s");
        assertThat(throughput.against(200_000)).isEqualTo("×1.25 better");
        assertThat(latency.met()).isFalse();
        assertThat(latency.targetText()).isEqualTo("≤ 5.0 ms");
        assertThat(latency.against(5.0)).isEqualTo("×1.30 WORSE");
        assertThat(latency.against(6.45)).isEqualTo("×1.01 same");
        assertThat(BenchFigure.of("k", "m", 3, Unit.SECONDS, null, null).met()).as("no target, nothing to miss").isTrue();
    }

    @Test
    void aRunOfSomeSectionsReplacesTheirFiguresAndKeepsTheOthersWithWhenTheyWereTaken() throws Exception {
        Path file = Files.writeString(dir.resolve("results.tsv"), """
                # fleet bench results: key, best of the repetitions, unit
                # taken 2026-11-30T10:00:00Z
                engine.candles_per_second\t7.00000e+06\tcandles/s
                status.s\t5.40000\ts
                """);

        BenchResults.write(file, List.of(BenchFigure.of("status.s", "fleet status", 5.0, Unit.SECONDS, 3.0, null)), List.of());

        assertThat(BenchResults.read(file)).containsOnlyKeys("status.s", "engine.candles_per_second")
                .containsEntry("status.s", 5.0).containsEntry("engine.candles_per_second", 7_000_000.0);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).filteredOn(line -> line.startsWith("engine.")).singleElement().asString()
                .as("kept, with the time of the run that measured it").endsWith("\t2026-11-30T10:00:00Z");
        assertThat(lines).filteredOn(line -> line.startsWith("status.")).singleElement().asString()
                .doesNotContain("2026-11-30").matches("status\\.s\t5\\.00000\ts\t20\\d\\d-.*Z");

        BenchResults.write(file, List.of(BenchFigure.of("status.s", "fleet status", 4.9, Unit.SECONDS, 3.0, null)), List.of());
        assertThat(Files.readAllLines(file)).filteredOn(line -> line.startsWith("engine.")).singleElement().asString()
                .as("a kept figure keeps its own time").endsWith("\t2026-11-30T10:00:00Z");
    }

    @Test
    void aFractionOfAByteIsShownAsSuchAndMissesATargetOfNoBytes() {
        BenchFigure stray = BenchFigure.of("k", "m", 0.000122667, Unit.BYTES, 0.0, null);
        BenchFigure none = BenchFigure.of("k", "m", 0, Unit.BYTES, 0.0, null);

        assertThat(Unit.BYTES.format(stray.value())).isEqualTo("0.0001 bytes");
        assertThat(stray.met()).isFalse();
        assertThat(Unit.BYTES.format(none.value())).isEqualTo("0 bytes");
        assertThat(none.met()).isTrue();
        assertThat(Unit.BYTES.format(1234)).isEqualTo("1,234 bytes");
    }
}
