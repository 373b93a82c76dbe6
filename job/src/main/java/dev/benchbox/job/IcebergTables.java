package dev.benchbox.job;

import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Generated Parquet made into Iceberg tables: each table is (re)created in the manifest's Iceberg catalog — Iceberg's Glue
 * catalog on EMR, whose settings come with the job run — from its generated files, so Glue holds an Iceberg table
 * ({@code table_type=ICEBERG}) whose data and metadata live under the catalog's warehouse. The Parquet files stay where
 * they are (a Parquet load of the same scale uses them; a resumed generation keeps its committed parts).
 * {@code CREATE OR REPLACE} keeps one table per name: a reload is a new snapshot of the same table.
 */
final class IcebergTables {

    private IcebergTables() {
    }

    /** Writes every table and returns its row count as the Iceberg table holds it (read back, not assumed). */
    static Map<String, Long> write(SparkSession spark, GenerationManifest.Iceberg iceberg, List<GenerationManifest.Table> tables,
            Function<String, String> parquetLocation) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (GenerationManifest.Table table : tables) {
            String name = qualified(iceberg, table.name());
            String source = parquetLocation.apply(table.name()).replace("`", "``");
            log("writing Iceberg table " + name + " from " + parquetLocation.apply(table.name()));
            spark.sql("CREATE OR REPLACE TABLE " + name + " USING iceberg AS SELECT * FROM parquet.`" + source + "`");
            rows.put(table.name(), spark.sql("SELECT count(*) FROM " + name).first().getLong(0));
        }
        return rows;
    }

    static String qualified(GenerationManifest.Iceberg iceberg, String table) {
        return quote(iceberg.catalog()) + "." + quote(iceberg.database()) + "." + quote(table);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static void log(String message) {
        System.out.println("benchbox-job: " + message);
    }
}
