package dev.benchbox.results.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.results.ResultStore;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * The comparison as JSON, for pipelines: the same snake_case naming as results files; its shape is described by
 * {@code compare-schema.json} beside this class's resources.
 */
final class JsonComparisonPrinter implements ComparisonPrinter {
    private final ObjectMapper mapper = new ResultStore(Path.of(".")).mapper().copy()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void print(Comparison comparison, Writer out) throws IOException {
        mapper.writeValue(out, comparison);
        out.write(System.lineSeparator());
        out.flush();
    }
}
