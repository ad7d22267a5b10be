package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.config.EffectiveConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two variants' effective configs and print only the keys that differ.")
final class GridDiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OverlayOptions overlayOptions;

    @Mixin
    OutputOptions output;

    @Parameters(index = "0", paramLabel = "A", description = "Variant name or overlay file.")
    String left;

    @Parameters(index = "1", paramLabel = "B", description = "Variant name or overlay file.")
    String right;

    @Override
    public Integer call() {
        EffectiveConfig a = overlayOptions.overlays().resolve(overlayOptions.overlayOf(left), List.of());
        EffectiveConfig b = overlayOptions.overlays().resolve(overlayOptions.overlayOf(right), List.of());
        Map<String, EffectiveConfig.Difference> differences = a.diff(b);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(differences.values().stream()
                    .map(d -> Map.of("key", d.path(), "a", d.left(), "b", d.right())).toList()));
        } else if (differences.isEmpty()) {
            out.println(left + " and " + right + " have the same effective config");
        } else {
            out.println(Tables.render(List.of("key", left, right), differences.values().stream()
                    .map(d -> List.of(d.path(), String.valueOf(d.left()), String.valueOf(d.right()))).toList()));
        }
        return ExitCodes.OK;
    }
}
