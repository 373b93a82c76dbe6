package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.WithAwsStandIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class JobJarTest {

    private static final String MAIN = "dev/benchbox/job/BenchboxJob.class";
    /** The datagen module's classes the job uses: the only ones of ours outside dev.benchbox.job. */
    private static final List<String> DATAGEN = List.of("dev/benchbox/datagen/DecimalType.class",
            "dev/benchbox/tpcds/TpcdsGeneration.class", "dev/benchbox/tpcds/TpcdsTypedRows.class",
            "dev/benchbox/tpch/TpchRefreshData.class",
            "dev/benchbox/tpch/TpchRefreshData$RefreshSet.class"); // the refresh functions' update sets, made in the driver

    @TempDir
    Path dir;

    private static Map<String, byte[]> classes(String... namesAndContents) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            classes.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return classes;
    }

    @Test
    void sameClassesMakeTheSameBytesWhateverTheirOrder() {
        JobJar one = JobJar.of(classes(MAIN, "main", "dev/benchbox/job/A.class", "a", "dev/benchbox/job/B$1.class", "b"));
        JobJar other = JobJar.of(classes("dev/benchbox/job/B$1.class", "b", "dev/benchbox/job/A.class", "a", MAIN, "main"));

        assertThat(other.bytes()).isEqualTo(one.bytes());
        assertThat(other.name()).isEqualTo(one.name());
        assertThat(one.entries()).containsExactly("META-INF/MANIFEST.MF", "dev/benchbox/job/A.class",
                "dev/benchbox/job/B$1.class", MAIN);
    }

    @Test
    void isNamedByTheFirstSixteenHexDigitsOfItsSha256() throws Exception {
        JobJar jar = JobJar.of(classes(MAIN, "main"));

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar.bytes()));
        assertThat(jar.sha256()).isEqualTo(sha);
        assertThat(jar.name()).isEqualTo("benchbox-job-" + sha.substring(0, 16) + ".jar").matches("benchbox-job-[0-9a-f]{16}\\.jar");
        assertThat(jar.location("s3://bucket/staging")).isEqualTo("s3://bucket/staging/jobs/" + jar.name());
        assertThat(JobJar.of(classes(MAIN, "changed")).name()).isNotEqualTo(jar.name());
    }

    @Test
    void isARunnableJarWithFixedTimestampsAndNoCompression() throws IOException {
        JobJar jar = JobJar.of(classes(MAIN, "main", "dev/benchbox/job/A.class", "a"));

        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar.bytes()))) {
            assertThat(in.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.benchbox.job.BenchboxJob");
            List<String> names = new ArrayList<>();
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                names.add(e.getName());
                assertThat(e.getTimeLocal()).isEqualTo(LocalDateTime.of(1980, 2, 1, 0, 0));
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
            }
            assertThat(names).containsExactly("dev/benchbox/job/A.class", MAIN); // the manifest was read above
        }
    }

    @Test
    void carriesExactlyTheCompiledJobClassesAndGeneratorNoSparkAndNoApplicationClasses() throws IOException {
        JobJar jar = JobJar.fromClasspath();

        // what the job module built, as the build put it among the tests' resources
        Path built = Path.of("target", "test-classes", "benchbox-job", "benchbox-job.jar");
        List<String> expected = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(built))) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (!e.isDirectory() && !e.getName().startsWith("META-INF/")) {
                    expected.add(e.getName());
                }
            }
        }
        assertThat(expected).contains(MAIN, "dev/benchbox/job/JobManifest.class", "dev/benchbox/job/ResultJson.class",
                "dev/benchbox/job/DataGeneration.class", "io/trino/tpch/TpchTable.class", "io/trino/tpch/dists.dss",
                "dev/benchbox/job/TpcdsGenerator.class", "io/trino/tpcds/Table.class", "io/trino/tpcds/distribution/calendar.dst",
                "dev/benchbox/tpcds/TpcdsGeneration.class", "dev/benchbox/datagen/DecimalType.class"); // datagen's, shared with the shell
        assertThat(jar.entries()).first().isEqualTo("META-INF/MANIFEST.MF");
        assertThat(jar.entries().subList(1, jar.entries().size())).containsExactlyInAnyOrderElementsOf(expected)
                .allMatch(name -> name.startsWith("dev/benchbox/job/") && name.endsWith(".class")
                        || name.startsWith("io/trino/tpch/") && !name.startsWith("io/trino/tpch/queries/")
                        || name.startsWith("io/trino/tpcds/")
                        || DATAGEN.contains(name.replaceFirst("[$][^/]*[.]class$", ".class"))) // a class or its nested ones
                .anyMatch(name -> name.startsWith("dev/benchbox/job/shaded/guava/")); // relocated: Spark's own Guava is older
        assertThat(jar.bytes().length).as("job, generator and the Guava it uses").isLessThan(8_000_000);
        assertThat(JobJar.fromClasspath().bytes()).isEqualTo(jar.bytes());
    }

    @Test
    void eachReleaseGetsTheJobBuiltForItsSparkLine() throws IOException {
        for (ReleaseLabel.SparkLine line : ReleaseLabel.SparkLine.values()) {
            // the build put each line's jar among the resources, from its own module
            Path built = Path.of("target", "test-classes", line.resource());
            assertThat(built).as(line.name()).isRegularFile();
            try (JarInputStream in = new JarInputStream(Files.newInputStream(built))) {
                List<String> names = new ArrayList<>();
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    names.add(e.getName());
                }
                assertThat(names).as(line.name()).contains(MAIN, "io/trino/tpch/dists.dss", "io/trino/tpcds/Table.class");
            }
            assertThat(JobJar.fromClasspath(line).entries()).as(line.name()).contains(MAIN);
        }
        assertThat(ReleaseLabel.SparkLine.SPARK_4_0.resource()).isEqualTo("benchbox-job/benchbox-job-spark4.jar");
        assertThat(ReleaseLabel.SparkLine.SPARK_3_5.resource()).isEqualTo("benchbox-job/benchbox-job.jar");
        for (String label : List.of("emr-7.13.0", "emr-6.11.0", "emr-spark-8.0.0", "emr-spark-8.0-preview")) {
            ReleaseLabel release = ReleaseLabel.parse(label);
            JobSettings settings = new JobSettings("00app", AwsStandIn.EXECUTION_ROLE, "s3://b/p/", 10, "us-east-1",
                    dev.benchbox.cost.Architecture.X86_64, 4, "14g", Map.of(), Map.of(), release);
            assertThat(settings.jobJar()).as(label).isSameAs(JobJar.fromClasspath(label.startsWith("emr-spark-8")
                    ? ReleaseLabel.SparkLine.SPARK_4_0 : ReleaseLabel.SparkLine.SPARK_3_5));
        }
        // a line whose jar the build did not make is said so, not a class-loading error
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        assertThatThrownBy(() -> JobJar.classesFromClasspath(empty, ReleaseLabel.SparkLine.SPARK_4_0.resource()))
                .hasMessageContaining("benchbox-job-spark4.jar").hasMessageContaining("builds the job module");
    }

    @Test
    void readsTheJobClassesOutOfTheJobJarInAnApplicationJar() throws IOException {
        ByteArrayOutputStream job = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(job, new Manifest())) {
            for (String name : List.of(MAIN, "dev/benchbox/job/A.class", "META-INF/maven/dev.benchbox/benchbox-job/pom.xml")) {
                out.putNextEntry(new JarEntry(name));
                out.write(name.getBytes(StandardCharsets.UTF_8));
            }
        }
        Path app = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(app))) {
            out.putNextEntry(new JarEntry("dev/benchbox/Shell.class"));
            out.putNextEntry(new JarEntry("benchbox-job/benchbox-job.jar"));
            out.write(job.toByteArray());
            out.putNextEntry(new JarEntry("org/apache/spark/Nope.class"));
        }
        Map<String, byte[]> found;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {app.toUri().toURL()}, null)) {
            found = JobJar.classesFromClasspath(loader);
        }

        assertThat(found.keySet()).containsExactly("dev/benchbox/job/A.class", MAIN);
        assertThat(new String(found.get(MAIN), StandardCharsets.UTF_8)).isEqualTo(MAIN);
    }

    @Test
    void saysHowToBuildWhenTheJobJarIsMissing() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> JobJar.classesFromClasspath(empty)).hasMessageContaining("builds the job module");
        }
    }

    @Test
    @WithAwsStandIn
    void uploadsOnlyWhenTheObjectIsAbsent(AwsStandIn aws) {
        JobJar jar = JobJar.of(classes(MAIN, "main"));
        try (S3Client s3 = aws.s3Client()) {
            String uri = jar.location("s3://" + aws.bucket() + "/staging");

            assertThat(jar.uploadIfAbsent(s3, uri)).isTrue();
            assertThat(jar.uploadIfAbsent(s3, uri)).isFalse();
            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(aws.bucket()).key("staging/jobs/" + jar.name())).asByteArray();
            assertThat(stored).isEqualTo(jar.bytes());
        }
    }
}
