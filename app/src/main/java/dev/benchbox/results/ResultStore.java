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
            throw new BenchboxException("cannot write results to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Reads a results file, or refuses it in one line (see {@link ResultReader}). */
    public RunResult read(Path file) {
        return new ResultReader(mapper).read(file);
    }
}
