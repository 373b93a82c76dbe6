package dev.benchbox.results;

import dev.benchbox.dataset.Scale;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.benchbox.BenchboxException;
import dev.benchbox.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes run results as JSON files under a results directory ({@code ./benchbox-results} by default). */
public final class ResultStore {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final ObjectMapper mapper;

    public ResultStore(Path directory) {
        this.directory = directory;
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Writes the result to a new file and returns its path: the name's run time is to the second, so a name
     * already taken (by an earlier file or by another shell in the same second) gets the next free suffix.
     */
    public Path write(RunResult result) {
        String name = result.benchmark().name() + "_sf" + Scale.of(result.benchmark().scaleFactor()).text()
                + "_" + result.platform().name() + "_" + STAMP.format(result.run().started()) + ".json";
        try {
            Files.createDirectories(directory);
            return AtomicFiles.createUnique(directory, name, out -> mapper.writeValue(out, result));
        } catch (IOException e) {
            throw new BenchboxException("cannot write results to " + directory + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
    }

    /**
     * Refuses, before a run starts, a results folder this shell cannot write: finding out after the run would lose a
     * finished run's results. The folder is not created here (a refused run leaves nothing behind); when it exists, a
     * probe file of an unpredictable name is created and removed.
     */
    public void checkWritable() {
        Path absolute = directory.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String refused = "cannot write results to " + directory + ": ";
        String nothing = "; nothing was run";
        if (existing == null || !Files.isDirectory(existing)) {
            throw new BenchboxException(refused + (existing == null ? "no such folder" : existing + " is not a folder") + nothing);
        }
        if (!existing.equals(absolute)) {
            if (!Files.isWritable(existing)) {
                throw new BenchboxException(refused + "permission denied (cannot create it in " + existing + ")" + nothing);
            }
            return;
        }
        try {
            Files.delete(Files.createTempFile(absolute, ".benchbox-probe-", ".tmp"));
        } catch (IOException e) {
            throw new BenchboxException(refused + dev.benchbox.files.IoReasons.reason(e) + nothing, e);
        }
    }

    /** Reads a results file, or refuses it in one line (see {@link ResultReader}). */
    public RunResult read(Path file) {
        return new ResultReader(mapper).read(file);
    }
}
