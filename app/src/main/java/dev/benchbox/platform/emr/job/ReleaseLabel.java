package dev.benchbox.platform.emr.job;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.Architecture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EMR Serverless release label, and what follows from it: the Spark line the job must be built for, whether the
 * release has sessions, and the Java settings the job needs. The one rule for every label the shell is given
 * ({@code connect --release-label}, {@code EMR_RELEASE_LABEL}, {@code --sweep release=}) and every label AWS reports.
 * <p>
 * The forms AWS's release list has: {@code emr-6.Y.Z} and {@code emr-7.Y.Z} (Spark 3.3–3.5, Scala 2.12),
 * {@code emr-spark-8.Y.Z} (the AWS runtime for Apache Spark 4, Scala 2.13) and the superseded
 * {@code emr-spark-8.0-preview}. 6.x runs Java 8 by default; the job is built for Java 17, which EMR Serverless offers
 * from 6.11.0 through {@code JAVA_HOME} settings, so 6.11.0+ get those settings and earlier 6.x are refused.
 *
 * @param label the label as AWS spells it
 * @param sparkLine the Spark line (and Scala version) the release runs
 * @param major 6, 7 or 8
 * @param minor the minor version
 * @param patch the patch version (0 for the preview)
 * @param preview whether it is the 8.0 preview
 */
public record ReleaseLabel(String label, SparkLine sparkLine, int major, int minor, int patch, boolean preview) {

    /** The forms accepted, as error messages name them. */
    public static final String FORMS = "expected emr-7.Y.Z, emr-6.Y.Z (6.11.0 or later) or emr-spark-8.Y.Z, e.g. emr-7.13.0 or emr-spark-8.0.0";
    /** The first 7.x release with sessions. */
    public static final String FIRST_7X_WITH_SESSIONS = "emr-7.13.0";
    /** The first release of the Spark 4 line. */
    public static final String FIRST_SPARK_4 = "emr-spark-8.0.0";
    /** Which releases have sessions, as error messages say it. */
    public static final String SESSIONS_NEED = "sessions need " + FIRST_7X_WITH_SESSIONS + " or later, or " + FIRST_SPARK_4 + " or later";

    /** The release a created application gets unless told otherwise. */
    public static final String DEFAULT = "emr-7.0.0";

    private static final Pattern EMR = Pattern.compile("emr-([67])\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern SPARK_RUNTIME = Pattern.compile("emr-spark-(8)\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final String PREVIEW = "emr-spark-8.0-preview";
    // EMR Serverless starts at 6.6.0; Java 17 through JAVA_HOME from 6.11.0 (its "Using Java 17" page)
    private static final int FIRST_6X_MINOR = 6;
    private static final int FIRST_6X_JAVA17_MINOR = 11;

    /** The Spark lines the job is built for, each its own jar among the application's resources. */
    public enum SparkLine {
        /** emr-6.x/7.x: Spark 3.x, Scala 2.12. */
        SPARK_3_5("3.5", "2.12", "benchbox-job/benchbox-job.jar"),
        /** emr-spark-8.x: Spark 4.0, Scala 2.13. */
        SPARK_4_0("4.0", "2.13", "benchbox-job/benchbox-job-spark4.jar");

        private final String spark;
        private final String scala;
        private final String resource;

        SparkLine(String spark, String scala, String resource) {
            this.spark = spark;
            this.scala = scala;
            this.resource = resource;
        }

        /** The Spark version line, e.g. {@code 4.0}. */
        public String spark() {
            return spark;
        }

        /** The Scala binary version, e.g. {@code 2.13}. */
        public String scala() {
            return scala;
        }

        /** Where this line's job jar sits among the application's resources. */
        public String resource() {
            return resource;
        }
    }

    public ReleaseLabel {
        requireNonNull(label, "label is null");
        requireNonNull(sparkLine, "sparkLine is null");
    }

    /**
     * A label the user typed, checked.
     *
     * @throws BenchboxException with a reason naming the accepted forms (the caller says where it was typed)
     */
    public static ReleaseLabel parse(String text) {
        String label = requireNonNull(text, "text is null").trim();
        Matcher emr = EMR.matcher(label);
        if (emr.matches()) {
            int major = Integer.parseInt(emr.group(1));
            int minor = Integer.parseInt(emr.group(2));
            if (major == 6 && minor < FIRST_6X_MINOR) {
                throw new BenchboxException("EMR Serverless starts at emr-6.6.0");
            }
            if (major == 6 && minor < FIRST_6X_JAVA17_MINOR) {
                throw new BenchboxException(label + " runs Java 8, and the job needs Java 17: EMR Serverless offers it from emr-6.11.0");
            }
            return new ReleaseLabel(label, SparkLine.SPARK_3_5, major, minor, Integer.parseInt(emr.group(3)), false);
        }
        Matcher runtime = SPARK_RUNTIME.matcher(label);
        if (runtime.matches()) {
            return new ReleaseLabel(label, SparkLine.SPARK_4_0, 8, Integer.parseInt(runtime.group(2)), Integer.parseInt(runtime.group(3)),
                    false);
        }
        if (label.equals(PREVIEW)) {
            return new ReleaseLabel(label, SparkLine.SPARK_4_0, 8, 0, 0, true);
        }
        throw new BenchboxException(FORMS);
    }

    /**
     * A label AWS reported (an existing application's); never throws. A label of no known form gets the Spark 3.5 job,
     * no sessions and no settings of its own: AWS, not the shell, says what it runs.
     */
    public static ReleaseLabel reported(String label) {
        requireNonNull(label, "label is null");
        try {
            return parse(label);
        } catch (BenchboxException e) {
            return new ReleaseLabel(label, SparkLine.SPARK_3_5, 0, 0, 0, false);
        }
    }

    /** Whether a reported label has sessions (false for a label of no known form). */
    public static boolean supportsSessions(String label) {
        return reported(label).supportsSessions();
    }

    /** Sessions (Spark Connect): 7.13.0 and later 7.x, and the emr-spark-8 releases (not the preview). */
    public boolean supportsSessions() {
        return major == 7 && minor >= 13 || major == 8 && !preview;
    }

    /**
     * Spark settings the job needs on this release whatever the work: on 6.x, Java 17 for the driver and the executors
     * (EMR's documented JAVA_HOME settings, per architecture); none elsewhere (Java 17 is the default).
     */
    public Map<String, String> javaSettings(Architecture architecture) {
        requireNonNull(architecture, "architecture is null");
        Map<String, String> conf = new LinkedHashMap<>();
        if (major == 6) {
            String home = "/usr/lib/jvm/java-17-amazon-corretto." + (architecture == Architecture.ARM64 ? "aarch64" : "x86_64") + "/";
            conf.put("spark.emr-serverless.driverEnv.JAVA_HOME", home);
            conf.put("spark.executorEnv.JAVA_HOME", home);
        }
        return conf;
    }

    /**
     * Every Spark setting the job needs on this release whatever the work, yours winning over them: the Java settings
     * ({@link #javaSettings}), and on the Spark 4 line {@code spark.sql.ansi.enabled=false}. Spark 4.0 turned ANSI mode
     * on by default; the benchmarks' SQL is written for the non-ANSI semantics Spark 3.5 runs (TPC-DS Q12 and Q90
     * divide by zero at SF 0.01 and fail under ANSI), so both lines run the same SQL semantics and a release
     * comparison compares engines, not dialects. The setting is the one Spark's 3.5-to-4.0 migration guide names to
     * restore the earlier behaviour.
     */
    public Map<String, String> releaseSettings(Architecture architecture) {
        Map<String, String> conf = javaSettings(architecture);
        if (sparkLine == SparkLine.SPARK_4_0) {
            conf.put(ANSI, "false");
        }
        return conf;
    }

    /** Spark's ANSI SQL mode: on by default from Spark 4.0. */
    public static final String ANSI = "spark.sql.ansi.enabled";

    @Override
    public String toString() {
        return label;
    }
}
