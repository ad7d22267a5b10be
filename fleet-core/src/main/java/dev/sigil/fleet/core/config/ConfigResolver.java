package dev.sigil.fleet.core.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges config layers key by key (later wins), validates the result in full and builds the typed config. Every
 * problem is collected — unknown keys (with the likely intended key), missing keys, wrong types, out-of-range
 * values, broken cross-key rules — and thrown together as one {@link InvalidConfigException}.
 */
public final class ConfigResolver {

    private final ConfigSchema schema;

    public ConfigResolver(ConfigSchema schema) {
        this.schema = schema;
    }

    public static ConfigResolver sigil() {
        return new ConfigResolver(ConfigSchema.sigil());
    }

    public ConfigSchema schema() {
        return schema;
    }

    /** Validates one layer on its own: unknown keys and bad values, without requiring every key to be present. */
    public List<ConfigProblem> check(ConfigLayer layer) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        flatten(layer, raw, origins, problems);
        raw.forEach((path, value) -> {
            KeySpec.Coerced coerced = schema.key(path).orElseThrow().coerce(value);
            if (!coerced.ok()) {
                problems.add(new ConfigProblem(layer.origin(), path, value, coerced.problem()));
            }
        });
        return problems;
    }

    public EffectiveConfig resolve(List<ConfigLayer> layers) {
        Resolved resolved = resolveLayers(layers);
        return new EffectiveConfig((SigilConfig) resolved.config(), resolved.typed(), resolved.origins());
    }

    /** Resolves layers against a schema whose root record is {@code type} (for settings other than a variant's). */
    public <R extends Record> R resolveRecord(List<ConfigLayer> layers, Class<R> type) {
        if (schema.root() != type) {
            throw new IllegalArgumentException("this resolver's schema is for " + schema.root().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(resolveLayers(layers).config());
    }

    private record Resolved(Record config, TreeMap<String, Object> typed, Map<String, String> origins) {
    }

    private Resolved resolveLayers(List<ConfigLayer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("no config layers given");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (ConfigLayer layer : layers) {
            flatten(layer, raw, origins, problems);
        }
        TreeMap<String, Object> typed = new TreeMap<>();
        for (KeySpec key : schema.keys()) {
            if (!raw.containsKey(key.path())) {
                problems.add(new ConfigProblem(layers.getFirst().origin(), key.path(), null,
                        "is missing: every key needs its default in the first layer (allowed: " + key.allowed() + ")"));
                continue;
            }
            KeySpec.Coerced coerced = key.coerce(raw.get(key.path()));
            if (coerced.ok()) {
                typed.put(key.path(), coerced.value());
            } else {
                problems.add(new ConfigProblem(origins.get(key.path()), key.path(), raw.get(key.path()), coerced.problem()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        Record config = build(typed, origins, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new Resolved(config, typed, origins);
    }

    private void flatten(ConfigLayer layer, Map<String, Object> raw, Map<String, String> origins, List<ConfigProblem> problems) {
        for (var section : layer.tree().entrySet()) {
            String sectionName = String.valueOf(section.getKey());
            if (!schema.sections().containsKey(sectionName)) {
                problems.add(unknown(layer.origin(), sectionName, "section"));
                continue;
            }
            if (!(section.getValue() instanceof Map<?, ?> keys)) {
                if (section.getValue() != null) {
                    problems.add(new ConfigProblem(layer.origin(), sectionName, section.getValue(),
                            "must be a section holding keys, not a value"));
                }
                continue;
            }
            for (var key : keys.entrySet()) {
                String path = sectionName + "." + key.getKey();
                if (schema.key(path).isEmpty()) {
                    problems.add(unknown(layer.origin(), path, "key"));
                    continue;
                }
                raw.put(path, key.getValue());
                origins.put(path, layer.origin());
            }
        }
    }

    /** Keys an older overlay may still carry: what became of each. */
    static final Map<String, String> RETIRED = Map.of(
            "guard.anchor_window_ticks", "renamed guard.anchor_window_seconds: the guards' counts are durations now (ticks × the scan interval)",
            "guard.recovery_stability_ticks", "renamed guard.recovery_stability_seconds: a duration now (ticks × the scan interval)",
            "guard.drift_window_ticks", "renamed guard.drift_window_seconds: a duration now (ticks × the scan interval)",
            "guard.recovery_stability_ticks_drift", "renamed guard.recovery_stability_seconds_drift: a duration now (ticks × the scan interval)",
            "guard.corridor_lookback_ticks", "renamed guard.corridor_lookback_seconds: a duration now (ticks × the scan interval)",
            "guard.recovery_cooldown_ticks", "renamed guard.recovery_cooldown_seconds: a duration now (ticks × the scan interval)",
            "guard.truth_recovery_ticks", "removed: wallet_truth recovers on the first check within guard.truth_tolerance_usd, as the design says",
            "guard.truth_recovery_usd", "removed: wallet_truth recovers on the first check within guard.truth_tolerance_usd, as the design says");

    private ConfigProblem unknown(String origin, String path, String what) {
        if (RETIRED.containsKey(path)) {
            return new ConfigProblem(origin, path, null, "is no longer a key: " + RETIRED.get(path));
        }
        String hint = schema.suggest(path).map(known -> " — did you mean " + known + "?").orElse("");
        List<String> known = path.contains(".")
                ? schema.paths().stream().filter(p -> p.startsWith(path.substring(0, path.indexOf('.') + 1))).toList()
                : List.copyOf(schema.sections().keySet());
        return new ConfigProblem(origin, path, null, "unknown " + what + hint + " (known: " + String.join(", ", known) + ")");
    }

    private Record build(Map<String, Object> typed, Map<String, String> origins, List<ConfigProblem> problems) {
        List<Object> sections = new ArrayList<>();
        for (var section : schema.sections().entrySet()) {
            List<Object> values = new ArrayList<>();
            for (RecordComponent component : section.getValue().getRecordComponents()) {
                values.add(typed.get(section.getKey() + "." + ConfigSchema.snakeCase(component.getName())));
            }
            Record built = construct(section.getValue(), values);
            if (built instanceof CrossChecked checked) {
                for (var problem : checked.crossProblems()) {
                    String path = section.getKey() + "." + problem.key();
                    problems.add(new ConfigProblem(origins.get(path), path, problem.value(), problem.problem()));
                }
            }
            sections.add(built);
        }
        Record root = construct(schema.root(), sections);
        if (problems.isEmpty() && root instanceof CrossChecked checked) {
            for (var problem : checked.crossProblems()) {
                problems.add(new ConfigProblem(origins.get(problem.key()), problem.key(), problem.value(), problem.problem()));
            }
        }
        return root;
    }

    private static Record construct(Class<?> type, List<Object> values) {
        Class<?>[] parameterTypes = java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return (Record) type.getDeclaredConstructor(parameterTypes).newInstance(values.toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
