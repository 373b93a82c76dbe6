package dev.benchbox.platform.duckdb;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.Column;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.LoadReport;
import dev.benchbox.platform.RowSink;
import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TPC-DS generation into DuckDB, kept small (SF 0.01, a few tables) and cross-checked with the generator. */
class TpcdsArrowLoadTest {
    private final DuckDbPlatform platform = DuckDbPlatform.open(null);

    @AfterEach
    void close() {
        platform.close();
    }

    @Test
    @IntegrationTest // generates a TPC-DS table twice: ten seconds
    void parallelChunksLoadExactlyWhatOneGeneratorPassMakes() {
        LoadReport report = platform.load("main", dev.benchbox.benchmark.Benchmarks.get("tpcds").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of("store_sales", "store_returns", "reason"),
                LoadProgress.NONE);

        // One pass of the generator, single-threaded, as the reference.
        long sales = 0;
        long returns = 0;
        BigDecimal netPaid = BigDecimal.ZERO;
        BigDecimal returnAmount = BigDecimal.ZERO;
        for (List<List<String>> rows : Results.constructResults(Table.STORE_SALES,
                Session.getDefaultSession().withScale(0.01))) {
            sales++;
            String paid = rows.get(0).get(Table.STORE_SALES.getColumn("ss_net_paid").getPosition());
            netPaid = netPaid.add(paid == null || paid.isEmpty() ? BigDecimal.ZERO : new BigDecimal(paid));
            for (List<String> returned : rows.subList(1, rows.size())) {
                returns++;
                String amount = returned.get(Table.STORE_RETURNS.getColumn("sr_return_amt").getPosition());
                returnAmount = returnAmount.add(amount == null || amount.isEmpty() ? BigDecimal.ZERO : new BigDecimal(amount));
            }
        }
        assertThat(report.rowCounts()).containsEntry("store_sales", sales).containsEntry("store_returns", returns)
                .containsEntry("reason", 1L);
        assertThat(sales).isEqualTo(120_527);
        assertThat(single("SELECT coalesce(sum(ss_net_paid), 0) FROM store_sales")).isEqualByComparingTo(netPaid);
        assertThat(single("SELECT coalesce(sum(sr_return_amt), 0) FROM store_returns")).isEqualByComparingTo(returnAmount);
        assertThat(platform.loadedScale("main", dev.benchbox.benchmark.Benchmarks.get("tpcds").dataSet()).map(dev.benchbox.dataset.Scale::value)).isEmpty(); // not every table is there
    }

    @Test
    void interruptingALoadStopsBothStreamsOfAChunkAndKeepsTheTablesThatWereThere() throws Exception {
        platform.load("main", Benchmarks.get("tpcds").dataSet(), Scale.of(0.01), List.of("store_sales", "store_returns"),
                LoadProgress.NONE);
        long sales = count("store_sales");
        long returns = count("store_returns");
        CountDownLatch rowsArrived = new CountDownLatch(1);
        AtomicLong generated = new AtomicLong();
        LoadProgress progress = new LoadProgress() {
            @Override
            public void start(String task, long total) {
            }

            @Override
            public void advance(long amount) {
                generated.addAndGet(amount);
                rowsArrived.countDown();
            }

            @Override
            public void close() {
            }
        };
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                platform.load("main", Benchmarks.get("tpcds").dataSet(), Scale.of(1), List.of("store_sales", "store_returns"), progress);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "sf1-tpcds-load");

        worker.start();
        assertThat(rowsArrived.await(2, TimeUnit.MINUTES)).as("the load started").isTrue();
        worker.interrupt();
        worker.join(TimeUnit.MINUTES.toMillis(2));

        assertThat(worker.isAlive()).as("load still running after interrupt").isFalse();
        assertThat(failure.get()).isInstanceOf(BenchboxException.class)
                .hasMessage("load cancelled: existing tables were left as they were");
        assertThat(generated.get()).as("stopped before the end").isLessThan(2_880_404L);
        // the SF 0.01 tables are still there, whole, and both half-filled staging tables are gone
        assertThat(count("store_sales")).isEqualTo(sales);
        assertThat(count("store_returns")).isEqualTo(returns);
        assertThat(platform.listTables("main")).noneMatch(table -> table.endsWith(StagingTables.SUFFIX));
        assertThat(platform.loadedScale("main", Benchmarks.get("tpcds").dataSet()).map(Scale::value)).isEmpty();
    }

    private long count(String table) {
        return single("SELECT count(*) FROM " + table).longValueExact();
    }

    @Test
    void columnsAreTypedAsTheSpecificationSays() {
        platform.load("main", dev.benchbox.benchmark.Benchmarks.get("tpcds").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of("item"), LoadProgress.NONE);

        assertThat(platform.describeTable("main", "item")).extracting(Column::name, Column::type).startsWith(
                org.assertj.core.groups.Tuple.tuple("i_item_sk", "BIGINT"),
                org.assertj.core.groups.Tuple.tuple("i_item_id", "VARCHAR"),
                org.assertj.core.groups.Tuple.tuple("i_rec_start_date", "DATE"),
                org.assertj.core.groups.Tuple.tuple("i_rec_end_date", "DATE"),
                org.assertj.core.groups.Tuple.tuple("i_item_desc", "VARCHAR"),
                org.assertj.core.groups.Tuple.tuple("i_current_price", "DECIMAL(7,2)"));
        // NULLs stay NULL (the generator writes them as empty text)
        assertThat(single("SELECT count(*) FROM item WHERE i_rec_end_date IS NULL")).isPositive();
    }

    @Test
    void unknownTablesAreRefusedBeforeAnythingIsGenerated() {
        assertThatThrownBy(() -> platform.load("main", dev.benchbox.benchmark.Benchmarks.get("tpcds").dataSet(), dev.benchbox.dataset.Scale.of(0.01), List.of("lineitem"), LoadProgress.NONE))
                .hasMessage("unknown TPC-DS table 'lineitem'");
        assertThat(platform.listTables("main")).isEmpty();
    }

    private BigDecimal single(String sql) {
        List<Object> values = new ArrayList<>();
        platform.execute("main", sql, new RowSink() {
            @Override
            public void begin(List<Column> columns) {
            }

            @Override
            public void row(List<?> row) {
                values.add(row.get(0));
            }

            @Override
            public void end() {
            }
        });
        return new BigDecimal(values.get(0).toString());
    }
}
