package dev.benchbox.cache;

import static java.util.Objects.requireNonNull;

/**
 * What makes cached data reusable: the same data set at the same scale, from the same generator and version, written
 * in the same layout. Data under any other key is generated again.
 *
 * @param dataSet   the data set's name ({@code tpch})
 * @param scale     the scale as written ({@code 0.01})
 * @param generator the generator and its version ({@code io.trino.tpch 1.2})
 * @param layout    how the files are written
 */
record CacheKey(String dataSet, String scale, String generator, String layout) {
    CacheKey {
        requireNonNull(dataSet, "dataSet is null");
        requireNonNull(scale, "scale is null");
        requireNonNull(generator, "generator is null");
        requireNonNull(layout, "layout is null");
        for (String part : new String[] {dataSet, scale, generator, layout}) {
            if (part.contains("\t") || part.contains("\n") || part.contains("\r")) {
                throw new IllegalArgumentException("a cache key part holds a tab or a line break: " + part);
            }
        }
    }
}
