package dev.benchbox.platform;

import java.io.IOException;
import java.util.List;

/** Receives the rows of one query result as the engine streams them. */
public interface RowSink {
    void begin(List<Column> columns) throws IOException;

    void row(List<?> values) throws IOException;

    void end() throws IOException;
}
