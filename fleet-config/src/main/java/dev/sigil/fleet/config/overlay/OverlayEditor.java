package dev.sigil.fleet.config.overlay;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets {@code section.key: value} in an overlay's text, keeping everything else — comments, order, blank lines —
 * as it was: an existing key's value is replaced in place (its trailing comment kept), a new key goes at the end of
 * its section, a new section at the end of the file. The result is parsed back and checked to hold exactly the
 * intended value, so an overlay written in a form this editor does not understand is refused, not mangled.
 */
public final class OverlayEditor {

    private static final Pattern SECTION = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*):\\s*(#.*)?$");

    private OverlayEditor() {
    }

    /** Thrown when the overlay's layout is not one this editor can change safely. */
    public static final class CannotEditException extends RuntimeException {
        CannotEditException(String message) {
            super(message);
        }
    }

    public static String set(String text, String section, String key, String valueText) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        lines.removeIf(line -> line.strip().equals("{}"));
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher match = SECTION.matcher(lines.get(i));
            if (match.matches() && match.group(1).equals(section)) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            lines.add(section + ":");
            lines.add("  " + key + ": " + valueText);
        } else {
            Pattern keyLine = Pattern.compile("^(\\s+)" + Pattern.quote(key) + ":\\s*([^#]*?)(\\s+#.*)?$");
            int end = header + 1;
            boolean replaced = false;
            while (end < lines.size() && (lines.get(end).isBlank() || lines.get(end).startsWith(" ") || lines.get(end).startsWith("\t")
                    || lines.get(end).startsWith("#"))) {
                Matcher match = keyLine.matcher(lines.get(end));
                if (!replaced && match.matches()) {
                    lines.set(end, match.group(1) + key + ": " + valueText + (match.group(3) == null ? "" : match.group(3)));
                    replaced = true;
                }
                end++;
            }
            if (!replaced) {
                int insertAt = end;
                while (insertAt > header + 1 && lines.get(insertAt - 1).isBlank()) {
                    insertAt--;
                }
                lines.add(insertAt, "  " + key + ": " + valueText);
            }
        }
        String edited = String.join("\n", lines) + "\n";
        check(edited, section, key, valueText);
        return edited;
    }

    private static void check(String edited, String section, String key, String valueText) {
        YamlFiles.Parsed parsed = YamlFiles.parse("edited overlay", new StringReader(edited));
        Object expected = YamlFiles.parse("value", new StringReader("v: " + valueText)).tree().get("v");
        Object actual = parsed.ok() && parsed.tree().get(section) instanceof Map<?, ?> keys ? keys.get(key) : null;
        if (!parsed.ok() || !Objects.equals(expected, actual)) {
            throw new CannotEditException("cannot set " + section + "." + key + " in this overlay without rewriting it (its layout is not "
                    + "'section:' lines with indented 'key: value' lines); edit the file by hand");
        }
    }
}
