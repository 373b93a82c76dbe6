package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading a generated data set takes on this machine, estimated from its {@link DataFootprint} before anything
 * starts, so a load the machine cannot hold is refused instead of being killed by the kernel half way.
 *
 * @param in          where the data goes, as a phrase: {@code in an in-memory DuckDB}
 * @param dataBytes   the data set's size in memory
 * @param memoryBytes what the load holds in memory at its peak: the data, or less where the engine's own memory limit
 *                    keeps it smaller (the rest then goes to one of the {@code disks})
 * @param disks       what it writes to disk, per folder
 * @param instead     what could hold it instead, as phrases for a refusal: {@code EMR Serverless with --generate cluster}
 */
public record LocalNeed(String in, long dataBytes, long memoryBytes, List<Disk> disks, List<String> instead) {
    public LocalNeed {
        requireNonNull(in, "in is null");
        disks = List.copyOf(disks);
        instead = List.copyOf(instead);
    }

    /** Bytes written into a folder, and what for, as a phrase: {@code for the database file}. */
    public record Disk(Path folder, long bytes, String forWhat) {
        public Disk {
            requireNonNull(folder, "folder is null");
            requireNonNull(forWhat, "forWhat is null");
        }
    }
}
