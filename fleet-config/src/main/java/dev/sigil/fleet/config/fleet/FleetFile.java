package dev.sigil.fleet.config.fleet;

import dev.sigil.fleet.core.config.ConfigProblem;
import dev.sigil.fleet.core.config.InvalidConfigException;
import dev.sigil.fleet.config.overlay.YamlFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fleet file ({@code fleet.yaml}): every variant by name with its database and overlay, so the CLI and the
 * monitor address variants by name. Passwords are never in it: each variant names an environment variable
 * ({@code password_env}, default {@code SIGIL_DB_PASSWORD_<VARIANT>}) or a 0600 file ({@code password_file}).
 * Relative paths are relative to the fleet file's directory.
 *
 * <pre>
 * overlays: grid-overlays
 * variants:
 *   baseline:
 *     database: jdbc:postgresql://10.20.0.11:5432/sigil
 *     user: sigil
 *     password_file: /etc/sigil/baseline.dbpass
 * monitor:
 *   check_interval_seconds: 300
 * discord:
 *   webhook_url_file: /etc/sigil/discord-webhook
 * </pre>
 */
public record FleetFile(Path file, Path overlays, Map<String, VariantTarget> variants, FleetSettings settings) {

    private static final Set<String> TOP_KEYS = Set.of("overlays", "variants", "monitor", "discord");
    private static final Set<String> VARIANT_KEYS = Set.of("database", "user", "password_env", "password_file", "overlay");
    private static final String NAME = "[a-z][a-z0-9_-]{0,30}";

    public FleetFile {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    public VariantTarget variant(String name) {
        VariantTarget target = variants.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no variant '" + name + "' in " + file + " (variants: " + String.join(", ", variants.keySet()) + ")");
        }
        return target;
    }

    public static FleetFile load(Path file) {
        YamlFiles.Parsed parsed = YamlFiles.read(file);
        if (!parsed.ok()) {
            throw new InvalidConfigException(List.of(parsed.problem()));
        }
        String origin = file.toString();
        Path home = file.toAbsolutePath().getParent();
        List<ConfigProblem> problems = new ArrayList<>();
        parsed.tree().keySet().stream().filter(key -> !TOP_KEYS.contains(key)).forEach(key ->
                problems.add(new ConfigProblem(origin, key, null, "unknown key (known: " + String.join(", ", TOP_KEYS.stream().sorted().toList()) + ")")));
        Path overlays = home.resolve(text(parsed.tree(), "overlays", "grid-overlays", origin, "overlays", problems));
        Map<String, VariantTarget> variants = new LinkedHashMap<>();
        Object variantsNode = parsed.tree().get("variants");
        if (!(variantsNode instanceof Map<?, ?> entries) || entries.isEmpty()) {
            problems.add(new ConfigProblem(origin, "variants", null, "must list at least one variant: name → {database, user, password_env | password_file, overlay}"));
        } else {
            entries.forEach((name, node) -> variant(String.valueOf(name), node, home, overlays, origin, problems)
                    .ifPresent(variant -> variants.put(variant.name(), variant)));
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        for (String section : List.of("monitor", "discord")) {
            if (parsed.tree().containsKey(section)) {
                sections.put(section, parsed.tree().get(section));
            }
        }
        FleetSettings settings = null;
        try {
            settings = FleetSettings.resolve(origin, sections);
        } catch (InvalidConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new FleetFile(file, overlays, variants, settings);
    }

    private static java.util.Optional<VariantTarget> variant(String name, Object node, Path home, Path overlays, String origin, List<ConfigProblem> problems) {
        String at = "variants." + name;
        int before = problems.size();
        if (!name.matches(NAME)) {
            problems.add(new ConfigProblem(origin, at, null, "variant names are lower-case words matching " + NAME));
        }
        if (!(node instanceof Map<?, ?> raw)) {
            problems.add(new ConfigProblem(origin, at, node, "must be a map with database, user and password_env or password_file"));
            return java.util.Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) raw;
        fields.keySet().stream().filter(key -> !VARIANT_KEYS.contains(key)).forEach(key ->
                problems.add(new ConfigProblem(origin, at + "." + key, null, "unknown key (known: " + String.join(", ", VARIANT_KEYS.stream().sorted().toList()) + ")")));
        String url = text(fields, "database", null, origin, at + ".database", problems);
        if (url == null) {
            problems.add(new ConfigProblem(origin, at + ".database", null, "is missing: a jdbc:postgresql:// URL"));
        } else if (!url.startsWith("jdbc:postgresql:")) {
            problems.add(new ConfigProblem(origin, at + ".database", DatabaseTarget.redact(url), "must be a jdbc:postgresql:// URL"));
        } else if (url.toLowerCase(Locale.ROOT).contains("password=")) {
            problems.add(new ConfigProblem(origin, at + ".database", DatabaseTarget.redact(url),
                    "must not carry a password: use password_env or password_file (mode 0600)"));
        }
        String user = text(fields, "user", "sigil", origin, at + ".user", problems);
        String passwordEnv = text(fields, "password_env", null, origin, at + ".password_env", problems);
        String passwordFile = text(fields, "password_file", null, origin, at + ".password_file", problems);
        if (passwordEnv != null && passwordFile != null) {
            problems.add(new ConfigProblem(origin, at, null, "give password_env or password_file, not both"));
        }
        String overlay = text(fields, "overlay", name + ".yaml", origin, at + ".overlay", problems);
        if (problems.size() > before) {
            return java.util.Optional.empty();
        }
        Secret password = passwordFile != null ? Secret.fromFile(home.resolve(passwordFile))
                : Secret.fromEnv(passwordEnv != null ? passwordEnv : defaultPasswordVariable(name));
        return java.util.Optional.of(new VariantTarget(name, overlays.resolve(overlay), new DatabaseTarget(url, user, password)));
    }

    /** {@code SIGIL_DB_PASSWORD_BASELINE} for variant {@code baseline}. */
    public static String defaultPasswordVariable(String variant) {
        return "SIGIL_DB_PASSWORD_" + variant.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String text(Map<String, Object> fields, String key, String fallback, String origin, String path, List<ConfigProblem> problems) {
        Object value = fields.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(new ConfigProblem(origin, path, value, "must be non-empty text"));
            return fallback;
        }
        return text;
    }
}
