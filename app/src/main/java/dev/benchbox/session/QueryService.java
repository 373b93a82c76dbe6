package dev.benchbox.session;

import dev.benchbox.BenchboxException;
import dev.benchbox.files.AtomicFiles;
import dev.benchbox.dataset.Column;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.QuerySummary;
import dev.benchbox.platform.RowSink;
import dev.benchbox.results.print.OutputFormat;
import dev.benchbox.results.print.OutputPrinter;
import dev.benchbox.results.print.OutputPrinters;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** Runs ad-hoc statements on the connected platform and prints or saves their rows. */
@Service
public class QueryService {
    private final Session session;

    public QueryService(Session session) {
        this.session = session;
    }

    /**
     * What a statement gave.
     *
     * @param summary columns, row count and time
     * @param shown rows printed on screen (all rows when written to a file)
     * @param file the file the rows went to, or null
     */
    public record Outcome(QuerySummary summary, long shown, Path file) {
        public long hidden() {
            return summary.rowCount() - shown;
        }
    }

    /** Prints at most {@code maxRows} rows (0: all) and counts the rest. */
    public Outcome toScreen(String sql, OutputFormat format, int maxRows, Writer out) {
        Platform platform = session.platform();
        OutputPrinter printer = OutputPrinters.create(format, out);
        LimitedSink sink = new LimitedSink(printer, maxRows);
        Instant started = Instant.now();
        QuerySummary summary = platform.execute(session.schema(), requireSql(sql), sink);
        record(platform, started, sql, summary);
        return new Outcome(summary, sink.shown, null);
    }

    /**
     * Streams every row to a file in constant memory. The rows go to a side file first and take the target's
     * name only when the statement succeeded, so a failure never destroys an earlier result.
     *
     * @param mayReplace whether a file already at the target may be replaced (the caller asked); otherwise only a
     *     free name is taken
     */
    public Outcome toFile(String sql, OutputFormat format, Path file, boolean mayReplace) {
        Platform platform = session.platform();
        String statement = requireSql(sql);
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new BenchboxException("cannot write " + file + ": directory " + parent + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new BenchboxException("cannot write " + file + ": it is a directory");
        }
        Instant started = Instant.now();
        QuerySummary[] summary = new QuerySummary[1];
        try {
            AtomicFiles.write(target, mayReplace, out -> {
                OutputPrinter printer = OutputPrinters.create(format, out);
                summary[0] = platform.execute(session.schema(), statement, new LimitedSink(printer, 0));
            });
        } catch (FileAlreadyExistsException e) {
            throw new BenchboxException("cannot write " + file + ": another file took that name meanwhile; it was kept");
        } catch (IOException e) {
            throw new BenchboxException("cannot write " + file + ": " + dev.benchbox.files.IoReasons.of(e), e);
        }
        record(platform, started, sql, summary[0]);
        return new Outcome(summary[0], summary[0].rowCount(), target);
    }

    private void record(Platform platform, Instant started, String sql, QuerySummary summary) {
        String detail = sql.strip().replaceAll("\\s+", " ");
        if (detail.length() > 80) {
            detail = detail.substring(0, 77) + "...";
        }
        session.record(new LedgerEntry(started, platform.name(), "query", detail, summary.elapsedNanos() / 1e6));
    }

    private static String requireSql(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new BenchboxException("no SQL given: query \"SELECT ...\"");
        }
        return sql;
    }

    /** Passes the first rows to the printer and only counts the others. */
    private static final class LimitedSink implements RowSink {
        private final OutputPrinter printer;
        private final int limit;
        private long shown;
        private boolean began;

        LimitedSink(OutputPrinter printer, int limit) {
            this.printer = printer;
            this.limit = limit;
        }

        @Override
        public void begin(List<Column> columns) throws IOException {
            if (!columns.isEmpty()) {
                printer.begin(columns);
                began = true;
            }
        }

        @Override
        public void row(List<?> values) throws IOException {
            if (limit == 0 || shown < limit) {
                printer.row(values);
                shown++;
            }
        }

        @Override
        public void end() throws IOException {
            if (began) {
                printer.end();
            }
        }
    }
}
