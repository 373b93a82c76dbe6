package dev.benchbox.bench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.duckdb.DuckDbSweepDimensions;
import dev.benchbox.platform.emr.EmrSweepDimensions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SweepSpecTest {
    @Nested
    class Parsing {
        @Test
        void dimensionsKeepTheirOrderAndCombinationsChangeTheFirstSlowest() {
            SweepSpec spec = SweepSpec.parse(List.of("executors=8x4vCPU-16GB,4x8vCPU-32GB", "architecture=x86_64,arm64"));

            assertThat(spec.dimensions()).containsExactly(
                    new SweepSpec.Dimension("executors", List.of("8x4vCPU-16GB", "4x8vCPU-32GB")),
                    new SweepSpec.Dimension("architecture", List.of("x86_64", "arm64")));
            assertThat(spec.combinations()).containsExactly(
                    Map.of("executors", "8x4vCPU-16GB", "architecture", "x86_64"),
                    Map.of("executors", "8x4vCPU-16GB", "architecture", "arm64"),
                    Map.of("executors", "4x8vCPU-32GB", "architecture", "x86_64"),
                    Map.of("executors", "4x8vCPU-32GB", "architecture", "arm64"));
            assertThat(new ArrayList<>(spec.combinations().get(0).keySet())).containsExactly("executors", "architecture");
        }

        @Test
        void aValueListTheShellSplitAtItsCommasReadsTheSameAsAWholeOne() {
            assertThat(SweepSpec.parse(List.of("threads=1", "2", "4", "memory_limit=1GB")))
                    .isEqualTo(SweepSpec.parse(List.of("threads=1,2,4", "memory_limit=1GB")));
        }

        @Test
        void badFormsAreOneLineErrorsNamingWhatWasTyped() {
            assertError(List.of("threads"), "invalid --sweep 'threads': expected NAME=VALUE[,VALUE...], e.g. executors=8x4vCPU-16GB,4x8vCPU-32GB");
            assertError(List.of("=1,2"), "invalid --sweep '=1,2': the dimension's name is missing before '='");
            assertError(List.of("threads="), "invalid --sweep 'threads=': a value is empty");
            assertError(List.of("threads=1,,2"), "invalid --sweep 'threads=1,,2': a value is empty");
            assertError(List.of("threads=1,2,1"), "--sweep threads lists 1 twice");
            assertError(List.of("threads=1", "threads=2"), "--sweep threads is given twice: list all its values in one --sweep threads=V1,V2");
            assertError(List.of(), "--sweep needs NAME=VALUE[,VALUE...], e.g. --sweep executors=8x4vCPU-16GB,4x8vCPU-32GB");
        }

        @Test
        void aSweepOfMoreThan64ConfigurationsIsRefused() {
            String nine = "1,2,3,4,5,6,7,8,9";
            assertError(List.of("a=" + nine, "b=" + nine), "--sweep makes 81 configurations: at most 64 in one sweep (each is a whole benchmark run)");
            assertThat(SweepSpec.parse(List.of("a=1,2,3,4,5,6,7,8", "b=1,2,3,4,5,6,7,8")).combinations()).hasSize(64);
        }

        private void assertError(List<String> typed, String message) {
            assertThatThrownBy(() -> SweepSpec.parse(typed)).isInstanceOf(BenchboxException.class).hasMessage(message);
        }
    }

    @Nested
    class CheckedByAPlatform {
        @Test
        void namesBecomeCanonicalAndValuesAreCheckedAndNormalised() {
            SweepSpec spec = SweepSpec.parse(List.of("Arch=ARM64,x86-64", "release_label=emr-7.0.0", "executors=4X8vcpu-32gb",
                    "driver=1x2vCPU-8GB", "pre_initialized=yes,off", "spark.sql.shuffle.partitions=64,200"))
                    .checkedBy(EmrSweepDimensions.INSTANCE);

            assertThat(spec.dimensions()).containsExactly(
                    new SweepSpec.Dimension("architecture", List.of("arm64", "x86_64")),
                    new SweepSpec.Dimension("release", List.of("emr-7.0.0")),
                    new SweepSpec.Dimension("executors", List.of("4x8vCPU-32GB")),
                    new SweepSpec.Dimension("driver", List.of("2vCPU-8GB")),
                    new SweepSpec.Dimension("pre-initialized", List.of("on", "off")),
                    new SweepSpec.Dimension("spark.sql.shuffle.partitions", List.of("64", "200")));
        }

        @Test
        void badDimensionsAndValuesOnEmrServerlessAreOneLineErrors() {
            assertError("size=1", "unknown sweep dimension 'size' on emr-serverless: expected release, architecture, driver, executors, "
                    + "pre-initialized or a Spark setting (spark.*)");
            assertError("release=7.0.0", "invalid release '7.0.0' in --sweep: expected emr-7.Y.Z, emr-6.Y.Z (6.11.0 or later) or emr-spark-8.Y.Z, e.g. emr-7.13.0 or emr-spark-8.0.0");
            assertError("architecture=sparc", "invalid architecture 'sparc' in --sweep: expected x86_64 or arm64");
            assertError("executors=8x3vCPU-16GB", "invalid executors '8x3vCPU-16GB' in --sweep: worker size 3vCPU-16GB: "
                    + "EMR Serverless workers have 1, 2, 4, 8 or 16 vCPU");
            assertError("executors=4vCPU-16GB", "invalid executors '4vCPU-16GB' in --sweep: expected COUNTxSIZE, e.g. 4x4vCPU-16GB");
            assertError("executors=0x4vCPU-16GB", "invalid executors '0x4vCPU-16GB' in --sweep: a job run needs at least 1 executor");
            assertError("driver=2x4vCPU-16GB", "invalid driver '2x4vCPU-16GB' in --sweep: a job run has one driver; give its size, e.g. 4vCPU-16GB");
            assertError("driver=4vCPU-64GB", "invalid driver '4vCPU-64GB' in --sweep: a 4-vCPU worker takes 8-30 GB of memory");
            assertError("pre-initialized=maybe", "invalid pre-initialized 'maybe' in --sweep: expected on or off "
                    + "(on: the application keeps the configuration's driver and executors warm)");
            assertError("spark.executor.memory=8g", "spark.executor.memory cannot be swept as a Spark setting: sweep driver=SIZE or "
                    + "executors=COUNTxSIZE instead");
            assertError("executors=1x4vCPU-16GB,1X4VCPU-16gb", "--sweep executors lists 1x4vCPU-16GB twice");
            assertError("spark.hadoop.fs.s3a.secret.key=a,b", "--sweep spark.hadoop.fs.s3a.secret.key is a secret setting, which a "
                    + "sweep would record in its file names and labels: give it with --spark-conf");
        }

        @Test
        void duckDbVariesThreadsAndMemoryLimit() {
            SweepSpec spec = SweepSpec.parse(List.of("THREADS=1,4", "memory-limit=512mb,2GiB")).checkedBy(DuckDbSweepDimensions.INSTANCE);
            assertThat(spec.dimensions()).containsExactly(new SweepSpec.Dimension("threads", List.of("1", "4")),
                    new SweepSpec.Dimension("memory_limit", List.of("512MB", "2GiB")));
            assertThatThrownBy(() -> SweepSpec.parse(List.of("architecture=arm64")).checkedBy(DuckDbSweepDimensions.INSTANCE))
                    .hasMessage("unknown sweep dimension 'architecture' on duckdb: expected threads or memory_limit");
        }

        private void assertError(String typed, String message) {
            assertThatThrownBy(() -> SweepSpec.parse(List.of(typed)).checkedBy(EmrSweepDimensions.INSTANCE))
                    .isInstanceOf(BenchboxException.class).hasMessage(message);
        }
    }

    @Test
    void onEmrServerlessReleaseArchitectureAndPreInitialisedCapacityNeedAnApplicationWorkersAndSparkSettingsDoNot() {
        EmrSweepDimensions emr = EmrSweepDimensions.INSTANCE;
        assertThat(emr.deploymentSettings(Map.of("executors", "2x4vCPU-16GB", "spark.sql.shuffle.partitions", "8"))).isEmpty();
        assertThat(emr.deploymentSettings(ordered("architecture", "arm64", "executors", "2x4vCPU-16GB", "release", "emr-7.1.0")))
                .containsExactly(Map.entry("architecture", "arm64"), Map.entry("release", "emr-7.1.0"));
        // warm capacity is the configuration's own workers, so they belong to the application then
        assertThat(emr.deploymentSettings(ordered("pre-initialized", "on", "executors", "2x4vCPU-16GB", "driver", "4vCPU-16GB")))
                .containsExactly(Map.entry("pre-initialized", "on"), Map.entry("executors", "2x4vCPU-16GB"), Map.entry("driver", "4vCPU-16GB"));
        assertThat(emr.deploymentSettings(ordered("pre-initialized", "off", "executors", "2x4vCPU-16GB")))
                .containsExactly(Map.entry("pre-initialized", "off"));
        assertThat(DuckDbSweepDimensions.INSTANCE.deploymentSettings(Map.of("threads", "2"))).isEmpty();
    }

    @Test
    void labelsAreFileNamesAndTheDirectoryIsTheSweepsIdentity() {
        assertThat(SweepService.label(ordered("executors", "8x4vCPU-16GB", "spark.sql.adaptive.enabled", "true", "x", "a/b c")))
                .isEqualTo("executors-8x4vCPU-16GB_spark.sql.adaptive.enabled-true_x-a-b-c");
        var request = new dev.benchbox.bench.PowerRunRequest(0.01, List.of(1, 6), 0, 1, dev.benchbox.tpch.ValidationMode.EXACT);
        SweepSpec spec = SweepSpec.parse(List.of("threads=1,2"));
        String name = SweepService.directoryName("duckdb", request, spec);
        assertThat(name).matches("sweep_tpch_sf0\\.01_duckdb_[0-9a-f]{8}");
        assertThat(SweepService.directoryName("duckdb", request, spec)).isEqualTo(name);
        assertThat(SweepService.directoryName("duckdb", request, SweepSpec.parse(List.of("threads=1,4")))).isNotEqualTo(name);
        assertThat(SweepService.directoryName("duckdb", new dev.benchbox.bench.PowerRunRequest(0.01, List.of(1, 6), 0, 3,
                dev.benchbox.tpch.ValidationMode.EXACT), spec)).isNotEqualTo(name);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
