package dev.benchbox.platform;

import java.util.List;

/**
 * A platform that can generate a benchmark's data inside its own cluster (EMR Serverless: one job run whose
 * Spark tasks each write one part straight to S3), so the data never passes through this machine.
 */
public interface ClusterGeneration {
    /**
     * Decides where and how the data will be generated; starts nothing.
     *
     * @param requested {@code local} or {@code cluster} as the user asked, or null for the default by scale
     * @param parts     parts per large table as the user asked, or null for about 128 MB per part
     */
    GenerationPlan planTpch(double scale, List<String> tables, GenerationPlan.Where requested, Integer parts);

    /**
     * Generates the data as planned, for the plan's benchmark (TPC-H or TPC-DS), and registers the tables with the
     * job's row counts. Parts committed by an earlier, interrupted run are kept, not generated again.
     */
    LoadReport generate(String schema, GenerationPlan plan, LoadProgress progress);

    /**
     * As {@link #planTpch}, for TPC-DS: generated in the cluster, a sales table and its returns in the same parts.
     * Platforms that cannot refuse in one line.
     */
    default GenerationPlan planTpcds(double scale, List<String> tables, GenerationPlan.Where requested, Integer parts) {
        throw new dev.benchbox.BenchboxException("TPC-DS cannot be generated in this platform's cluster");
    }

    /**
     * Registers a TPC-H data set already in S3 (one folder of Parquet files per table under {@code from}) without
     * copying it, after a job run has checked each table's row count for the scale and its column types. Any
     * mismatch or missing table is a one-line error naming the table, and then nothing is registered.
     */
    LoadReport registerTpch(String schema, double scale, List<String> tables, String from, LoadProgress progress);
}
