package dev.benchbox.results.report;

import dev.benchbox.BenchboxException;
import dev.benchbox.files.AtomicFiles;
import dev.benchbox.results.compare.Comparer;
import dev.benchbox.results.compare.Comparison;
import dev.benchbox.results.compare.NamedResult;
import dev.benchbox.results.compare.ResultFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code report}: reads results files and writes the HTML report (aside, then moved into place). */
public final class ReportService {
    private final ResultFiles files = new ResultFiles();

    /** A report read and compared, not yet written. */
    public record Report(List<NamedResult> runs, Comparison comparison) {
    }

    /**
     * Writes the report of these results (the first is the comparison's baseline) and returns how many runs it holds.
     *
     * @param force report different benchmarks or scales together
     * @param mayReplace whether a file already at {@code output} may be replaced; otherwise only a free name is taken
     */
    public int write(List<Path> results, Path output, boolean force, boolean mayReplace) {
        Report report = prepare(results, force);
        write(report, output, mayReplace);
        return report.runs().size();
    }

    /** Reads and compares the results (the first is the baseline): what can fail here fails before any file is written. */
    public Report prepare(List<Path> results, boolean force) {
        return prepare(results, force, false);
    }

    /**
     * Reads and compares the results, with runs timed in different places side by side only when allowed (the
     * report then says so).
     */
    public Report prepare(List<Path> results, boolean force, boolean allowMixedTiming) {
        if (results.isEmpty()) {
            throw new BenchboxException("report needs results files: report A.json [B.json ...] --output report.html");
        }
        List<NamedResult> runs = files.readAll(results);
        // a report of one run still shows its configuration, charts and job runs: compare it with itself
        List<NamedResult> compared = runs.size() == 1 ? List.of(runs.get(0), runs.get(0)) : runs;
        Comparison comparison = new Comparer().compare(compared, 0, null, Comparer.MIN_DIFFERENCE_MS, force, allowMixedTiming);
        if (runs.size() == 1) {
            comparison = new Comparison(comparison.benchmark(), comparison.scaleFactor(), comparison.baseline(), null,
                    comparison.noiseSigmas(), comparison.runs().subList(0, 1),
                    comparison.queries().stream().map(q -> new Comparison.QueryRow(q.id(), q.cells().subList(0, 1))).toList(),
                    List.of(), null, comparison.minDifferenceMs(), null, comparison.timingNote(), null, comparison.incomplete());
        }
        return new Report(runs, comparison);
    }

    /**
     * Writes a prepared report beside a results file, named after it ({@code run.json} gives {@code run-report.html},
     * or {@code run-report-2.html} when that name is taken: no file is ever replaced), and returns where.
     */
    public Path writeBeside(Report report, Path results) {
        String name = results.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        Path parent = results.getParent() == null ? Path.of("") : results.getParent();
        try {
            Path written = AtomicFiles.createUnique(parent.toAbsolutePath(), stem + "-report.html",
                    out -> new ReportWriter().write(report.runs(), report.comparison(), out));
            return parent.resolve(written.getFileName());
        } catch (IOException e) {
            throw new BenchboxException("cannot write the report beside " + results + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }

    /** Writes a prepared report; {@code mayReplace} as above. */
    public void write(Report report, Path output, boolean mayReplace) {
        Path target = output.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new BenchboxException("cannot write report " + output + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
        try {
            AtomicFiles.write(target, mayReplace, out -> new ReportWriter().write(report.runs(), report.comparison(), out));
        } catch (FileAlreadyExistsException e) {
            throw new BenchboxException("cannot write report " + output + ": another file took that name meanwhile; it was kept");
        } catch (IOException e) {
            throw new BenchboxException("cannot write report " + output + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }
}
