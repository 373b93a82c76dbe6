package dev.benchbox.platform;

import dev.benchbox.dataset.DataSet;
import dev.benchbox.dataset.Scale;
import java.util.List;

/**
 * A platform that can generate a benchmark's data inside its own cluster (EMR Serverless: one job run whose
 * Spark tasks each write one part straight to S3), so the data never passes through this machine.
 */
public interface ClusterGeneration {
    /**
     * Decides where and how the data set will be generated; starts nothing. A data set the cluster cannot generate
     * is planned on this machine, or refused in one line when asked for in the cluster.
     *
     * @param tables    the tables (all when empty)
     * @param requested {@code local} or {@code cluster} as the user asked, or null for the default by scale
     * @param parts     parts per large table as the user asked, or null for about 128 MB per part
     */
    GenerationPlan plan(DataSet dataSet, Scale scale, List<String> tables, GenerationPlan.Where requested, Integer parts);

    /**
     * Generates the data as planned and registers the tables with the job's row counts. Parts committed by an
     * earlier, interrupted run are kept, not generated again.
     */
    LoadReport generate(String schema, GenerationPlan plan, LoadProgress progress);

    /**
     * As {@link #generate(String, GenerationPlan, LoadProgress)}, into tables of {@code format}. A platform that keeps
     * only Parquet refuses any other format in one line.
     */
    default LoadReport generate(String schema, GenerationPlan plan, TableFormat format, LoadProgress progress) {
        if (format != TableFormat.PARQUET) {
            throw new dev.benchbox.BenchboxException("--table-format " + format.word() + " is not available here: tables are Parquet");
        }
        return generate(schema, plan, progress);
    }

    /**
     * Registers a data set already in storage (one folder of Parquet files per table under {@code from}) without
     * copying it, after a job run has checked each table's row count for the scale and its column types. Any
     * mismatch or missing table is a one-line error naming the table, and then nothing is registered.
     */
    LoadReport register(String schema, DataSet dataSet, Scale scale, List<String> tables, String from, LoadProgress progress);
}
