package dev.benchbox.shell;

import dev.benchbox.results.report.ReportService;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code report A.json ... --output report.html}: one self-contained HTML file with the runs and their charts. */
@ShellComponent
public class ReportCommands {
    private final Console console;
    private final OutputGuard outputs;
    private final ReportService reports = new ReportService();

    public ReportCommands(Console console, OutputGuard outputs) {
        this.console = console;
        this.outputs = outputs;
    }

    @ShellMethod(key = "report", value = "Write an HTML report of results files: report A.json [B.json ...] [--output report.html] [--allow-mixed-timing] [--force]",
            group = "Benchmark")
    public void report(
            @ShellOption(value = "--files", valueProvider = PathCompletion.ResultsFile.class, arity = Integer.MAX_VALUE, defaultValue = ShellOption.NULL,
                    help = "results files (benchbox-results/*.json); the first is the baseline") String[] files,
            @ShellOption(value = "--output", valueProvider = PathCompletion.AnyFile.class, defaultValue = ShellOption.NULL,
                    help = "the HTML file to write (default: beside the first results file, named after it)") String output,
            @ShellOption(value = "--allow-mixed-timing", defaultValue = "false",
                    help = "put runs timed in different places (in the driver, a JDBC or session round trip) side by side anyway")
            boolean allowMixedTiming,
            @ShellOption(value = "--force", defaultValue = "false",
                    help = "report different benchmarks or scales together, and replace an existing --output file") boolean force) {
        List<Path> paths = files == null ? List.of() : Arrays.stream(files).map(Path::of).toList();
        ReportService.Report report = reports.prepare(paths, force, allowMixedTiming);
        Path written;
        if (output == null) {
            // beside the results it shows, under a name no file holds yet: the current folder may be anywhere
            written = reports.writeBeside(report, paths.get(0));
        } else {
            written = Path.of(output);
            reports.write(report, written, outputs.mayReplace(written, paths, force));
        }
        int runs = report.runs().size();
        console.println("Report of " + runs + " run" + (runs == 1 ? "" : "s") + " written to " + written);
    }
}
