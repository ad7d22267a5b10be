package dev.sigil.fleet.config.overlay;

import dev.sigil.fleet.core.config.ConfigProblem;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Reads a YAML file into nested maps, refusing duplicate keys, and says where a malformed file breaks. */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** The parsed top-level map, or a problem naming the file (and line) that could not be read. */
    public record Parsed(Map<String, Object> tree, ConfigProblem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static Parsed read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (NoSuchFileException e) {
            return new Parsed(Map.of(), new ConfigProblem(file.toString(), "(file)", null, "does not exist"));
        } catch (IOException e) {
            return new Parsed(Map.of(), new ConfigProblem(file.toString(), "(file)", null, "cannot be read: " + e.getMessage()));
        }
    }

    public static Parsed parse(String origin, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            Object document = new Yaml(new SafeConstructor(options)).load(reader);
            if (document == null) {
                return new Parsed(Map.of(), null);
            }
            if (!(document instanceof Map<?, ?> map)) {
                return new Parsed(Map.of(), new ConfigProblem(origin, "(file)", null, "must hold a map of sections, not " + describe(document)));
            }
            return new Parsed(stringKeys(map), null);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1);
            return new Parsed(Map.of(), new ConfigProblem(origin, "(file)", null, "is not valid YAML" + where + ": " + e.getProblem()));
        } catch (YAMLException e) {
            return new Parsed(Map.of(), new ConfigProblem(origin, "(file)", null, "is not valid YAML: " + e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(String.valueOf(key), value instanceof Map<?, ?> nested ? stringKeys(nested) : value));
        return result;
    }

    private static String describe(Object document) {
        return document instanceof List<?> ? "a list" : "a single value";
    }
}
