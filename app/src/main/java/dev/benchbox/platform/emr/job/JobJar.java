package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Spark job's jar, made at run time from the job module's jar this application carries as the resource
 * {@code benchbox-job/benchbox-job.jar} (never on our classpath as classes: Spark is kept off it).
 * <p>
 * Besides the job's own classes it carries datagen's and the data generators (io.trino.tpch, io.trino.tpcds and
 * the part of Guava they use, relocated under {@code dev.benchbox.job.shaded}: Spark has an older Guava of its
 * own), a few MB.
 * <p>
 * The jar is built deterministically — a fixed manifest, entries sorted by name, a fixed timestamp, stored
 * uncompressed — so the same classes always give the same bytes and so the same SHA-256. Its name carries
 * that hash ({@code benchbox-job-<16 hex>.jar}): an upload to {@code <staging>/jobs/<name>} happens once per
 * job version, and a changed job can never be confused with an old one.
 */
public final class JobJar {
    /** The job's main class, for {@code --class}. */
    public static final String MAIN_CLASS = "dev.benchbox.job.BenchboxJob";

    /** Where the job module's jar (the Spark 3.5 one) sits among this application's resources. */
    static final String RESOURCE = ReleaseLabel.SparkLine.SPARK_3_5.resource();

    private static final String MAIN_CLASS_FILE = MAIN_CLASS.replace('.', '/') + ".class";
    // Zip's DOS time starts in 1980; a local date-time, so the bytes do not depend on the time zone.
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);
    private static final byte[] MANIFEST = ("Manifest-Version: 1.0\r\nMain-Class: " + MAIN_CLASS
            + "\r\nCreated-By: BenchBox Shell\r\n\r\n").getBytes(StandardCharsets.UTF_8);

    private static final Map<ReleaseLabel.SparkLine, JobJar> CLASSPATH_JARS = new java.util.EnumMap<>(ReleaseLabel.SparkLine.class);

    private final byte[] bytes;
    private final String sha256;
    private final List<String> entries;

    private JobJar(byte[] bytes, List<String> entries) {
        this.bytes = bytes;
        this.sha256 = HexFormat.of().formatHex(sha256(bytes));
        this.entries = List.copyOf(entries);
    }

    /**
     * The Spark 3.5 job jar from this application's own resources; built once, on first use.
     *
     * @throws IllegalStateException if the job's jar is missing (the build did not build the job module)
     */
    public static JobJar fromClasspath() {
        return fromClasspath(ReleaseLabel.SparkLine.SPARK_3_5);
    }

    /**
     * The job jar built for a Spark line, from this application's own resources; each built once, on first use. The same
     * sources compiled against each line's Spark and Scala: the jars differ, and so do their names (content hashes).
     *
     * @throws IllegalStateException if that line's jar is missing (the build did not build its job module)
     */
    public static synchronized JobJar fromClasspath(ReleaseLabel.SparkLine line) {
        // Not a holder class: a failure (classes missing) must be reported again, not turn into NoClassDefFoundError.
        JobJar jar = CLASSPATH_JARS.get(line);
        if (jar == null) {
            jar = of(classesFromClasspath(JobJar.class.getClassLoader(), line.resource()));
            CLASSPATH_JARS.put(line, jar);
        }
        return jar;
    }

    /**
     * A job jar holding exactly the given classes.
     *
     * @param classes class file path ({@code dev/benchbox/job/X.class}) → bytes; any order
     */
    static JobJar of(Map<String, byte[]> classes) {
        requireNonNull(classes, "classes is null");
        if (!classes.containsKey(MAIN_CLASS_FILE)) {
            throw new IllegalArgumentException("job classes lack " + MAIN_CLASS_FILE);
        }
        Map<String, byte[]> sorted = new TreeMap<>(classes); // the same entries always in the same order
        List<String> names = new ArrayList<>();
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(jar)) {
            names.add(JarFile.MANIFEST_NAME);
            store(zip, JarFile.MANIFEST_NAME, MANIFEST);
            for (Map.Entry<String, byte[]> e : sorted.entrySet()) {
                names.add(e.getKey());
                store(zip, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return new JobJar(jar.toByteArray(), names);
    }

    /** The jar's bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** SHA-256 of the bytes, 64 lower-case hex digits. */
    public String sha256() {
        return sha256;
    }

    /** {@code benchbox-job-<first 16 hex digits of the SHA-256>.jar}. */
    public String name() {
        return "benchbox-job-" + sha256.substring(0, 16) + ".jar";
    }

    /** The jar's entry names in order: the manifest first, then the classes. */
    public List<String> entries() {
        return entries;
    }

    /** Where the jar belongs under a staging prefix: {@code <staging>/jobs/<name>}. */
    public String location(String staging) {
        return S3Uri.parse(staging).resolve("jobs/" + name()).toString();
    }

    /**
     * Uploads the jar to {@code uri} unless an object is there already: the name is the content's hash, so an
     * object of that name is this jar.
     *
     * @return true if it was uploaded, false if it was there
     */
    public boolean uploadIfAbsent(S3Client s3, String uri) {
        requireNonNull(s3, "s3 is null");
        S3Uri target = S3Uri.parse(uri);
        try {
            s3.headObject(b -> b.bucket(target.bucket()).key(target.key()));
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() != 404) { // HEAD has no error body: a missing key is only its status
                throw e;
            }
        }
        s3.putObject(b -> b.bucket(target.bucket()).key(target.key()).contentType("application/java-archive"),
                RequestBody.fromBytes(bytes));
        return true;
    }

    @Override
    public String toString() {
        return name() + " (" + bytes.length + " bytes, " + (entries.size() - 1) + " classes)";
    }

    private static void store(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        // Stored, not deflated: a few tens of KB, and no dependence on the zlib the JVM happens to bundle.
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads the job's files out of the job module's jar among our resources, wherever those are (a directory, a
     * jar, a jar in a jar). Classes and resources both: the generators the job carries read their distribution
     * files ({@code dists.dss}, TPC-DS's {@code .dst}). The jar's own manifest and metadata are not the job's.
     */
    static Map<String, byte[]> classesFromClasspath(ClassLoader loader) {
        return classesFromClasspath(loader, RESOURCE);
    }

    static Map<String, byte[]> classesFromClasspath(ClassLoader loader, String name) {
        Map<String, byte[]> classes = new TreeMap<>();
        try (InputStream resource = loader.getResourceAsStream(name)) {
            if (resource == null) {
                throw new IllegalStateException("the Spark job's jar is missing (" + name
                        + "): build with ./mvnw package, which builds the job module");
            }
            try (JarInputStream jar = new JarInputStream(resource)) {
                for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                    if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")) {
                        classes.put(entry.getName(), jar.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Spark job's jar " + name, e);
        }
        if (!classes.containsKey(MAIN_CLASS_FILE)) {
            throw new IllegalStateException("the Spark job's jar " + name + " lacks " + MAIN_CLASS_FILE);
        }
        return classes;
    }
}
