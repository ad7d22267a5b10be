package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.config.overlay.GridOverlays;
import dev.sigil.fleet.config.overlay.OverlayEditor;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {
                "Change keys in a variant's overlay: the result is validated in full first (every problem is listed and the file "
                        + "is left untouched), then written (comments and layout kept) and the effective changes are printed.",
                "A running runner picks overlay changes up only at its next session start (every scanner.session_duration_seconds, "
                        + "or on restart: systemctl restart sigil-runner@VARIANT)."})
final class GridApplyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OverlayOptions overlayOptions;

    @Parameters(index = "0", paramLabel = "VARIANT", description = "Variant name or overlay file.")
    String variant;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "e.g. exit.hard_stop_multiplier=2.0 entry.cooldown_hours=4")
    List<String> pairs;

    @Option(names = "--dry-run", description = "Validate and show the changes without writing the overlay.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        GridOverlays overlays = overlayOptions.overlays();
        Path overlay = overlayOptions.overlayOf(variant);
        EffectiveConfig before = overlays.resolve(overlay, List.of());
        String text = Files.readString(overlay, StandardCharsets.UTF_8);
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            int dot = pair.indexOf('.');
            if (equals < 0 || dot <= 0 || dot > equals) {
                throw new IllegalArgumentException("'" + pair + "' must look like section.key=value, e.g. exit.hard_stop_multiplier=2.0");
            }
            text = OverlayEditor.set(text, pair.substring(0, dot), pair.substring(dot + 1, equals).strip(), pair.substring(equals + 1).strip());
        }
        Path candidate = overlay.resolveSibling("." + overlay.getFileName() + ".new");
        Files.writeString(candidate, text, StandardCharsets.UTF_8);
        EffectiveConfig after;
        try {
            after = overlays.resolve(candidate, List.of());
        } catch (RuntimeException e) {
            Files.deleteIfExists(candidate);
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, EffectiveConfig.Difference> changes = before.diff(after);
        if (changes.isEmpty()) {
            Files.deleteIfExists(candidate);
            out.println(overlay + ": nothing changes (the effective config already has these values)");
            return ExitCodes.OK;
        }
        out.println(Tables.render(List.of("key", "was", "now"), changes.values().stream()
                .map(change -> List.of(change.path(), String.valueOf(change.left()), String.valueOf(change.right()))).toList()));
        if (dryRun) {
            Files.deleteIfExists(candidate);
            out.println("dry run: " + overlay + " not written");
            return ExitCodes.OK;
        }
        Files.move(candidate, overlay, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.println("wrote " + overlay + ". A running runner picks this up at its next session start; to apply it now: "
                + "systemctl restart sigil-runner@" + overlay.getFileName().toString().replace(".yaml", ""));
        return ExitCodes.OK;
    }
}
