package dev.benchbox.standin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in session's server: a real Spark Connect 3.5 server ({@code SparkConnectServer}, from the stand-in's Spark
 * runtime, the {@code standin-spark} module) in a child JVM on a free loopback port, Spark in local mode with the stand-in's
 * Glue tables registered first (as jobs see them), kept in step with later Glue changes, S3 mapped onto the blob store, and
 * Iceberg's Glue catalog (when the session asks for it) pointed at the stand-in, as for job runs. {@code SessionTokenInterceptor}
 * accepts only the session's tokens from loopback peers. The child ends itself when this JVM ends.
 */
final class SparkConnectLauncher implements SessionLauncher {
    private static final String LAUNCHER = "dev.benchbox.standin.spark.StandInSparkLauncher";
    private static final String SERVER = "org.apache.spark.sql.connect.service.SparkConnectServer";
    private static final String INTERCEPTOR = "dev.benchbox.standin.spark.SessionTokenInterceptor";
    private static final String OPERATION_LOG = "dev.benchbox.standin.spark.ConnectOperationLog";
    /** In a session's work directory: the server's events per Spark Connect operation ({@code ConnectOperationLog}). */
    static final String OPERATIONS_FILE = "connect-operations.tsv";
    private static final long START_TIMEOUT_MILLIS = 180_000;

    private final AwsStandIn standIn;
    /** The Glue catalog files of the servers running now: rewritten on every Glue change. */
    private final Set<Path> liveCatalogs = ConcurrentHashMap.newKeySet();

    SparkConnectLauncher(AwsStandIn standIn) {
        this.standIn = requireNonNull(standIn, "standIn is null");
        standIn.glue().onChange(this::glueChanged);
    }

    /**
     * An open session sees Glue as it is now, as on EMR where its Spark reads the Glue Data Catalog live: each running
     * server's catalog file is rewritten, and its interceptor brings the server's catalog up to date before the next call.
     */
    private void glueChanged() {
        for (Path file : liveCatalogs) {
            try {
                Path partial = file.resolveSibling(file.getFileName() + ".partial");
                SparkJobExecutor.writeCatalog(standIn, partial);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the server is going away with its directory; Glue's own answer must not fail because of it
                liveCatalogs.remove(file);
            }
        }
    }

    @Override
    public Server launch(Launch launch) throws Exception {
        Path sparkDir = SparkJobExecutor.sparkDir(launch.releaseLabel());
        Path classpathFile = sparkDir.resolve("classpath.txt");
        Path launcherJar = sparkDir.resolve("standin-spark.jar");
        if (!Files.exists(classpathFile) || !Files.exists(launcherJar)) {
            throw new IllegalStateException("Spark runtime not resolved at " + sparkDir + ": build with ./mvnw verify first");
        }
        Path work = Files.createDirectories(launch.workDir());
        int port = freePort();
        Map<String, String> conf = new LinkedHashMap<>();
        launch.sparkConf().forEach((k, v) -> {
            if (k.startsWith("spark.") && !k.startsWith("spark.hadoop.hive.metastore")) {
                conf.put(k, v);
            }
        });
        // as for job runs: the image's jars (Iceberg's runtime) are on the child's classpath, Iceberg's Glue catalog
        // and S3FileIO talk to the stand-in
        SparkJobExecutor.imageJars(conf);
        SparkJobExecutor.icebergEndpoints(conf, standIn.endpoint().toString());
        conf.putIfAbsent("spark.sql.shuffle.partitions", "4");
        conf.put("spark.app.name", "session-" + launch.sessionId());
        conf.put("spark.master", "local[2]");
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.sql.catalogImplementation", "in-memory");
        conf.put("spark.local.dir", Files.createDirectories(work.resolve("spark-local")).toString());
        conf.put("spark.sql.warehouse.dir", work.resolve("warehouse").toUri().toString());
        for (String scheme : List.of("s3", "s3a", "s3n")) {
            conf.put("spark.hadoop.fs." + scheme + ".impl", "dev.benchbox.standin.spark.StandInS3FileSystem");
        }
        conf.put("spark.hadoop.fs.standin.root", standIn.blobStoreDir().toAbsolutePath().toString());
        conf.put("spark.connect.grpc.binding.port", Integer.toString(port));
        conf.put("spark.connect.grpc.interceptor.classes", INTERCEPTOR);
        // the server's own times per operation, beside the session's other files (scripts/bench-session reads them)
        conf.merge("spark.extraListeners", OPERATION_LOG, (theirs, mine) -> theirs + "," + mine);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + SparkHeap.heapMb(launch.sparkConf()) + "m"); // as for job runs: what the session asks, capped
        // no -XX:TieredStopAtLevel=1 (as for short jobs): a session's server lives long, its warm queries want C2
        SparkJobExecutor.ADD_OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        command.add("-Djdk.reflect.useDirectMethodHandle=false");
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
        command.add("-Dbenchbox.standin.session.tokens=" + launch.tokensFile());
        command.add("-Dbenchbox.standin.session.activity=" + launch.activityFile());
        command.add("-Dbenchbox.standin.session.operations=" + work.resolve(OPERATIONS_FILE));
        Path catalog = work.resolve("glue-catalog.tsv");
        command.add("-Dbenchbox.standin.session.catalog=" + catalog);
        command.add("-Dbenchbox.standin.parent.pid=" + ProcessHandle.current().pid());
        conf.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(launcherJar + ":" + Files.readString(classpathFile).trim());
        command.add(LAUNCHER);
        command.add("--catalog");
        liveCatalogs.add(catalog); // first, so a Glue change while the file is written is not missed
        synchronized (standIn.glue()) {
            SparkJobExecutor.writeCatalog(standIn, catalog);
        }
        command.add(catalog.toString());
        command.add(SERVER);

        Files.writeString(work.resolve("stderr"), SparkHeap.describe(launch.sparkConf()) + System.lineSeparator());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("stdout").toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("stderr").toFile()));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        SparkJobExecutor.executionRole(builder.environment()); // a session runs as the execution role, as a job does
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            liveCatalogs.remove(catalog);
            throw e;
        }
        Server server = new ChildServer(process, port, () -> liveCatalogs.remove(catalog));
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        try {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Spark Connect server exited with " + process.exitValue() + " (see " + work.resolve("stderr") + ")");
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Spark Connect server did not listen on port " + port + " in time");
                }
                Thread.sleep(100);
            }
        } catch (Exception e) {
            server.stop();
            throw e;
        }
        return server;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record ChildServer(Process process, int port, Runnable stopped) implements Server {
        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public void stop() {
            stopped.run();
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
