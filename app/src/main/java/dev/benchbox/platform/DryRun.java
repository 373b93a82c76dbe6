package dev.benchbox.platform;

import java.nio.file.Path;
import java.util.List;

/** What a previewing platform ({@link Previews}) writes: where, how many files, and a power run's preview. */
public interface DryRun {
    /** The directory the request files go to. */
    Path directory();

    /** Files written to the directory so far. */
    int filesWritten();

    /**
     * Writes what a power run would send: every query's SQL, the run's manifest, the uploads and its job-run request.
     *
     * @param maxRowsKept rows of each result kept, exactly as the run would pass to {@link Platform#runBatch}
     */
    void previewRun(String schema, List<BatchQuery> queries, int warmups, int iterations, int maxRowsKept);
}
