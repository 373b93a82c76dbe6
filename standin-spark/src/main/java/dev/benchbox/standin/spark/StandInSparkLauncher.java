package dev.benchbox.standin.spark;

import org.apache.spark.sql.SparkSession;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
        GlueCatalogSync.sync(SparkSession.builder().getOrCreate(), file);
    }
}
