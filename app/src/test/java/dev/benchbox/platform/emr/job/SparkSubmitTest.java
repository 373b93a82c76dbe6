package dev.benchbox.platform.emr.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.emr.job.RunManifest.Catalog;
import org.junit.jupiter.api.Test;

class SparkSubmitTest {

    @Test
    void glueModeNamesTheJobClassTheExecutorsAndTheGlueMetastoreClient() {
        assertThat(SparkSubmit.forJob(Catalog.GLUE, 4, "16g").parameters()).isEqualTo(
                "--class dev.benchbox.job.BenchboxJob --conf spark.executor.cores=4 --conf spark.executor.memory=16g"
                        + " --conf spark.hadoop.hive.metastore.client.factory.class="
                        + "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory");
    }

    @Test
    void pathsModeLeavesTheMetastoreAloneAndFurtherPropertiesFollowInOrder() {
        SparkSubmit submit = SparkSubmit.forJob(Catalog.PATHS, 2, "8g")
                .withConf("spark.executor.instances", "3").withConf("spark.driver.cores", "2");

        assertThat(submit.parameters()).isEqualTo("--class dev.benchbox.job.BenchboxJob --conf spark.executor.cores=2"
                + " --conf spark.executor.memory=8g --conf spark.executor.instances=3 --conf spark.driver.cores=2");
    }

    @Test
    void refusesWhatWouldBreakTheCommandLine() {
        assertThatThrownBy(() -> SparkSubmit.forJob(Catalog.GLUE, 0, "8g")).hasMessageContaining("cores");
        assertThatThrownBy(() -> SparkSubmit.forJob(Catalog.GLUE, 4, "8 GB")).hasMessageContaining("memory");
        assertThatThrownBy(() -> SparkSubmit.forJob(Catalog.GLUE, 4, "8g").withConf("spark.app.name", "two words"))
                .hasMessageContaining("not a usable Spark property");
        assertThatThrownBy(() -> SparkSubmit.forJob(Catalog.GLUE, 4, "8g").withConf("spark.executor.cores", "8"))
                .hasMessageContaining("set by SparkSubmit");
    }
}
