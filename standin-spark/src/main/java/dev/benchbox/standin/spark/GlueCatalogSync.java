package dev.benchbox.standin.spark;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the child JVM's Spark catalog in step with the stand-in's Glue catalog file (the format
 * {@link StandInSparkLauncher} describes): creates the databases and tables it lists, re-creates a table whose
 * location, columns or format changed, and drops the tables and databases it registered that Glue no longer holds.
 * Tables created through Spark itself (e.g. by a session's SQL) are left alone. A job syncs once before it starts; a
 * session's server syncs before every call ({@link SessionTokenInterceptor}), so tables created in Glue after the
 * session started are visible to its queries, as they are on EMR where the session reads Glue live.
 */
final class GlueCatalogSync {
    /** The catalog file's content last applied, and what it registered: line by "database\ttable", databases. */
    private static String applied;
    private static final Map<String, String> tables = new HashMap<>();
    private static final Set<String> databases = new LinkedHashSet<>();

    private GlueCatalogSync() {
    }

    /** Syncs when the file's content differs from what was last applied; cheap otherwise (one small read). */
    static synchronized void sync(SparkSession spark, Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        if (content.equals(applied)) {
            return;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        Set<String> wantedDatabases = new LinkedHashSet<>();
        for (String line : content.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            wantedDatabases.add(f[0]);
            if (f.length > 1) {
                wanted.put(f[0] + "\t" + f[1], line);
            }
        }
        for (String db : wantedDatabases) {
            if (databases.add(db)) {
                spark.sql("CREATE DATABASE IF NOT EXISTS " + quote(db));
            }
        }
        for (String gone : new ArrayList<>(tables.keySet())) {
            if (!wanted.containsKey(gone)) {
                String[] k = gone.split("\t");
                spark.sql("DROP TABLE IF EXISTS " + quote(k[0]) + "." + quote(k[1]));
                tables.remove(gone);
            }
        }
        for (Map.Entry<String, String> t : wanted.entrySet()) {
            String before = tables.get(t.getKey());
            if (t.getValue().equals(before)) {
                continue;
            }
            String[] f = t.getValue().split("\t", -1);
            if (before != null) {
                spark.sql("DROP TABLE IF EXISTS " + quote(f[0]) + "." + quote(f[1])); // re-defined in Glue
            }
            create(spark, f);
            tables.put(t.getKey(), t.getValue());
        }
        for (String db : new ArrayList<>(databases)) {
            if (!wantedDatabases.contains(db)) {
                spark.sql("DROP DATABASE IF EXISTS " + quote(db) + " CASCADE");
                databases.remove(db);
            }
        }
        applied = content;
    }

    private static void create(SparkSession spark, String[] f) {
        String db = f[0];
        String table = f[1];
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + quote(db) + "." + quote(table) + " (");
        List<String> columns = new ArrayList<>();
        for (String part : (f[3] + (f[4].isEmpty() ? "" : ";" + f[4])).split(";")) {
            if (!part.isEmpty()) {
                int colon = part.indexOf(':');
                columns.add(quote(part.substring(0, colon)) + " " + part.substring(colon + 1));
            }
        }
        ddl.append(String.join(", ", columns)).append(") USING ").append(f[5]);
        if (!f[4].isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (String part : f[4].split(";")) {
                keys.add(quote(part.substring(0, part.indexOf(':'))));
            }
            ddl.append(" PARTITIONED BY (").append(String.join(", ", keys)).append(")");
        }
        ddl.append(" LOCATION '").append(f[2].replace("'", "\\'")).append("'");
        spark.sql(ddl.toString());
        if (!f[4].isEmpty()) {
            spark.sql("ALTER TABLE " + quote(db) + "." + quote(table) + " RECOVER PARTITIONS");
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
