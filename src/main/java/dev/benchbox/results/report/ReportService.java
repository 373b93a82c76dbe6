package dev.benchbox.results.report;

import dev.benchbox.BenchboxException;
import dev.benchbox.results.compare.Comparer;
import dev.benchbox.results.compare.Comparison;
import dev.benchbox.results.compare.NamedResult;
import dev.benchbox.results.compare.ResultFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** {@code report}: reads results files and writes the HTML report (aside, then moved into place). */
public final class ReportService {
    private final ResultFiles files = new ResultFiles();

    /** Writes the report of these results (the first is the comparison's baseline) and returns how many runs it holds. */
    public int write(List<Path> results, Path output, boolean force) {
        if (results.isEmpty()) {
            throw new BenchboxException("report needs results files: report A.json [B.json ...] --output report.html");
        }
        List<NamedResult> runs = files.readAll(results);
        // a report of one run still shows its configuration, charts and job runs: compare it with itself
        List<NamedResult> compared = runs.size() == 1 ? List.of(runs.get(0), runs.get(0)) : runs;
        Comparison comparison = new Comparer().compare(compared, 0, null, force);
        if (runs.size() == 1) {
            comparison = new Comparison(comparison.benchmark(), comparison.scaleFactor(), comparison.baseline(), null,
                    comparison.noiseSigmas(), comparison.runs().subList(0, 1),
                    comparison.queries().stream().map(q -> new Comparison.QueryRow(q.id(), q.cells().subList(0, 1))).toList(),
                    List.of(), null);
        }
        Path target = output.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                new ReportWriter().write(runs, comparison, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BenchboxException("cannot write report " + output + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing to clean up then
            }
        }
        return runs.size();
    }
}
