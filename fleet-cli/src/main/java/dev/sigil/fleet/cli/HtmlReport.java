package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.research.EquityPoint;
import dev.sigil.fleet.core.research.PairedComparison;
import dev.sigil.fleet.core.research.PairedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Comparison} as one self-contained HTML file that opens without a network: the time range and variants, the
 * verdict with its paired designs and the A/A noise floor, the metric table, then the charts — the paired R difference
 * of each entry, the confidence sequence over time ("when will we know") beside the A/A one, equity and drawdown per
 * variant, the exit-reason mix per variant and the stop-distance histogram per arm. The charts are drawn by Apache ECharts, whose script (from its webjar) is
 * inlined with the data; a chart with nothing to draw says so ("no trades") instead.
 */
final class HtmlReport {

    /** ECharts' build with line and bar charts, legend, tooltip and zoom (650 KB; the full build is 1 MB). */
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/%s/dist/echarts.common.min.js";
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private HtmlReport() {
    }

    /** Why a report cannot be written to {@code file} (named as {@code option}), if it cannot: checked before any work. */
    static Optional<String> checkTarget(String option, Path file) {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return Optional.of(option + " " + file + ": the directory " + directory + " does not exist (create it first)");
        }
        if (Files.isDirectory(file)) {
            return Optional.of(option + " " + file + " is a directory: name the HTML file to write");
        }
        return Optional.empty();
    }

    /**
     * Writes the report to {@code file} atomically (a temporary file in the same directory, then moved over it).
     *
     * @return the file's size in bytes
     * @throws java.nio.file.NoSuchFileException when the file's directory does not exist
     */
    static long write(Comparison comparison, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        byte[] html = render(comparison).getBytes(StandardCharsets.UTF_8);
        // not Files.createTempFile: its 0600 would stay on the report; this one gets the umask's permissions
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, html, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return html.length;
    }

    static String render(Comparison comparison) {
        List<Research.Variant> variants = comparison.variants();
        return fill(resource("report.html"), Map.of(
                "title", escape("Sigil fleet report · " + range(comparison)),
                "range", escape(range(comparison)),
                "variants", escape(variants.isEmpty() ? "no sessions in this range" : variants.size() + (variants.size() == 1 ? " variant" : " variants")
                        + " by " + comparison.by() + ": " + String.join(", ", variants.stream().map(v -> v.read().variant() + " " + v.read().keyValue()).toList())),
                "data_range", escape(dataRange(variants)),
                "warnings", warnings(comparison.unreachable()),
                "verdict", variants.isEmpty() ? "<p class=\"verdict\">no sessions to compare</p>" : verdict(comparison),
                "table", table(Research.metricsTable(variants)),
                "data", Json.compact(ReportCharts.of(comparison)).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"),
                "echarts", echarts().replace("</script", "<\\/script")));
    }

    private static String verdict(Comparison comparison) {
        PairedComparison.Result paired = comparison.paired();
        StringBuilder html = new StringBuilder();
        if (paired.pairs().isEmpty()) {
            html.append("<p class=\"verdict\">").append(escape(paired.arms().isEmpty() ? "no closed entries to compare"
                    : "one arm only — nothing to compare")).append("</p>\n");
        }
        for (PairedComparison.ArmPair pair : paired.pairs()) {
            List<String> lines = PairedText.lines(pair);
            html.append("<p class=\"verdict\">").append(escape(pair.first() + " vs " + pair.second() + ": " + pair.verdict().text())).append("</p>\n");
            for (String line : lines.subList(1, lines.size() - 1)) {
                html.append("<p class=\"detail\">").append(escape(line.strip())).append("</p>\n");
            }
        }
        paired.noiseFloors().forEach(floor -> html.append("<p class=\"detail\">").append(escape(PairedText.noiseFloor(floor))).append("</p>\n"));
        for (PairedComparison.Arm arm : paired.arms()) {
            html.append("<p class=\"detail\">").append(escape(comparison.by() + " " + arm.value() + ": "
                    + (arm.variants().isEmpty() ? "shadow exits only" : String.join(", ", arm.variants())) + "; " + arm.held() + " positions, "
                    + arm.shadows() + " shadow exits, mean " + Research.number(arm.meanR(), 3) + " R")).append("</p>\n");
        }
        return html.append("<p class=\"detail\">").append(escape(PairedText.R_DEFINITION + ". Intervals are confidence sequences: valid "
                + "however often they are looked at.")).append("</p>").toString();
    }

    private static String table(Research.Table table) {
        StringBuilder html = new StringBuilder("<table>\n<thead><tr>");
        table.headers().forEach(header -> html.append("<th>").append(escape(header)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(i == 0 ? "<th scope=\"row\">" : "<td>").append(escape(row.get(i))).append(i == 0 ? "</th>" : "</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static String warnings(List<String> unreachable) {
        if (unreachable.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<div class=\"warning\"><p>Not in this report — these databases could not be read:</p><ul>");
        unreachable.forEach(line -> html.append("<li>").append(escape(line)).append("</li>"));
        return html.append("</ul></div>").toString();
    }

    private static String range(Comparison comparison) {
        String from = comparison.from().equals(Instant.EPOCH) ? "all sessions" : "sessions started from " + DAY.format(comparison.from());
        return comparison.to() == null ? from : from + (from.equals("all sessions") ? " started before " : " to before ") + DAY.format(comparison.to());
    }

    private static String dataRange(List<Research.Variant> variants) {
        List<Instant> times = variants.stream().flatMap(v -> v.read().curve().stream()).map(EquityPoint::at).toList();
        if (times.isEmpty()) {
            return "no equity snapshots";
        }
        return "equity from " + MINUTE.format(times.stream().min(Instant::compareTo).orElseThrow()) + " to "
                + MINUTE.format(times.stream().max(Instant::compareTo).orElseThrow()) + " UTC";
    }

    /** Fills each {{slot}} in one pass: a value is never scanned for slots (the data and the library may contain braces). */
    private static String fill(String template, Map<String, String> values) {
        Matcher slot = SLOT.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 1_100_000);
        while (slot.find()) {
            String value = Objects.requireNonNull(values.get(slot.group(1)), () -> "report.html has an unknown slot " + slot.group());
            slot.appendReplacement(html, Matcher.quoteReplacement(value));
        }
        return slot.appendTail(html).toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String echarts() {
        Properties webjar = new Properties();
        try (InputStream in = HtmlReport.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the echarts webjar is missing from the classpath");
            }
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resource(ECHARTS.formatted(webjar.getProperty("version")));
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
