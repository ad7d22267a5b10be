package dev.sigil.fleet.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The results file of {@code fleet bench}: one figure per line, {@code key<TAB>value<TAB>unit<TAB>taken}, after
 * comment lines saying when, on which machine and with which JVM the run was taken. The next run reads it to print
 * each figure's ratio to the previous one. A run of some sections ({@code --only}) replaces their figures and keeps
 * the others' with the time they were taken. Plain text, so two runs can be diffed and kept beside a change.
 */
final class BenchResults {

    private BenchResults() {
    }

    /** The previous run's figures by key; empty when there is no file (a line that does not parse is skipped). */
    static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> figures = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return figures;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (line.startsWith("#") || fields.length < 2) {
                continue;
            }
            try {
                figures.put(fields[0], Double.parseDouble(fields[1]));
            } catch (NumberFormatException e) {
                // a hand-edited line: no ratio for that figure
            }
        }
        return figures;
    }

    /** The header line of the previous run (when, where), or null. */
    static String describe(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> line.startsWith("# taken ")).findFirst()
                .map(line -> line.substring(2)).orElse(null);
    }

    static void write(Path file, List<BenchFigure> figures, List<String> about) throws IOException {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        lines.add("# fleet bench results: key, best of the repetitions, unit, when taken");
        lines.add("# taken " + now);
        about.forEach(line -> lines.add("# " + line));
        Set<String> measured = new HashSet<>();
        for (BenchFigure figure : figures) {
            measured.add(figure.key());
            lines.add(figure.key() + "\t" + String.format(Locale.ROOT, "%.6g", figure.value()) + "\t" + figure.unit().symbol + "\t" + now);
        }
        lines.addAll(kept(file, measured));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The previous file's figures this run did not measure, each with when it was taken. */
    private static List<String> kept(Path file, Set<String> measured) throws IOException {
        List<String> kept = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return kept;
        }
        String taken = Optional.ofNullable(describe(file)).map(line -> line.substring("taken ".length())).orElse("");
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (line.startsWith("#") || fields.length < 3 || measured.contains(fields[0])) {
                continue;
            }
            kept.add(fields.length > 3 ? line : line + "\t" + taken);
        }
        return kept;
    }
}
