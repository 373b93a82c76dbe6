package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Column;
import dev.benchbox.tpcds.TpcdsSchema;
import dev.benchbox.tpch.TpchSchema;
import java.util.List;
import java.util.function.Function;

/**
 * What generating a benchmark's data in the cluster needs to know of it: its tables, each table's columns as the
 * Glue table declares them (the job's manifest carries them, so the job holds no copy of the schema), and the Glue
 * parameter that records the scale the tables were generated at. One instance per benchmark, so TPC-H and TPC-DS
 * share every step of {@link EmrDataGeneration}.
 *
 * @param benchmark      {@code tpch} or {@code tpcds}, also the data's folder: {@code data/<benchmark>/sf<SF>/}
 * @param title          {@code TPC-H}, {@code TPC-DS}
 * @param tables         every table, in load order
 * @param columns        a table's columns with Hive types
 * @param scaleParameter the table parameter holding the scale factor
 */
record GeneratedDataSet(String benchmark, String title, List<String> tables, Function<String, List<Column>> columns,
        String scaleParameter) {
    static final GeneratedDataSet TPCH = new GeneratedDataSet("tpch", "TPC-H", TpchSchema.TABLES,
            table -> TpchSchema.columns(table).stream().map(c -> new Column(c.name(), HiveTypes.of(table, c.name(), c.type()))).toList(),
            GlueTableDefinition.TPCH_SCALE_PARAMETER);
    /** CHAR(n) and VARCHAR(n) are Hive {@code string}, as DuckDB (which keeps no length) writes them to Parquet. */
    static final GeneratedDataSet TPCDS = new GeneratedDataSet("tpcds", "TPC-DS", TpcdsSchema.TABLES,
            table -> java.util.Arrays.stream(TpcdsSchema.table(table).getColumns())
                    .map(c -> new Column(c.getName(), HiveTypes.of(table, c.getName(), TpcdsSchema.sqlType(c.getType())))).toList(),
            GlueTableDefinition.TPCDS_SCALE_PARAMETER);

    GeneratedDataSet {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(title, "title is null");
        tables = List.copyOf(tables);
        requireNonNull(columns, "columns is null");
        requireNonNull(scaleParameter, "scaleParameter is null");
    }

    /** The data set of a plan's benchmark. */
    static GeneratedDataSet of(String benchmark) {
        return switch (benchmark) {
            case "tpch" -> TPCH;
            case "tpcds" -> TPCDS;
            default -> throw new BenchboxException("no data generation in the cluster for benchmark '" + benchmark + "'");
        };
    }

    List<Column> hiveColumns(String table) {
        return columns.apply(table);
    }
}
