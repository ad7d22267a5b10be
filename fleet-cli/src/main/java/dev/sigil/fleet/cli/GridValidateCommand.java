package dev.sigil.fleet.cli;

import dev.sigil.fleet.core.config.ConfigProblem;
import dev.sigil.fleet.config.overlay.GridOverlays;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
                "Check overlay files: each is merged over base.yaml and validated in full. Every problem is listed with "
                        + "the file, the key path, the bad value and what is allowed.",
                "Without FILE, checks base.yaml and every overlay. Exit 65 if any file is invalid."})
final class GridValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    OverlayOptions overlayOptions;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Overlay files to check (default: all in the overlays directory).")
    List<Path> files = new ArrayList<>();

    /** One file's verdict. */
    record Result(String file, boolean valid, List<ConfigProblem> problems) {
    }

    @Override
    public Integer call() {
        GridOverlays overlays = overlayOptions.overlays();
        List<Path> toCheck = new ArrayList<>(files);
        if (toCheck.isEmpty()) {
            toCheck.add(overlays.base());
            toCheck.addAll(overlays.overlays());
        }
        List<Result> results = toCheck.stream().map(file -> {
            List<ConfigProblem> problems = overlays.validate(file);
            return new Result(file.toString(), problems.isEmpty(), problems);
        }).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            out.println(Json.write(results));
        } else {
            for (Result result : results) {
                out.println((result.valid() ? "ok       " : "INVALID  ") + result.file()
                        + (result.valid() ? "" : " (" + result.problems().size() + " problem" + (result.problems().size() == 1 ? ")" : "s)")));
                result.problems().forEach(problem -> out.println("           - " + problem));
            }
        }
        return results.stream().allMatch(Result::valid) ? ExitCodes.OK : ExitCodes.INVALID_CONFIG;
    }
}
