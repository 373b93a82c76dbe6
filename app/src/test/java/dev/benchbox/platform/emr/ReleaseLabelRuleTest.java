package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.cost.Architecture;
import dev.benchbox.platform.emr.job.JobSettings;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import dev.benchbox.platform.emr.job.ReleaseLabel.SparkLine;
import dev.benchbox.platform.emr.job.RunManifest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The one release-label rule, on every form, wherever a label is typed (connect, the environment, a sweep). */
class ReleaseLabelRuleTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/EMRServerlessJobRole";
    private static final String FORMS = "expected emr-7.Y.Z, emr-6.Y.Z (6.11.0 or later) or emr-spark-8.Y.Z, e.g. emr-7.13.0 or emr-spark-8.0.0";

    /** label, Spark line, sessions, sets JAVA_HOME. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("emr-7.0.0", SparkLine.SPARK_3_5, false, false),
                Arguments.of("emr-7.12.0", SparkLine.SPARK_3_5, false, false),
                Arguments.of("emr-7.13.0", SparkLine.SPARK_3_5, true, false),
                Arguments.of("emr-7.14.0", SparkLine.SPARK_3_5, true, false),
                Arguments.of("emr-6.11.0", SparkLine.SPARK_3_5, false, true),
                Arguments.of("emr-6.15.0", SparkLine.SPARK_3_5, false, true),
                Arguments.of("emr-spark-8.0.0", SparkLine.SPARK_4_0, true, false),
                Arguments.of("emr-spark-8.1.0", SparkLine.SPARK_4_0, true, false),
                Arguments.of("emr-spark-8.0-preview", SparkLine.SPARK_4_0, false, false));
    }

    /** typed label, the reason after "invalid release_label '<label>': ". */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("7.0.0", FORMS),
                Arguments.of("emr-7.0", FORMS),
                Arguments.of("emr-7.0.0-latest", FORMS),
                Arguments.of("EMR-7.0.0", FORMS),
                Arguments.of("emr-5.36.0", FORMS),
                Arguments.of("emr-8.0.0", FORMS),
                Arguments.of("emr-spark-4.0.0", FORMS),
                Arguments.of("emr-spark-8.0", FORMS),
                Arguments.of("emr-spark-8.1-preview", FORMS),
                Arguments.of("emr-6.5.0", "EMR Serverless starts at emr-6.6.0"),
                Arguments.of("emr-6.10.0", "emr-6.10.0 runs Java 8, and the job needs Java 17: EMR Serverless offers it from emr-6.11.0"));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void everyFormEmrServerlessAcceptsIsAcceptedWhereALabelIsTyped(String label, SparkLine line, boolean sessions, boolean javaHome) {
        ReleaseLabel release = ReleaseLabel.parse(label);
        assertThat(release.sparkLine()).isEqualTo(line);
        assertThat(release.supportsSessions()).isEqualTo(sessions);
        assertThat(ReleaseLabel.supportsSessions(label)).isEqualTo(sessions);
        assertThat(release.javaSettings(Architecture.X86_64).isEmpty()).isEqualTo(!javaHome);
        // Spark 4's ANSI mode off for the job, so both lines run the same SQL semantics; nothing of it on Spark 3.x
        Map<String, String> settings = release.releaseSettings(Architecture.X86_64);
        assertThat(settings.get(ReleaseLabel.ANSI)).isEqualTo(line == SparkLine.SPARK_4_0 ? "false" : null);
        assertThat(settings).containsAllEntriesOf(release.javaSettings(Architecture.X86_64));
        // connect --release-label, the environment variable, --sweep release=
        assertThat(connect(Map.of("release_label", label), Map.of()).releaseLabel()).isEqualTo(label);
        assertThat(connect(Map.of(), Map.of("EMR_RELEASE_LABEL", label)).releaseLabel()).isEqualTo(label);
        assertThat(EmrSweepDimensions.INSTANCE.check(EmrSweepDimensions.RELEASE, " " + label)).isEqualTo(label);
    }

    @ParameterizedTest
    @MethodSource("refused")
    void anythingElseIsOneLineNamingTheForms(String label, String reason) {
        assertThatThrownBy(() -> connect(Map.of("release_label", label), Map.of())).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid release_label '" + label + "': " + reason);
        assertThatThrownBy(() -> connect(Map.of(), Map.of("EMR_RELEASE_LABEL", label))).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid release_label '" + label + "': " + reason);
        assertThatThrownBy(() -> EmrSweepDimensions.INSTANCE.check(EmrSweepDimensions.RELEASE, label)).isInstanceOf(BenchboxException.class)
                .hasMessage("invalid release '" + label + "' in --sweep: " + reason);
        assertThat(ReleaseLabel.supportsSessions(label)).isFalse();
    }

    @Test
    void aReportedLabelOfNoKnownFormRunsTheSpark35JobWithoutSessions() {
        ReleaseLabel odd = ReleaseLabel.reported("emr-7.13.0-custom");
        assertThat(odd.sparkLine()).isEqualTo(SparkLine.SPARK_3_5);
        assertThat(odd.supportsSessions()).isFalse();
        assertThat(odd.javaSettings(Architecture.ARM64)).isEmpty();
        assertThat(odd.label()).isEqualTo("emr-7.13.0-custom");
    }

    @Test
    void a6xJobRunGetsJava17ForItsArchitectureAndTheUsersSettingWins() {
        JobSettings arm = settings(ReleaseLabel.parse("emr-6.15.0"), Architecture.ARM64, Map.of());
        assertThat(arm.sparkSubmit(RunManifest.Catalog.PATHS).parameters()).isEqualTo("--class dev.benchbox.job.BenchboxJob"
                + " --conf spark.executor.cores=4 --conf spark.executor.memory=14g"
                + " --conf spark.emr-serverless.driverEnv.JAVA_HOME=/usr/lib/jvm/java-17-amazon-corretto.aarch64/"
                + " --conf spark.executorEnv.JAVA_HOME=/usr/lib/jvm/java-17-amazon-corretto.aarch64/");
        JobSettings x86 = settings(ReleaseLabel.parse("emr-6.11.0"), Architecture.X86_64,
                Map.of("spark.executorEnv.JAVA_HOME", "/opt/jdk17"));
        assertThat(x86.sparkSubmit(RunManifest.Catalog.PATHS).properties()).containsEntry("spark.emr-serverless.driverEnv.JAVA_HOME",
                "/usr/lib/jvm/java-17-amazon-corretto.x86_64/").containsEntry("spark.executorEnv.JAVA_HOME", "/opt/jdk17");
        for (String label : new String[] {"emr-7.13.0", "emr-spark-8.0.0"}) {
            assertThat(settings(ReleaseLabel.parse(label), Architecture.X86_64, Map.of()).sparkSubmit(RunManifest.Catalog.PATHS)
                    .properties()).as(label).doesNotContainKeys("spark.emr-serverless.driverEnv.JAVA_HOME", "spark.executorEnv.JAVA_HOME");
        }
    }

    private static JobSettings settings(ReleaseLabel release, Architecture architecture, Map<String, String> conf) {
        return new JobSettings("00app", ROLE, "s3://b/p/", 10, "us-east-1", architecture, 4, "14g", Map.of(), conf, release);
    }

    private static EmrOptions connect(Map<String, String> given, Map<String, String> environment) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("s3_staging_dir", "s3://bucket/prefix/", "execution_role_arn", ROLE,
                "create_application", "true"));
        all.putAll(given);
        return EmrOptions.resolve(all, environment, false);
    }
}
