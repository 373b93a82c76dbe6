package dev.benchbox.standin.spark.testjob;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A tiny job for the stand-in's own tests: {@code TABLE DATA_PATH OUTPUT_PATH}. Counts the nations of each
 * region twice — through the Glue table name and straight from the Parquet files — and writes
 * {@code regionkey,count} lines as CSV to the output path.
 */
public final class RegionCounts {

    private RegionCounts() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("region-counts").getOrCreate();
        Dataset<Row> fromCatalog = spark.table(args[0]);
        long direct = spark.read().parquet(args[1]).count();
        if (direct != fromCatalog.count()) {
            throw new IllegalStateException("catalog and files disagree: " + fromCatalog.count() + " vs " + direct);
        }
        Dataset<Row> counts = fromCatalog.groupBy("n_regionkey").count().orderBy("n_regionkey");
        counts.coalesce(1).write().mode("overwrite").csv(args[2]);
        System.out.println("region-counts: " + direct + " nations, " + counts.count() + " regions");
        spark.stop();
    }
}
