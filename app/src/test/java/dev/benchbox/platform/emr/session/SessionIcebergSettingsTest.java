package dev.benchbox.platform.emr.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchbox.BenchboxException;
import dev.benchbox.cost.Architecture;
import dev.benchbox.cost.JobCapacity;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.SessionControl;
import dev.benchbox.platform.SessionInfo;
import dev.benchbox.platform.emr.job.Backoff;
import dev.benchbox.platform.emr.job.IcebergCatalog;
import dev.benchbox.standin.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which settings a session starts with: Glue as Spark's metastore always; for a schema holding Iceberg tables, also
 * Iceberg's catalog exactly as job runs get it ({@link IcebergCatalog}); and a session started without it refuses an
 * Iceberg schema in one line, before any statement reaches Spark.
 */
class SessionIcebergSettingsTest {
    private static final String STAGING = "s3://bucket/prefix/";
    private static final String GLUE_FACTORY = "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory";

    /** Records StartSession; every session is IDLE at once; no endpoint: no statement may reach Spark Connect. */
    private static final class Api implements SessionApi {
        final List<StartRequest> started = new ArrayList<>();
        final List<String> terminated = new ArrayList<>();

        @Override
        public String start(StartRequest request) {
            started.add(request);
            return "s" + started.size();
        }

        @Override
        public Described get(String applicationId, String sessionId) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            Utilization none = new Utilization(0, 0, 0);
            boolean ended = terminated.contains(sessionId);
            return new Described(new SessionInfo(sessionId, "n", ended ? "TERMINATED" : "IDLE", "", "emr-7.13.0", t, t,
                    ended ? t : null, 30), none, none, 0);
        }

        @Override
        public Endpoint endpoint(String applicationId, String sessionId) {
            throw new AssertionError("no statement may reach Spark Connect");
        }

        @Override
        public List<SessionInfo> list(String applicationId, List<String> states) {
            return List.of();
        }

        @Override
        public void terminate(String applicationId, String sessionId) {
            terminated.add(sessionId);
        }

        @Override
        public String dashboard(String applicationId, String sessionId) {
            return "";
        }

        @Override
        public boolean sessionsEnabled(String applicationId) {
            return true;
        }

        @Override
        public void enableSessions(String applicationId, String clientToken) {
        }
    }

    private final Api api = new Api();
    private final List<String> asked = new ArrayList<>();
    private final EmrSessionControl sessions = new EmrSessionControl(api, new EmrSessionControl.Settings("app", "arn:aws:iam::1:role/r",
            "emr-7.13.0", false, () -> { }, JobCapacity.DEFAULT, "us-east-1", Architecture.X86_64, Duration.ofMinutes(5),
            () -> Map.of("created-by", "benchbox"), database -> {
                asked.add(database);
                return Set.of("tpch_ice").contains(database);
            }, STAGING), new Backoff(Duration.ZERO, Duration.ZERO, 1), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void aSchemaOfIcebergTablesGetsTheJobRunsIcebergSettingsBesideGlue() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("spark.hadoop.hive.metastore.client.factory.class", GLUE_FACTORY);
        expected.putAll(IcebergCatalog.sparkConf(STAGING));
        assertThat(EmrSessionControl.sparkDefaults(true, STAGING)).containsExactlyEntriesOf(expected);
        assertThat(EmrSessionControl.sparkDefaults(false, STAGING)).containsExactlyEntriesOf(Map.of(
                "spark.hadoop.hive.metastore.client.factory.class", GLUE_FACTORY));

        sessions.start(null, null, "TPCH_ICE", SessionControl.Progress.NONE);

        assertThat(asked).containsExactly("tpch_ice"); // the schema's Glue database, as the platform names it
        assertThat(api.started).singleElement().satisfies(r -> assertThat(r.sparkDefaults()).containsExactlyInAnyOrderEntriesOf(expected)
                .containsEntry("spark.sql.catalog.glue_catalog.warehouse", "s3://bucket/prefix/iceberg/"));
    }

    @Test
    void aParquetSchemaOrNoSchemaStartsWithGlueOnly() {
        sessions.start(null, null, "tpch_parquet", SessionControl.Progress.NONE);
        sessions.stop(SessionControl.Progress.NONE);
        sessions.start(null, null, SessionControl.Progress.NONE);

        assertThat(asked).containsExactly("tpch_parquet");
        assertThat(api.started).hasSize(2).allSatisfy(r -> assertThat(r.sparkDefaults()).containsOnlyKeys(
                "spark.hadoop.hive.metastore.client.factory.class"));
    }

    @Test
    void aSessionStartedWithoutIcebergsCatalogSaysToRestartItBeforeAnyStatementRuns() {
        sessions.start(null, null, "tpch_parquet", SessionControl.Progress.NONE);

        assertThatThrownBy(() -> sessions.execute("tpch_ice", "SELECT count(*) FROM lineitem", RowSink.DISCARD))
                .isInstanceOf(BenchboxException.class)
                .hasMessage("schema 'tpch_ice' holds Iceberg tables and session s1 was started without Iceberg's catalog: "
                        + "'session stop', then 'session start' (with that schema in use) starts one that reads them");
        assertThatThrownBy(() -> sessions.listTables("tpch_ice")).hasMessageContaining("was started without Iceberg's catalog");
    }

    @Test
    void aDryRunWritesTheIcebergSettingsInItsStartSession() throws Exception {
        List<JsonNode> written = new ArrayList<>();
        RequestWriter recorder = new RequestWriter() {
            @Override
            public Path record(String operation, String detail, JsonNode request) {
                written.add(request);
                return Path.of("dry", operation + ".json");
            }

            @Override
            public Path directory() {
                return Path.of("dry");
            }
        };
        PreviewSessions preview = new PreviewSessions(recorder, "app", "arn:aws:iam::1:role/r", "emr-7.13.0",
                () -> Map.of(), "tpch_ice"::equals, STAGING);

        preview.start(null, null, "tpch_ice", SessionControl.Progress.NONE);
        preview.start(null, null, "tpch_parquet", SessionControl.Progress.NONE);

        JsonNode iceberg = written.get(0).at("/configurationOverrides/applicationConfiguration/0/properties");
        IcebergCatalog.sparkConf(STAGING).forEach((k, v) -> assertThat(iceberg.path(k).asText()).as(k).isEqualTo(v));
        assertThat(written.get(1).at("/configurationOverrides/applicationConfiguration/0/properties").has("spark.jars")).isFalse();
    }
}
