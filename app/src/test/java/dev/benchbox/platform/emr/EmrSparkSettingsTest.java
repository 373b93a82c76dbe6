package dev.benchbox.platform.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.platform.emr.job.ReleaseLabel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a Spark 4 release meets the user's settings: each place a setting is given refuses one Spark 4.0 removed. */
class EmrSparkSettingsTest {
    private static final String REMOVED = "spark.sql.legacy.parquet.int96RebaseModeInRead";
    private static final String REFUSED = "--spark-conf " + REMOVED + ": Spark 4.0, which emr-spark-8.0.0 runs, removed this setting; "
            + "set spark.sql.parquet.int96RebaseModeInRead instead";

    private static EmrSparkSettings on(String release) {
        EmrSparkSettings settings = new EmrSparkSettings();
        settings.release(ReleaseLabel.parse(release));
        return settings;
    }

    @Test
    void aCommandsSettingIsRefusedWhenItsWorkOpensAndNothingIsKept() {
        EmrSparkSettings settings = on("emr-spark-8.0.0");
        assertThatThrownBy(() -> settings.forWork(1, Map.of(REMOVED, "LEGACY"))).hasMessage(REFUSED);
        assertThat(settings.scale()).isNull();
        assertThat(settings.user()).isEmpty();
    }

    @Test
    void aConnectionsSettingIsRefusedAndNotKept() {
        EmrSparkSettings settings = on("emr-spark-8.0.0");
        assertThatThrownBy(() -> settings.sessionDefaults(Map.of(REMOVED, "LEGACY"))).hasMessage(REFUSED);
        assertThat(settings.sessionDefaults()).isEmpty();
    }

    @Test
    void aViewOnSpark4OfSettingsGivenOnSpark35IsRefused() {
        EmrSparkSettings settings = on("emr-7.13.0");
        try (var work = settings.forWork(1, Map.of(REMOVED, "LEGACY"))) {
            assertThat(settings.user()).containsEntry(REMOVED, "LEGACY");
            EmrSparkSettings view = settings.copy();
            assertThatThrownBy(() -> view.release(ReleaseLabel.parse("emr-spark-8.0.0"))).hasMessage(REFUSED);
        }
    }

    @Test
    void aSweepConfigurationsSettingIsRefusedOnSpark4() {
        EmrSparkSettings settings = on("emr-spark-8.0.0");
        assertThatThrownBy(() -> settings.forRuns(null, Map.of(REMOVED, "LEGACY"), null)).hasMessage(REFUSED);
        assertThat(on("emr-7.13.0").forRuns(null, Map.of(REMOVED, "LEGACY"), null)).containsEntry(REMOVED, "LEGACY");
    }
}
