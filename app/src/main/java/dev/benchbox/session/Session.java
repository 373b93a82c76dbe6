package dev.benchbox.session;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.JobRunUsage;
import dev.benchbox.platform.Platform;
import dev.benchbox.results.print.OutputFormat;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The state of one shell session: the connected platform, the current schema, output settings and
 * the ledger of what ran. Commands read and change it; platforms never see it.
 */
@Component
public class Session {
    public static final int DEFAULT_MAX_ROWS = 100;

    private Platform platform;
    private String schema;
    private OutputFormat format = OutputFormat.TABLE;
    private int maxRows = DEFAULT_MAX_ROWS;
    private final List<LedgerEntry> ledger = new ArrayList<>();
    /** Job runs of platforms this session closed: the cost ledger outlives the connection. */
    private final List<JobRunUsage> closedPlatformJobRuns = new ArrayList<>();
    private final List<JobRunUsage> closedPlatformIdle = new ArrayList<>();

    public synchronized boolean isConnected() {
        return platform != null;
    }

    /** The connected platform; a one-line error when there is none. */
    public synchronized Platform platform() {
        if (platform == null) {
            throw new BenchboxException("not connected: run 'connect duckdb' first");
        }
        return platform;
    }

    public synchronized Optional<Platform> currentPlatform() {
        return Optional.ofNullable(platform);
    }

    /**
     * Replaces the connected platform, closing the previous one.
     *
     * @return what closing the previous one could not release, one line each with the command to do it by hand
     */
    public synchronized List<String> connect(Platform newPlatform) {
        Platform previous = platform;
        platform = newPlatform;
        schema = newPlatform.defaultSchema();
        if (previous == null) {
            return List.of();
        }
        List<String> leftRunning = previous.closeReporting(); // first: closing ends what still bills (a session), whose final usage the ledger keeps
        closedPlatformJobRuns.addAll(previous.jobRuns());
        closedPlatformIdle.addAll(previous.idleCapacity());
        return leftRunning;
    }

    /**
     * Closes the platform, releasing only what this session created.
     *
     * @return what could not be released, one line each with the command to do it by hand (nothing when not connected)
     */
    public synchronized List<String> disconnect() {
        if (platform == null) {
            return List.of();
        }
        Platform previous = platform;
        platform = null;
        schema = null;
        List<String> leftRunning = previous.closeReporting(); // first: closing ends what still bills (a session), whose final usage the ledger keeps
        closedPlatformJobRuns.addAll(previous.jobRuns());
        closedPlatformIdle.addAll(previous.idleCapacity());
        return leftRunning;
    }

    public synchronized String schema() {
        platform();
        return schema;
    }

    /** Switches to an existing schema. */
    public synchronized void use(String newSchema) {
        if (!platform().schemaExists(newSchema)) {
            throw new BenchboxException("schema '" + newSchema + "' does not exist: create it with create-schema " + newSchema);
        }
        schema = newSchema;
    }

    public synchronized OutputFormat format() {
        return format;
    }

    public synchronized void format(OutputFormat newFormat) {
        format = newFormat;
    }

    public synchronized int maxRows() {
        return maxRows;
    }

    public synchronized void maxRows(int rows) {
        if (rows < 0) {
            throw new BenchboxException("invalid row limit " + rows + ": expected 0 (no limit) or more");
        }
        maxRows = rows;
    }

    public synchronized void record(LedgerEntry entry) {
        ledger.add(entry);
    }

    public synchronized List<LedgerEntry> ledger() {
        return List.copyOf(ledger);
    }

    /** Job runs made through a platform other than the connected one (a sweep's configured views), for {@code cost}. */
    public synchronized void recordJobRuns(List<JobRunUsage> runs) {
        closedPlatformJobRuns.addAll(runs);
    }

    /** What the platforms of this session billed outside job runs and sessions (idle pre-initialised workers). */
    public synchronized List<JobRunUsage> idleCapacity() {
        List<JobRunUsage> idle = new ArrayList<>(closedPlatformIdle);
        if (platform != null) {
            idle.addAll(platform.idleCapacity());
        }
        return List.copyOf(idle);
    }

    /** Every job run of this session, on every platform it connected to, oldest first. */
    public synchronized List<JobRunUsage> jobRuns() {
        List<JobRunUsage> runs = new ArrayList<>(closedPlatformJobRuns);
        if (platform != null) {
            runs.addAll(platform.jobRuns());
        }
        return List.copyOf(runs);
    }

    @PreDestroy
    public void close() {
        disconnect();
    }
}
