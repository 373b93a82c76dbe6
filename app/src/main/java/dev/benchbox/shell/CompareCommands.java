package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.results.compare.CompareFormat;
import dev.benchbox.results.compare.Comparer;
import dev.benchbox.results.compare.CompareService;
import dev.benchbox.results.compare.Comparison;
import dev.benchbox.results.compare.ComparisonPrinter;
import dev.benchbox.results.compare.NoiseFloor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code compare A.json B.json ...}: runs side by side against a baseline, with a regression gate for CI. */
@ShellComponent
public class CompareCommands {
    private final Console console;
    private final CompareService compare = new CompareService();
    private final ExitStatus exitStatus;

    public CompareCommands(Console console, ExitStatus exitStatus) {
        this.console = console;
        this.exitStatus = exitStatus;
    }

    @ShellMethod(key = "compare", value = "Compare results files: compare A.json B.json [C.json ...] [--baseline A] "
            + "[--format table|markdown|json|html] [--fail-on-regression PCT] [--min-difference MS] [--noise-floor FILE | --write-noise-floor FILE [--replace]] [--allow-mixed-timing] [--force]", group = "Benchmark")
    public void compare(
            @ShellOption(value = "--files", valueProvider = PathCompletion.ResultsFile.class, arity = Integer.MAX_VALUE, defaultValue = ShellOption.NULL,
                    help = "results files (benchbox-results/*.json), the baseline first unless --baseline says") String[] files,
            @ShellOption(value = "--baseline", valueProvider = PathCompletion.ResultsFile.class, defaultValue = ShellOption.NULL, help = "the run the others are compared with: its file or name") String baseline,
            @ShellOption(value = "--format", defaultValue = "table", valueProvider = ValueChoices.CompareFormats.class,
                    help = "table, markdown, json or html") String format,
            @ShellOption(value = "--fail-on-regression", defaultValue = ShellOption.NULL,
                    help = "fail (exit status 1) when a query or the geometric mean is slower by more than PCT percent, beyond the noise") String failOnRegression,
            @ShellOption(value = "--min-difference", defaultValue = ShellOption.NULL,
                    help = "medians closer than MS milliseconds are not a change (default 5)") String minDifference,
            @ShellOption(value = "--allow-mixed-timing", defaultValue = "false",
                    help = "compare runs timed in different places (in the driver, a JDBC or session round trip) anyway") boolean allowMixedTiming,
            @ShellOption(value = "--noise-floor", valueProvider = PathCompletion.ResultsFile.class, defaultValue = ShellOption.NULL,
                    help = "a change must also exceed this A/A noise floor (written by --write-noise-floor)") String noiseFloor,
            @ShellOption(value = "--write-noise-floor", valueProvider = PathCompletion.AnyFile.class, defaultValue = ShellOption.NULL,
                    help = "the files are runs of one configuration: write how far apart their medians came out, per query, to FILE") String writeNoiseFloor,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --write-noise-floor: replace an earlier noise-floor file") boolean replace,
            @ShellOption(value = "--force", defaultValue = "false", help = "compare different benchmarks or scales anyway") boolean force) {
        if (noiseFloor != null && writeNoiseFloor != null) {
            throw new BenchboxException("--noise-floor and --write-noise-floor go apart: one uses a floor, the other measures one on A/A runs");
        }
        if (replace && writeNoiseFloor == null) {
            throw new BenchboxException("--replace goes with --write-noise-floor");
        }
        CompareFormat outputFormat = CompareFormat.parse(format);
        Double threshold = null;
        if (failOnRegression != null) {
            try {
                threshold = Double.parseDouble(failOnRegression.replaceFirst("%$", ""));
            } catch (NumberFormatException e) {
                throw new BenchboxException("invalid --fail-on-regression '" + failOnRegression + "': expected a percentage, e.g. 10");
            }
        }
        double minimum = Comparer.MIN_DIFFERENCE_MS;
        if (minDifference != null) {
            try {
                minimum = Double.parseDouble(minDifference.replaceFirst("ms$", ""));
            } catch (NumberFormatException e) {
                minimum = -1;
            }
            if (!(minimum >= 0) || Double.isInfinite(minimum)) {
                throw new BenchboxException("invalid --min-difference '" + minDifference + "': expected milliseconds, 0 or more, e.g. 5");
            }
        }
        List<Path> paths = files == null ? List.of() : Arrays.stream(files).map(Path::of).toList();
        Comparison comparison = compare.compare(paths, baseline, threshold, minimum, force, allowMixedTiming,
                noiseFloor == null ? null : Path.of(noiseFloor));
        NoiseFloor written = writeNoiseFloor == null ? null : compare.writeNoiseFloor(paths, Path.of(writeNoiseFloor), replace);
        try {
            ComparisonPrinter.of(outputFormat).print(comparison, console.writer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (written != null) {
            console.error(written.describe(writeNoiseFloor));
        }
        if (threshold != null && comparison.tooFewIterations() != null && comparison.regressions().isEmpty()) {
            // a gate that guesses gets switched off: say it cannot judge, with a status of its own
            console.error("cannot judge regressions: " + comparison.tooFewIterations());
            exitStatus.cannotJudge();
            return;
        }
        if (!comparison.regressions().isEmpty()) {
            int count = comparison.regressions().size();
            throw new BenchboxException(String.format(Locale.ROOT, "%d %s beyond %s%%: %s", count, count == 1 ? "regression" : "regressions",
                    failOnRegression.replaceFirst("%$", ""), comparison.regressions().stream()
                            .map(r -> r.run() + " " + r.query() + String.format(Locale.ROOT, " +%.1f%%", r.slowerPct()))
                            .collect(Collectors.joining(", "))));
        }
    }
}
