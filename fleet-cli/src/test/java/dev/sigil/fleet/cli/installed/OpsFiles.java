package dev.sigil.fleet.cli.installed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.testkit.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped Prometheus rules and Grafana dashboard, and the metric names their queries use. */
final class OpsFiles {

    private static final Pattern METRIC = Pattern.compile("\\bsigil_[a-z0-9_]+");

    private OpsFiles() {
    }

    static Path prometheus() {
        return RepoFiles.root().resolve("ops/prometheus");
    }

    static Path dashboard() {
        return RepoFiles.root().resolve("ops/grafana/sigil-fleet.json");
    }

    /** Each dashboard panel's title and the sigil metrics its queries name. */
    static Map<String, Set<String>> dashboardMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(dashboard().toFile());
        Map<String, Set<String>> panels = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.get("panels")) {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode target : panel.get("targets")) {
                names.addAll(metrics(target.get("expr").asText()));
            }
            panels.put(panel.get("title").asText(), names);
        }
        return panels;
    }

    /** The sigil metrics the alert rules' expressions name. */
    static Set<String> ruleMetrics() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (String line : Files.readAllLines(prometheus().resolve("sigil-alerts.yml"))) {
            if (line.strip().startsWith("expr:")) {
                names.addAll(metrics(line));
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text exposition (histogram and summary parts included). */
    static Set<String> exposed(String exposition) {
        Set<String> names = new LinkedHashSet<>();
        exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    private static Set<String> metrics(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
