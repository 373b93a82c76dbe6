package dev.benchbox.platform.emr;

import dev.benchbox.dataset.Scale;
import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.BillingRules;
import dev.benchbox.cost.CostCalculator;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.cost.PricingTable;
import dev.benchbox.dataset.DataSet;
import dev.benchbox.platform.GenerationPlan;
import dev.benchbox.platform.GenerationPlan.Where;
import dev.benchbox.tpcds.TpcdsGeneration;
import dev.benchbox.tpch.TpchRowCounts;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides where TPC-H data is generated and, in the cluster, how it is split: parts of about 128 MB of Parquet
 * (each one Spark task and one file), as many executors as keep every core busy within the application's
 * capacity, and what that job run is expected to cost. Pure arithmetic: no AWS call.
 */
final class GenerationPlanner {
    /**
     * Up to this scale generating here is faster: a job run's start-up (about a minute and a half) outweighs
     * generating (SF 1: ~20 s) and uploading (~300 MB) it; above it the data set outgrows a laptop's memory.
     */
    static final double LOCAL_UP_TO_SCALE = 1.0;
    static final long TARGET_PART_BYTES = 128L * 1024 * 1024;
    /** Parquet (snappy) bytes per row of the tables that scale, measured on DuckDB's SF 1 files; only sets part counts. */
    private static final Map<String, Integer> PARQUET_BYTES_PER_ROW = Map.of("lineitem", 38, "orders", 36,
            "partsupp", 105, "part", 32, "customer", 80, "supplier", 80);
    /** A job run's queueing and start-up, and generation's pace: io.trino.tpch writes SF 1 in ~18 s on one core, Parquet about doubles it. */
    static final double STARTUP_SECONDS = 90;
    static final double CORE_SECONDS_PER_SF = 40;

    private final PricingTable pricing;

    GenerationPlanner(PricingTable pricing) {
        this.pricing = pricing;
    }

    /**
     * The plan for a data set, by its generator: io.trino.tpch here up to SF 1 and in the cluster above,
     * io.trino.tpcds always in the cluster, and a data set that brings its own rows always here (the job carries
     * no copy of it).
     */
    GenerationPlan plan(DataSet dataSet, double scale, List<String> tables, Where requested, Integer partsOverride,
            JobCapacity capacity, String region, Architecture architecture, SparkTuning.Workers workers, Map<String, String> userConf) {
        if (dataSet.generator().equals(DataSet.Generator.TPCH)) {
            return planTpch(dataSet, scale, tables, requested, partsOverride, capacity, region, architecture, workers, userConf);
        }
        if (dataSet.generator().equals(DataSet.Generator.TPCDS)) {
            return planTpcds(dataSet, scale, tables, requested, partsOverride, capacity, region, architecture, workers, userConf);
        }
        if (requested == Where.CLUSTER || partsOverride != null) {
            throw new dev.benchbox.BenchboxException(dataSet.title() + " is generated on this machine: --generate cluster and "
                    + "--parts are not offered for it");
        }
        return new GenerationPlan(dataSet, scale, tables, Where.LOCAL, dataSet.title() + " brings its own rows", Map.of(), 0,
                "this machine", BigDecimal.ZERO, Map.of());
    }

    GenerationPlan planTpch(DataSet dataSet, double scale, List<String> tables, Where requested, Integer partsOverride,
            JobCapacity capacity, String region, Architecture architecture) {
        return planTpch(dataSet, scale, tables, requested, partsOverride, capacity, region, architecture, null, Map.of());
    }

    /**
     * @param workers  the workers the job may use ({@link SparkTuning}), or null for {@code capacity}'s sizes with no known maximum
     * @param userConf the user's {@code --spark-conf} values: they win over the derived ones (the estimate follows
     *                 a user's {@code spark.executor.instances})
     */
    GenerationPlan planTpch(DataSet dataSet, double scale, List<String> tables, Where requested, Integer partsOverride,
            JobCapacity capacity, String region, Architecture architecture, SparkTuning.Workers workers, Map<String, String> userConf) {
        Where where;
        String reason;
        String sf = Scale.of(scale).text();
        if (requested != null) {
            where = requested;
            reason = "--generate " + requested.word();
        } else if (scale <= LOCAL_UP_TO_SCALE) {
            where = Where.LOCAL;
            reason = "default up to SF " + Scale.of(LOCAL_UP_TO_SCALE).text() + ": a job run's start-up (about 1.5 min) "
                    + "outweighs generating and uploading it from here; --generate cluster to override";
        } else {
            where = Where.CLUSTER;
            reason = "default above SF " + Scale.of(LOCAL_UP_TO_SCALE).text() + ": from here the data would pass through "
                    + "this machine's memory and uplink; the cluster writes it in parallel";
        }
        if (where == Where.LOCAL) {
            return new GenerationPlan(dataSet, scale, tables, where, reason, Map.of(), 0, "this machine", BigDecimal.ZERO, Map.of());
        }
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (String table : tables) {
            parts.put(table, parts(table, scale, partsOverride));
        }
        return inCluster(dataSet, scale, tables, reason, parts, CORE_SECONDS_PER_SF, capacity, region, architecture, workers, userConf);
    }

    /**
     * TPC-DS is always generated in the cluster here (there is no local generate-and-upload path for it): parts of
     * about 128 MB, a sales table and its returns in the same parts, the small tables in one.
     */
    GenerationPlan planTpcds(DataSet dataSet, double scale, List<String> tables, Where requested, Integer partsOverride,
            JobCapacity capacity, String region, Architecture architecture) {
        return planTpcds(dataSet, scale, tables, requested, partsOverride, capacity, region, architecture, null, Map.of());
    }

    /** As {@link #planTpch(DataSet, double, List, Where, Integer, JobCapacity, String, Architecture, SparkTuning.Workers, Map)}, for TPC-DS. */
    GenerationPlan planTpcds(DataSet dataSet, double scale, List<String> tables, Where requested, Integer partsOverride,
            JobCapacity capacity, String region, Architecture architecture, SparkTuning.Workers workers, Map<String, String> userConf) {
        if (requested == Where.LOCAL) {
            throw new dev.benchbox.BenchboxException("TPC-DS on emr-serverless is generated in the cluster: --generate local is not offered");
        }
        String reason = requested != null ? "--generate cluster" : "TPC-DS is always generated in the cluster on emr-serverless";
        Map<String, Integer> parts = new LinkedHashMap<>();
        for (String table : tables) {
            parts.put(table, tpcdsParts(table, scale, partsOverride));
        }
        return inCluster(dataSet, scale, tables, reason, parts, TPCDS_CORE_SECONDS_PER_SF, capacity, region, architecture, workers,
                userConf);
    }

    /** The executors, the estimate and the Spark settings ({@link SparkTuning}, the user's over them) of a generation job run. */
    private GenerationPlan inCluster(DataSet dataSet, double scale, List<String> tables, String reason, Map<String, Integer> parts,
            double coreSecondsPerSf, JobCapacity capacity, String region, Architecture architecture, SparkTuning.Workers workers,
            Map<String, String> userConf) {
        // the tasks are the generators' parts: a TPC-DS returns table is written by its sales table's tasks
        int totalParts = 0;
        java.util.Set<String> sources = new java.util.HashSet<>();
        for (Map.Entry<String, Integer> table : parts.entrySet()) {
            if (sources.add(dataSet.generator().equals(DataSet.Generator.TPCDS) ? tpcdsSource(table.getKey()) : table.getKey())) {
                totalParts += table.getValue();
            }
        }
        SparkTuning.Workers sizes = workers != null ? workers
                : new SparkTuning.Workers(capacity.driver(), capacity.executor(), 0, null, null);
        Map<String, String> conf = SparkTuning.merge(SparkTuning.conf(SparkTuning.forGeneration(totalParts, sizes)), userConf);
        int executors = SparkTuning.executors(conf, 1);
        int cores = capacity.executor().vCpu();
        JobCapacity used = new JobCapacity(capacity.driver(), executors, capacity.executor());
        Duration duration = Duration.ofSeconds((long) Math.ceil(STARTUP_SECONDS + coreSecondsPerSf * scale / (executors * cores)));
        BigDecimal usd = CostCalculator.cost(BillingRules.billed(used, duration), pricing.price(region, architecture)).total();
        return new GenerationPlan(dataSet, scale, tables, Where.CLUSTER, reason, parts, executors, capacity.executor().describe(),
                usd, conf);
    }

    /** io.trino.tpcds needs ~75 CPU-seconds for SF 1 as text; typing the values and writing Parquet adds about half. */
    static final double TPCDS_CORE_SECONDS_PER_SF = 120;
    /**
     * Estimated Parquet bytes per row the generator counts (for a sales table one order or ticket, with its lines and
     * returns); only sets part counts. Tables not named here are the dimensions, which stay small.
     */
    private static final Map<String, Integer> TPCDS_BYTES_PER_GENERATOR_ROW = Map.of("store_sales", 600, "catalog_sales", 600,
            "web_sales", 700, "inventory", 5, "customer", 100, "customer_address", 80);
    /** The fact tables, which {@code --parts} splits; the dimensions keep the size rule. */
    private static final java.util.Set<String> TPCDS_FACTS = java.util.Set.of("store_sales", "catalog_sales", "web_sales", "inventory");

    /** The table whose generator makes a TPC-DS table's rows: a returns table comes out of its sales table's. */
    static String tpcdsSource(String table) {
        return TpcdsGeneration.source(table);
    }

    /** Parts of a TPC-DS table: its generator's (a returns table has its sales table's parts). */
    static int tpcdsParts(String table, double scale, Integer override) {
        String source = tpcdsSource(table);
        io.trino.tpcds.Table generator = dev.benchbox.tpcds.TpcdsSchema.table(source);
        if (generator.isSmall()) {
            return 1;
        }
        if (override != null && TPCDS_FACTS.contains(source)) {
            return override;
        }
        Integer bytesPerRow = TPCDS_BYTES_PER_GENERATOR_ROW.get(source);
        if (bytesPerRow == null) {
            return 1;
        }
        double bytes = new io.trino.tpcds.Scaling(scale).getRowCount(generator) * (double) bytesPerRow;
        return (int) Math.max(1, Math.ceil(bytes / TARGET_PART_BYTES));
    }

    /** The Parquet bytes of the whole TPC-H data set at {@code scale}, estimated from the measured bytes per row. */
    static long parquetBytes(double scale) {
        double bytes = 0;
        // a fixed order, so the sum (and its rounding) is the same on every run
        for (Map.Entry<String, Integer> table : new java.util.TreeMap<>(PARQUET_BYTES_PER_ROW).entrySet()) {
            bytes += TpchRowCounts.atScaleOne(table.getKey()) * scale * table.getValue();
        }
        return (long) Math.ceil(bytes);
    }

    /** About 128 MB of Parquet per part; nation and region are one part; {@code --parts} sets the others. */
    static int parts(String table, double scale, Integer override) {
        if (!TpchRowCounts.scales(table)) {
            return 1;
        }
        if (override != null) {
            return override;
        }
        double bytes = TpchRowCounts.atScaleOne(table) * scale * PARQUET_BYTES_PER_ROW.get(table);
        return (int) Math.max(1, Math.ceil(bytes / TARGET_PART_BYTES));
    }
}
