package dev.benchbox.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.benchbox.BenchboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Writes the result to a new file (written aside, then moved into place) and returns its path. */
    public Path write(RunResult result) {
        String name = result.benchmark().name() + "_sf" + dev.benchbox.tpch.TpchSchema.formatScale(result.benchmark().scaleFactor())
                + "_" + result.platform().name() + "_" + STAMP.format(result.run().started()) + ".json";
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(name);
            for (int n = 2; Files.exists(target); n++) {
                target = directory.resolve(name.replace(".json", "-" + n + ".json"));
            }
            Path partial = directory.resolve(target.getFileName() + ".partial");
            try {
                mapper.writeValue(partial.toFile(), result);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            return target;
        } catch (IOException e) {
            throw new BenchboxException("cannot write results to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Reads a results file, or refuses it in one line (see {@link ResultReader}). */
    public RunResult read(Path file) {
        return new ResultReader(mapper).read(file);
    }
}
