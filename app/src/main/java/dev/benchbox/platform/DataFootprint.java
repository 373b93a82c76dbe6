package dev.benchbox.platform;

import static java.util.Objects.requireNonNull;

/**
 * What a benchmark's generated data set takes on this machine, as measured (each benchmark's constants say how):
 * the memory a load into an in-memory DuckDB holds, and the size of a DuckDB database file holding it. Each is a
 * part that does not grow with the scale (tables of fixed size) plus a part per unit of scale factor.
 *
 * @param benchmark {@code tpch} or {@code tpcds}
 * @param memory    the memory a load holds at its peak
 * @param file      a DuckDB database file's size once loaded
 */
public record DataFootprint(String benchmark, Size memory, Size file) {
    public DataFootprint {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(memory, "memory is null");
        requireNonNull(file, "file is null");
    }

    /** Bytes that do not grow with the scale, and bytes per unit of scale factor. */
    public record Size(long fixedBytes, long bytesPerSf) {
        public Size {
            if (fixedBytes < 0 || bytesPerSf < 0) {
                throw new IllegalArgumentException("sizes cannot be negative: " + fixedBytes + ", " + bytesPerSf);
            }
        }

        /** The bytes at a scale factor. */
        public long at(double scale) {
            double bytes = fixedBytes + bytesPerSf * scale;
            return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(bytes);
        }
    }
}
