package dev.benchbox.results.compare;

import dev.benchbox.results.ResultReader;
import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads results files for {@code compare} and {@code report} with {@link ResultReader}, which refuses what is not one
 * with a single line that names the file, and labels them.
 */
public final class ResultFiles {
    /**
     * Made on first read, not with the object: {@code compare} and {@code report} hold one of these, Spring Shell builds
     * every command bean at start, and the mapper (Jackson with its time module) costs ~700 classes, which every
     * one-shot command would otherwise pay.
     */
    private ResultReader reader;

    private ResultReader reader() {
        if (reader == null) {
            reader = new ResultReader(new ResultStore(Path.of(".")).mapper());
        }
        return reader;
    }

    /** Reads every file, labelled by its name without {@code .json} (made unique with {@code #2}, {@code #3}). */
    public List<NamedResult> readAll(List<Path> files) {
        List<NamedResult> results = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            int n = seen.merge(name, 1, Integer::sum);
            results.add(new NamedResult(n == 1 ? name : name + "#" + n, file, read(file)));
        }
        return results;
    }

    public RunResult read(Path file) {
        return reader().read(file);
    }
}
