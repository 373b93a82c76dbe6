package dev.benchbox.standin.spark;

import org.apache.spark.sql.SparkSession;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Main class of the stand-in's Spark child JVM: {@code [--catalog FILE] MAIN_CLASS [ARGS...]}.
 * <p>
 * With {@code --catalog}, it first creates the Spark session (configured by the {@code spark.*} system
 * properties the stand-in passes) and registers what the stand-in's Glue holds in it: each database, and each
 * table as an external table over its Glue location and columns. That is what a job sees on EMR when it
 * uses the Glue Data Catalog as its metastore. Then it calls the job's main class, whose
 * {@code SparkSession.builder().getOrCreate()} returns that same session.
 * <p>
 * The catalog file is tab-separated, one table a line: database, table, location, columns
 * ({@code name:type;...}, ';' because types such as decimal(15,2) hold commas), partition columns, format ("parquet" unless the SerDe says otherwise).
 */
public final class StandInSparkLauncher {

    private StandInSparkLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        // a long-lived child (a session's Spark Connect server) must not outlive the stand-in that started it
        String parent = System.getProperty("benchbox.standin.parent.pid");
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(1)),
                    () -> Runtime.getRuntime().halt(1));
        }
        List<String> rest = Arrays.asList(args);
        if (!rest.isEmpty() && rest.get(0).equals("--catalog")) {
            registerCatalog(Path.of(rest.get(1)));
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("usage: [--catalog FILE] MAIN_CLASS [ARGS...]");
        }
        Method main = Class.forName(rest.get(0)).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) rest.subList(1, rest.size()).toArray(new String[0]));
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the job's own exception, as spark-submit would show it
        }
    }

    private static void registerCatalog(Path file) throws Exception {
        SparkSession spark = SparkSession.builder().getOrCreate();
        Set<String> created = new LinkedHashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            String db = f[0];
            if (created.add(db)) {
                spark.sql("CREATE DATABASE IF NOT EXISTS `" + db + "`");
            }
            if (f.length == 1) {
                continue; // a database without tables
            }
            String table = f[1];
            StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS `" + db + "`.`" + table + "` (");
            List<String> columns = new java.util.ArrayList<>();
            for (String part : (f[3] + (f[4].isEmpty() ? "" : ";" + f[4])).split(";")) {
                if (!part.isEmpty()) {
                    int colon = part.indexOf(':');
                    columns.add("`" + part.substring(0, colon) + "` " + part.substring(colon + 1));
                }
            }
            ddl.append(String.join(", ", columns)).append(") USING ").append(f[5]);
            if (!f[4].isEmpty()) {
                List<String> keys = new java.util.ArrayList<>();
                for (String part : f[4].split(";")) {
                    keys.add("`" + part.substring(0, part.indexOf(':')) + "`");
                }
                ddl.append(" PARTITIONED BY (").append(String.join(", ", keys)).append(")");
            }
            ddl.append(" LOCATION '").append(f[2].replace("'", "\\'")).append("'");
            spark.sql(ddl.toString());
            if (!f[4].isEmpty()) {
                spark.sql("ALTER TABLE `" + db + "`.`" + table + "` RECOVER PARTITIONS");
            }
        }
    }
}
