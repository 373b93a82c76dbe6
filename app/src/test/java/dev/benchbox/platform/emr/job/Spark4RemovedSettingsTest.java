package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Spark4RemovedSettingsTest {
    private static final ReleaseLabel SPARK_4 = ReleaseLabel.parse("emr-spark-8.0.0");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            spark.sql.hive.verifyPartitionPath                          | removed this setting; set spark.sql.files.ignoreMissingFiles instead
            spark.sql.legacy.avro.datetimeRebaseModeInRead              | removed this setting; set spark.sql.avro.datetimeRebaseModeInRead instead
            spark.sql.legacy.avro.datetimeRebaseModeInWrite             | removed this setting; set spark.sql.avro.datetimeRebaseModeInWrite instead
            spark.sql.legacy.parquet.datetimeRebaseModeInWrite          | removed this setting; set spark.sql.parquet.datetimeRebaseModeInWrite instead
            spark.sql.legacy.parquet.int96RebaseModeInRead              | removed this setting; set spark.sql.parquet.int96RebaseModeInRead instead
            spark.sql.legacy.parquet.int96RebaseModeInWrite             | removed this setting; set spark.sql.parquet.int96RebaseModeInWrite instead
            spark.sql.optimizer.runtimeFilter.semiJoinReduction.enabled | removed this setting, with no replacement; leave it out
            spark.connect.copyFromLocalToFs.allowDestLocal              | renamed this setting; set spark.sql.artifact.copyFromLocalToFs.allowDestLocal instead
            spark.shuffle.unsafe.file.output.buffer                     | renamed this setting; set spark.shuffle.localDisk.file.output.buffer instead
            """)
    void aKeySpark4RemovedOrRenamedIsRefusedInOneLineNamingItsReplacement(String key, String says) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.shuffle.partitions", "16");
        conf.put(key, "CORRECTED");

        assertThatThrownBy(() -> Spark4RemovedSettings.check(SPARK_4, conf)).isInstanceOf(BenchboxException.class)
                .hasMessage("--spark-conf " + key + ": Spark 4.0, which emr-spark-8.0.0 runs, " + says);
        assertThatThrownBy(() -> Spark4RemovedSettings.check(ReleaseLabel.parse("emr-spark-8.1.0"), conf)).hasMessageContaining(key);
        assertThatThrownBy(() -> Spark4RemovedSettings.check(ReleaseLabel.parse("emr-spark-8.0-preview"), conf)).hasMessageContaining(key);
        // Spark 3.5 still has them
        for (String release : new String[] {"emr-7.13.0", "emr-7.0.0", "emr-6.15.0"}) {
            assertThatCode(() -> Spark4RemovedSettings.check(ReleaseLabel.parse(release), conf)).as(release).doesNotThrowAnyException();
        }
        assertThat(Spark4RemovedSettings.changed(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark.sql.shuffle.partitions", "spark.sql.files.ignoreMissingFiles", "spark.sql.parquet.int96RebaseModeInRead",
            "spark.shuffle.localDisk.file.output.buffer", "spark.sql.adaptive.enabled",
            // removed before 4.0: Spark 3.5 refuses it already, so not this list's
            "spark.sql.legacy.compareDateTimestampInTimestamp"})
    void keysSpark4HasArePassedOn(String key) {
        assertThatCode(() -> Spark4RemovedSettings.check(SPARK_4, Map.of(key, "true"))).doesNotThrowAnyException();
        assertThat(Spark4RemovedSettings.replacement(key)).isEmpty();
    }

    @Test
    void theListHasSpark401sRemovalsAndRenamesOf40() {
        assertThat(Spark4RemovedSettings.keys()).hasSize(9);
        assertThat(Spark4RemovedSettings.replacement("spark.sql.optimizer.runtimeFilter.semiJoinReduction.enabled")).isEmpty();
        assertThat(Spark4RemovedSettings.replacement("spark.sql.hive.verifyPartitionPath")).hasValue("spark.sql.files.ignoreMissingFiles");
    }
}
