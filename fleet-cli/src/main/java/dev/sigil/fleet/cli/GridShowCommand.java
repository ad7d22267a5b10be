package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.config.ConfigSchema;
import dev.sigil.fleet.core.config.EffectiveConfig;
import dev.sigil.fleet.config.overlay.ConfigJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {
                "Print a variant's effective config (base.yaml merged with its overlay): every key by its full path, its "
                        + "value, where the value comes from and what the key means.",
                "--set previews overrides without writing them."})
final class GridShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OverlayOptions overlayOptions;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "VARIANT", description = "Variant name (e.g. aggressive) or an overlay file.")
    String variant;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key for this preview, e.g. --set exit.hard_stop_multiplier=2.0 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        Path overlay = overlayOptions.overlayOf(variant);
        EffectiveConfig effective = overlayOptions.overlays().resolve(overlay, sets);
        String json = ConfigJson.json(effective);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("variant", variant);
            document.put("overlay", overlay.toString());
            document.put("config_hash", ConfigJson.hash(json));
            document.put("values", effective.values());
            document.put("origins", effective.origins());
            out.println(Json.write(document));
            return ExitCodes.OK;
        }
        out.println("variant " + variant + " — " + overlay + " over " + overlayOptions.overlays().base());
        out.println("config hash " + ConfigJson.hash(json));
        List<List<String>> rows = new ArrayList<>();
        for (var key : ConfigSchema.sigil().keys()) {
            String origin = effective.origins().get(key.path());
            String from = origin.equals(overlayOptions.overlays().base().toString()) ? "base" : origin.equals(overlay.toString()) ? "overlay" : origin;
            rows.add(List.of(key.path(), String.valueOf(effective.values().get(key.path())), from, key.doc()));
        }
        out.println(Tables.render(List.of("key", "value", "from", "meaning"), rows));
        return ExitCodes.OK;
    }
}
