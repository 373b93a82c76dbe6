package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.FullRunResult;
import dev.benchbox.results.FullRunResult.Interval;
import dev.benchbox.results.QueryResult;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.TpchRefreshData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run tpch --full} on DuckDB at SF 0.01: qualification, power and throughput tests, row counts. */
class FullRunServiceTest {
    @TempDir
    Path dir;
    private Session session;

    @BeforeEach
    void connect() {
        session = new Session();
        session.connect(DuckDbPlatform.open(null));
    }

    @AfterEach
    void close() {
        session.close();
    }

    private FullRunService service() {
        return new FullRunService(session, new PowerRunService(session, dir), dir);
    }

    @Test
    void aFullRunAtSf001RunsEveryTestAndLeavesTheRowCountsTheRefreshFunctionsImply() throws Exception {
        List<String> phases = new ArrayList<>();
        List<Interval> intervals = new ArrayList<>();
        FullRunService.Report report = service().run(new FullRunService.Request(Benchmarks.get("tpch"), 0.01, 7L, null, false),
                LoadProgress.NONE, new FullRunService.Listener() {
                    @Override
                    public void loading(double scaleFactor) {
                        phases.add("loading");
                    }

                    @Override
                    public void phase(String phase) {
                        phases.add(phase);
                    }

                    @Override
                    public void qualified(QueryResult result) {
                    }

                    @Override
                    public void interval(Interval interval) {
                        intervals.add(interval);
                    }
                });
        FullRunResult result = report.result();

        assertThat(phases).containsExactly("loading", "qualification", "power test", "throughput test");
        assertThat(result.seed()).isEqualTo(7);
        assertThat(result.streams()).isEqualTo(2);
        assertThat(result.qualification().validated()).isEqualTo(22);
        // power test: RF1, stream 0's queries in Appendix A's order, RF2
        assertThat(result.powerTest().intervals()).extracting(Interval::name).startsWith("RF1", "Q14", "Q2", "Q9")
                .endsWith("Q12", "RF2").hasSize(24);
        // throughput test: 2 × 22 queries and the refresh stream's pairs for sets 2 and 3
        List<Interval> throughput = result.throughputTest().intervals();
        assertThat(throughput).filteredOn(i -> i.stream().equals("1")).hasSize(22);
        assertThat(throughput).filteredOn(i -> i.stream().equals("2")).hasSize(22);
        assertThat(throughput).filteredOn(i -> i.stream().equals("refresh")).extracting(Interval::name, Interval::set)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RF1", 2), org.assertj.core.groups.Tuple.tuple("RF2", 2),
                        org.assertj.core.groups.Tuple.tuple("RF1", 3), org.assertj.core.groups.Tuple.tuple("RF2", 3));
        assertThat(intervals).hasSize(24 + 48);
        assertThat(throughput).allSatisfy(i -> assertThat(i.error()).isNull());

        // each set inserts 10 orders and deletes 10 base orders: orders stay at 15000; line items follow the sets
        long inserted = 0;
        for (int set = 1; set <= 3; set++) {
            inserted += new TpchRefreshData(0.01).set(set).lineItems().size();
        }
        long deleted = new TpchRefreshData(0.01).deletedBaseRows(3).lineItems().size();
        assertThat(result.rowChecks()).extracting(FullRunResult.RowCheck::when, FullRunResult.RowCheck::table,
                FullRunResult.RowCheck::expected, FullRunResult.RowCheck::actual).containsExactly(
                org.assertj.core.groups.Tuple.tuple("after the refresh functions", "lineitem", 60175 + inserted - deleted,
                        60175 + inserted - deleted),
                org.assertj.core.groups.Tuple.tuple("after the refresh functions", "orders", 15000L, 15000L),
                org.assertj.core.groups.Tuple.tuple("after putting the data back", "lineitem", 60175L, 60175L),
                org.assertj.core.groups.Tuple.tuple("after putting the data back", "orders", 15000L, 15000L));

        assertThat(result.metrics().values()).containsOnlyKeys("Power@Size", "Throughput@Size", "QphH@Size");
        double power = result.metrics().values().get("Power@Size");
        double throughputMetric = result.metrics().values().get("Throughput@Size");
        assertThat(result.metrics().values().get("QphH@Size")).isCloseTo(Math.sqrt(power * throughputMetric),
                org.assertj.core.api.Assertions.within(0.02));
        assertThat(throughputMetric).isCloseTo(2 * 22 * 3600 / result.throughputTest().seconds() * 0.01,
                org.assertj.core.api.Assertions.within(0.01));
        assertThat(result.compliant()).isFalse();
        assertThat(result.notCompliant()).containsExactly("SF 0.01 is not one of the specification's scale factors");
        assertThat(Files.readString(report.file())).contains("\"seed\" : 7", "\"QphH@Size\"", "\"RF2\"");

        // the data is as loaded again: the validation queries still give the reference answers
        long orders = countOf("SELECT count(*) FROM orders WHERE o_orderkey IN (9, 10, 11)");
        assertThat(orders).isZero();
    }

    @Test
    void tooFewStreamsAreRunButNotCalledCompliant() {
        FullRunResult result = service().run(new FullRunService.Request(Benchmarks.get("tpch"), 0.01, 3L, 1, false),
                LoadProgress.NONE, quiet()).result();

        assertThat(result.streams()).isEqualTo(1);
        assertThat(result.notCompliant()).contains("1 query stream, fewer than the specification's minimum of 2 at SF 0.01");
        assertThat(result.compliant()).isFalse();
    }

    @Test
    void aBenchmarkWithoutDataMaintenanceIsRefusedBeforeAnyWork() {
        assertThatThrownBy(() -> service().run(new FullRunService.Request(Benchmarks.get("tpcds"), 1, null, null, false),
                LoadProgress.NONE, quiet())).isInstanceOf(BenchboxException.class)
                .hasMessage("--full runs a benchmark's power and throughput tests with its data maintenance; "
                        + "TPC-DS has no data maintenance in BenchBox");
        assertThat(session.platform().listTables(session.schema())).isEmpty();
    }

    @Test
    void aScaleTheRefreshDataCannotBeMadeForIsRefusedBeforeAnyWork() {
        assertThatThrownBy(() -> service().run(new FullRunService.Request(Benchmarks.get("tpch"), 1.5, null, null, false),
                LoadProgress.NONE, quiet())).isInstanceOf(BenchboxException.class).hasMessageContaining("got 1.5");
        assertThat(session.platform().listTables(session.schema())).isEmpty();
    }

    /** A platform without stream connections (EMR Serverless over Parquet is one): refused in one line, nothing loaded. */
    @Test
    void aPlatformWhoseTablesTakeNoDeletesIsRefusedBeforeAnyWork() {
        dev.benchbox.platform.Platform duckdb = session.platform();
        dev.benchbox.platform.Platform readOnly = (dev.benchbox.platform.Platform) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {dev.benchbox.platform.Platform.class}, (proxy, method, args) -> {
                    if (method.getName().equals("streamConnections")) {
                        return java.util.Optional.empty();
                    }
                    if (method.getName().equals("name")) {
                        return "read-only";
                    }
                    try {
                        return method.invoke(duckdb, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Session readOnlySession = new Session();
        readOnlySession.connect(readOnly);
        FullRunService service = new FullRunService(readOnlySession, new PowerRunService(readOnlySession, dir), dir);

        assertThatThrownBy(() -> service.run(new FullRunService.Request(Benchmarks.get("tpch"), 0.01, null, null, false),
                LoadProgress.NONE, quiet())).isInstanceOf(BenchboxException.class)
                .hasMessage("--full runs the refresh functions (inserts and deletes), which read-only does not "
                        + "offer: its tables take no inserts or deletes");
        assertThat(duckdb.listTables(session.schema())).isEmpty();
    }

    private long countOf(String sql) {
        AtomicLong value = new AtomicLong();
        session.platform().execute(session.schema(), sql, new RowSink() {
            @Override
            public void begin(List<dev.benchbox.dataset.Column> columns) {
            }

            @Override
            public void row(List<?> row) {
                value.set(((Number) row.get(0)).longValue());
            }

            @Override
            public void end() {
            }
        });
        return value.get();
    }

    private static FullRunService.Listener quiet() {
        return new FullRunService.Listener() {
            @Override
            public void loading(double scaleFactor) {
            }

            @Override
            public void phase(String phase) {
            }

            @Override
            public void qualified(QueryResult result) {
            }

            @Override
            public void interval(Interval interval) {
            }
        };
    }
}
