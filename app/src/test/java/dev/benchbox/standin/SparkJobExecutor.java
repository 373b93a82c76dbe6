package dev.benchbox.standin;

import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Runs a job run for real, as EMR Serverless would: the entry-point jar is taken from S3 and its main class
 * runs in a child JVM with the application's Spark in local mode: Spark 3.5 (Scala 2.12) for emr-6.x/7.x, Spark 4.0
 * (Scala 2.13) for emr-spark-8.x.
 * <p>
 * The child's classpath is the Spark runtime that the reactor's {@code standin-spark} module resolves into its
 * {@code target/} (classpath.txt, standin-spark.jar) — kept apart from the test JVM,
 * whose Spring Boot Jackson/Parquet versions Spark cannot run with. {@code s3://bucket/key} paths in the job
 * (and s3a/s3n) go through {@code StandInS3FileSystem}, which maps them onto the blob store's files, so
 * the job reads what was uploaded and its output appears in S3. With the Glue catalog factory setting the
 * launcher registers the stand-in's Glue databases and tables in the job's Spark session first. Driver
 * stdout/stderr are gzipped to {@code <logUri>/applications/<app>/jobs/<run>/SPARK_DRIVER/}.
 */
final class SparkJobExecutor implements JobExecutor {

    /**
     * Where the build puts the Spark runtime, seen from the app module (the tests' working directory); a system
     * property overrides it (e.g. when run from another directory).
     */
    static final String SPARK_DIR_PROPERTY = "benchbox.standin.spark.dir";
    private static final String LAUNCHER = "dev.benchbox.standin.spark.StandInSparkLauncher";
    private static final String S3_FS = "dev.benchbox.standin.spark.StandInS3FileSystem";
    private static final Pattern S3_URI = Pattern.compile("s3[an]?://([^/]+)/?(.*)");
    // Spark 3.5's own list (JavaModuleOptions) for running on Java 17.
    static final List<String> ADD_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref",
            "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    private final AwsStandIn standIn;

    SparkJobExecutor(AwsStandIn standIn) {
        this.standIn = requireNonNull(standIn, "standIn is null");
    }

    /** The same for the Spark 4.0 runtime (the {@code standin-spark4} module), which emr-spark-8.x applications run. */
    static final String SPARK4_DIR_PROPERTY = "benchbox.standin.spark4.dir";

    /** The Spark 3.5 runtime (emr-6.x/7.x). */
    static Path sparkDir() {
        String override = System.getProperty(SPARK_DIR_PROPERTY);
        return (override != null ? Path.of(override) : Path.of("..", "standin-spark", "target")).toAbsolutePath();
    }

    /** The Spark runtime an application's release runs: Spark 4.0 (Scala 2.13) on emr-spark-8.x, Spark 3.5 otherwise. */
    static Path sparkDir(String releaseLabel) {
        if (!releaseLabel.startsWith("emr-spark-8")) {
            return sparkDir();
        }
        String override = System.getProperty(SPARK4_DIR_PROPERTY);
        return (override != null ? Path.of(override) : Path.of("..", "standin-spark4", "target")).toAbsolutePath();
    }

    @Override
    public JobResult run(JobRequest request) throws Exception {
        Path work = Files.createDirectories(standIn.config().dataDir().resolve("jobs").resolve(request.jobRunId()));
        Path sparkDir = sparkDir(request.releaseLabel());
        Path classpathFile = sparkDir.resolve("classpath.txt");
        Path launcherJar = sparkDir.resolve("standin-spark.jar");
        if (!Files.exists(classpathFile) || !Files.exists(launcherJar)) {
            return JobResult.failure("Spark runtime not resolved at " + sparkDir + ": build with ./mvnw package first");
        }
        Path entryPoint;
        List<Path> jars = new ArrayList<>();
        try {
            entryPoint = fetch(request.entryPoint(), work.resolve("entrypoint.jar"));
            for (String jar : request.parameters().jars()) {
                jars.add(fetch(jar, work.resolve("lib-" + jars.size() + ".jar")));
            }
        } catch (IllegalArgumentException e) {
            return JobResult.failure(e.getMessage());
        }
        String mainClass = request.parameters().mainClassName().orElse(manifestMainClass(entryPoint));
        if (mainClass == null) {
            return JobResult.failure("No main class: give --class in sparkSubmitParameters or Main-Class in the jar manifest");
        }

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the driver's and executor's heap the job asks for, as EMR gives it (capped to this machine): SparkHeap
        command.add("-Xmx" + SparkHeap.heapMb(request.sparkConf()) + "m");
        command.add("-XX:TieredStopAtLevel=1"); // small jobs: start-up dominates
        ADD_OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        command.add("-Djdk.reflect.useDirectMethodHandle=false");
        command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
        sparkProperties(request, work).forEach((k, v) -> command.add("-D" + k + "=" + v));
        StringBuilder classpath = new StringBuilder(launcherJar.toString()).append(':').append(entryPoint);
        jars.forEach(j -> classpath.append(':').append(j));
        classpath.append(':').append(Files.readString(classpathFile).trim());
        command.add("-cp");
        command.add(classpath.toString());
        command.add(LAUNCHER);
        if (request.parameters().usesGlueCatalog()) {
            command.add("--catalog");
            command.add(writeCatalog(standIn, work.resolve("glue-catalog.tsv")).toString());
        }
        command.add(mainClass);
        command.addAll(request.entryPointArguments());

        Path stdout = work.resolve("stdout");
        Path stderr = work.resolve("stderr");
        // the driver's log says which heap it had, and whether the stand-in gave less than the job asked
        Files.writeString(stderr, SparkHeap.describe(request.sparkConf()) + System.lineSeparator());
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1"); // bind and advertise loopback only
        executionRole(builder.environment());
        long startedMillis = System.currentTimeMillis();
        Process process = builder.start();
        java.util.Optional<Integer> killAfter = standIn.faults().takeKillAfterParts();
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        Thread killer = killAfter.map(parts -> startKiller(process, parts, startedMillis, killed)).orElse(null);
        int exit;
        try {
            exit = process.waitFor();
            if (killer != null) {
                killer.interrupt();
            }
        } catch (InterruptedException e) {
            // Cancelled or the application was stopped: end the driver like EMR does, keep its logs.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            uploadLogs(request, stdout, stderr);
            throw e;
        }
        uploadLogs(request, stdout, stderr);
        if (killed.get()) {
            return JobResult.failure("Job failed: the driver was lost (stand-in fault: killed after "
                    + killAfter.orElseThrow() + " committed parts)");
        }
        if (exit == 0) {
            return JobResult.success();
        }
        return JobResult.failure("Job failed, please check complete logs in configured logging destination. ExitCode: " + exit
                + ". Last few exceptions: " + lastException(stderr));
    }

    /** Watches the blob store for generation completion markers written since the job started; kills the driver at {@code parts}. */
    private Thread startKiller(Process process, int parts, long sinceMillis, java.util.concurrent.atomic.AtomicBoolean killed) {
        Thread watcher = new Thread(() -> {
            try {
                while (process.isAlive()) {
                    if (committedParts(sinceMillis) >= parts) {
                        killed.set(true);
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException | IOException e) {
                // the job ended first, or the blob store went away with the stand-in
            }
        }, "standin-kill-after-parts");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private long committedParts(long sinceMillis) throws IOException {
        try (var files = Files.walk(standIn.blobStoreDir())) {
            return files.filter(f -> f.toString().contains("/_parts/") && f.toString().endsWith(".json"))
                    // a marker counts once written: an empty file is one being created (S3 would not show it yet)
                    .filter(f -> f.toFile().lastModified() >= sinceMillis && f.toFile().length() > 0)
                    .count();
        }
    }

    private Map<String, String> sparkProperties(JobRequest request, Path work) throws IOException {
        Map<String, String> conf = new java.util.LinkedHashMap<>();
        request.sparkConf().forEach((k, v) -> {
            if (k.startsWith("spark.")) {
                conf.put(k, v);
            }
        });
        imageJars(conf);
        icebergEndpoints(conf, standIn.endpoint().toString());
        conf.putIfAbsent("spark.app.name", request.jobRunId());
        conf.putIfAbsent("spark.sql.shuffle.partitions", "4");
        conf.put("spark.master", "local[2]");
        conf.put("spark.submit.deployMode", "client");
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.sql.catalogImplementation", "in-memory");
        conf.put("spark.local.dir", Files.createDirectories(work.resolve("spark-local")).toString());
        conf.put("spark.sql.warehouse.dir", work.resolve("warehouse").toUri().toString());
        for (String scheme : List.of("s3", "s3a", "s3n")) {
            conf.put("spark.hadoop.fs." + scheme + ".impl", S3_FS);
        }
        conf.put("spark.hadoop.fs.standin.root", standIn.blobStoreDir().toAbsolutePath().toString());
        return conf;
    }

    /**
     * The execution role's identity, for what a job or session calls through the AWS SDK itself (Iceberg's Glue catalog
     * and S3FileIO): signed as the job, so the stand-in tells its calls from the shell's.
     */
    static void executionRole(Map<String, String> environment) {
        environment.put("AWS_ACCESS_KEY_ID", AwsStandIn.JOB_ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", "job-secret");
        environment.put("AWS_REGION", AwsStandIn.REGION.id());
        environment.remove("AWS_SESSION_TOKEN");
        environment.remove("AWS_PROFILE");
    }

    /** Where EMR's image keeps the jars it ships (Iceberg, Delta, Hudi): a job names them in {@code spark.jars}. */
    static final String IMAGE_JARS = "/usr/share/aws/";

    /**
     * The stand-in's image is its Spark runtime's classpath (which holds Iceberg's runtime and AWS bundle): an
     * image jar named in {@code spark.jars} is already there, so it is taken off the list rather than looked for on
     * this machine. A path under the image folder that EMR does not ship would fail on EMR too; the stand-in cannot
     * tell, so the job's tests name what they use.
     */
    static void imageJars(Map<String, String> conf) {
        String jars = conf.get("spark.jars");
        if (jars == null) {
            return;
        }
        List<String> rest = new ArrayList<>();
        for (String jar : jars.split(",")) {
            String path = jar.trim().replaceFirst("^(local|file):(//)?", "");
            if (!path.startsWith(IMAGE_JARS)) {
                rest.add(jar.trim());
            }
        }
        if (rest.isEmpty()) {
            conf.remove("spark.jars");
        } else {
            conf.put("spark.jars", String.join(",", rest));
        }
    }

    private static final String ICEBERG_SPARK_CATALOG = "org.apache.iceberg.spark.SparkCatalog";
    private static final String ICEBERG_GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";

    /**
     * Points every Iceberg catalog backed by Glue at the stand-in, as the endpoint override points the shell's own
     * clients: Glue ({@code glue.endpoint}) and S3FileIO ({@code s3.endpoint}, path-style: s3proxy serves no virtual
     * hosts) at its one endpoint, in its region. On EMR these come from the job's environment; what the job itself sets
     * is left alone.
     */
    static void icebergEndpoints(Map<String, String> conf, String endpoint) {
        for (Map.Entry<String, String> e : Map.copyOf(conf).entrySet()) {
            String key = e.getKey();
            if (key.startsWith("spark.sql.catalog.") && key.indexOf('.', "spark.sql.catalog.".length()) < 0
                    && (ICEBERG_SPARK_CATALOG.equals(e.getValue()) || "org.apache.iceberg.spark.SparkSessionCatalog".equals(e.getValue()))
                    && ICEBERG_GLUE_CATALOG.equals(conf.get(key + ".catalog-impl"))) {
                conf.putIfAbsent(key + ".glue.endpoint", endpoint);
                conf.putIfAbsent(key + ".s3.endpoint", endpoint);
                conf.putIfAbsent(key + ".s3.path-style-access", "true");
                conf.putIfAbsent(key + ".client.region", AwsStandIn.REGION.id());
            }
        }
    }

    /** Copies {@code s3://bucket/key} from the blob store into {@code target}. */
    private Path fetch(String uri, Path target) throws IOException {
        Matcher m = S3_URI.matcher(uri);
        if (!m.matches()) {
            throw new IllegalArgumentException("Entry point and jars must be s3:// URIs: " + uri);
        }
        Path source = standIn.localPath(m.group(1), m.group(2));
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("Entry point " + uri + " does not exist");
        }
        return Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String manifestMainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue("Main-Class");
        }
    }

    /** The stand-in's Glue databases and tables as the launcher's catalog file (sessions register them too). */
    static Path writeCatalog(AwsStandIn standIn, Path file) throws IOException {
        StringBuilder tsv = new StringBuilder();
        standIn.glue().databaseNames().forEach(db -> tsv.append(db).append('\n'));
        for (GlueCatalog.TableSnapshot t : standIn.glue().snapshot()) {
            if (t.iceberg()) {
                continue; // read through the job's Iceberg catalog, from Glue itself, as on EMR
            }
            tsv.append(t.database()).append('\t').append(t.name()).append('\t').append(t.location()).append('\t')
                    .append(columns(t.columns())).append('\t').append(columns(t.partitionKeys())).append('\t')
                    .append(format(t.serializationLibrary())).append('\n');
        }
        return Files.writeString(file, tsv, StandardCharsets.UTF_8);
    }

    private static String columns(List<GlueCatalog.ColumnSnapshot> columns) {
        List<String> out = new ArrayList<>();
        columns.forEach(c -> out.add(c.name() + ":" + c.type()));
        return String.join(";", out);
    }

    private static String format(String serde) {
        String s = serde.toLowerCase(Locale.ROOT);
        if (s.contains("orc")) {
            return "orc";
        }
        if (s.contains("json")) {
            return "json";
        }
        if (s.contains("lazysimple") || s.contains("opencsv")) {
            return "csv";
        }
        return "parquet";
    }

    private void uploadLogs(JobRequest request, Path stdout, Path stderr) throws IOException {
        if (request.logUri() == null) {
            return;
        }
        Matcher m = S3_URI.matcher(request.logUri());
        if (!m.matches() || !standIn.blobStore().containerExists(m.group(1))) {
            return; // EMR cannot write logs there either; the job itself is unaffected
        }
        String prefix = m.group(2).isEmpty() || m.group(2).endsWith("/") ? m.group(2) : m.group(2) + "/";
        String base = prefix + "applications/" + request.applicationId() + "/jobs/" + request.jobRunId() + "/SPARK_DRIVER/";
        put(m.group(1), base + "stdout.gz", stdout);
        put(m.group(1), base + "stderr.gz", stderr);
    }

    private void put(String bucket, String key, Path file) throws IOException {
        var gz = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz); InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
        byte[] bytes = gz.toByteArray();
        standIn.blobStore().putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength((long) bytes.length)
                .contentType("application/x-gzip").build(), new java.io.ByteArrayInputStream(bytes));
    }

    private static String lastException(Path stderr) throws IOException {
        String found = "";
        Pattern exception = Pattern.compile("^(?:Exception in thread \"[^\"]*\" )?([\\w.$]+(?:Exception|Error)(?::.*)?)$");
        for (String line : new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).split("\\R")) {
            Matcher m = exception.matcher(line.trim());
            if (m.matches()) {
                found = m.group(1);
                if (line.startsWith("Exception in thread")) {
                    return found; // the driver's own uncaught exception is what EMR reports
                }
            }
        }
        return found;
    }
}
