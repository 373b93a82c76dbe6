package dev.benchbox.platform;

import dev.benchbox.dataset.Column;
import java.io.IOException;
import java.util.List;

/** Receives the rows of one query result as the engine streams them. */
public interface RowSink {
    /** Takes the rows and keeps nothing (benchmarks, checks that only need the count). */
    RowSink DISCARD = new RowSink() {
        @Override
        public void begin(List<Column> columns) {
        }

        @Override
        public void row(List<?> values) {
        }

        @Override
        public void end() {
        }
    };

    void begin(List<Column> columns) throws IOException;

    void row(List<?> values) throws IOException;

    void end() throws IOException;
}
