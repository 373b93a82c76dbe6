package dev.benchbox.results.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.BenchboxException;
import dev.benchbox.results.ResultStore;
import dev.benchbox.results.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads results files for {@code compare} and {@code report}, refusing what is not one with a single line that
 * names the file: a missing file, a file that is not JSON, JSON that is not a BenchBox results file.
 */
public final class ResultFiles {
    private static final List<String> SECTIONS = List.of("run", "benchmark", "platform", "summary", "queries");

    /**
     * Made on first read, not with the object: {@code compare} and {@code report} hold one of these, Spring Shell builds
     * every command bean at start, and the mapper (Jackson with its time module) costs ~700 classes, which every
     * one-shot command would otherwise pay.
     */
    private ObjectMapper mapper;

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ResultStore(Path.of(".")).mapper();
        }
        return mapper;
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
        JsonNode json;
        try {
            json = mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BenchboxException("cannot read results " + file + ": no such file");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new BenchboxException("cannot read results " + file + ": not JSON" + where);
        } catch (IOException e) {
            throw new BenchboxException("cannot read results " + file + ": " + e.getMessage());
        }
        if (json == null || !json.isObject() || SECTIONS.stream().anyMatch(section -> !json.hasNonNull(section))) {
            throw new BenchboxException("cannot read results " + file + ": not a BenchBox results file (it needs "
                    + String.join(", ", SECTIONS) + ")");
        }
        try {
            return mapper().treeToValue(json, RunResult.class);
        } catch (JsonProcessingException | RuntimeException e) {
            String detail = e instanceof JsonProcessingException processing ? processing.getOriginalMessage() : e.getMessage();
            throw new BenchboxException("cannot read results " + file + ": not a BenchBox results file ("
                    + String.valueOf(detail).lines().findFirst().orElse("") + ")");
        }
    }
}
