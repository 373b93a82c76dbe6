package dev.benchbox.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.RowSink;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.QueryResult;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.ValidationMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard against loads this machine cannot hold, on a machine the test describes (DuckDB's own limits set by the test). */
class ResourceGuardTest {
    private static final long GB = 1L << 30;
    private static final Benchmark TPCH = Benchmarks.get("tpch");
    private static final Benchmark TPCDS = Benchmarks.get("tpcds");

    @TempDir
    Path dir;
    private DuckDbPlatform duckdb;

    @AfterEach
    void close() {
        if (duckdb != null) {
            duckdb.close();
        }
    }

    /** A machine with this much memory available and this much free disk everywhere (or per folder). */
    private static final class FakeMachine implements Machine {
        final long memory;
        final long disk;
        final Map<Path, Long> diskByFolder = new HashMap<>();

        FakeMachine(long memory, long disk) {
            this.memory = memory;
            this.disk = disk;
        }

        @Override
        public long availableMemoryBytes() {
            return memory;
        }

        @Override
        public long usableBytes(Path folder) {
            return diskByFolder.getOrDefault(folder, disk);
        }
    }

    /** An in-memory DuckDB whose memory_limit and temp directory the test sets, so nothing depends on this machine. */
    private DuckDbPlatform inMemory(String memoryLimit) {
        duckdb = DuckDbPlatform.open(null);
        set(memoryLimit);
        return duckdb;
    }

    private void set(String memoryLimit) {
        duckdb.execute("main", "SET memory_limit = '" + memoryLimit + "'", RowSink.DISCARD);
        duckdb.execute("main", "SET temp_directory = '" + dir.resolve("spill") + "'", RowSink.DISCARD);
    }

    @Nested
    class InMemoryDuckDb {
        @Test
        void refusesWhatMemoryCannotHoldNamingTheLargestScaleThatFitsAndTheAlternatives() {
            DuckDbPlatform platform = inMemory("10TB");
            ResourceGuard guard = new ResourceGuard(new FakeMachine(21 * GB, 80 * GB));

            assertThatThrownBy(() -> guard.check(platform, TPCH, 1000, false))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessage("SF 1000 of TPC-H needs about 1.5 TB of memory in an in-memory DuckDB; this machine has 21 GB "
                            + "available: use a smaller scale (up to SF 10), a DuckDB file with room for it (--path) or EMR "
                            + "Serverless with --generate cluster; add --force to try anyway");
        }

        @Test
        void letsThroughWhatFitsAndEverythingWhenForced() {
            DuckDbPlatform platform = inMemory("10TB");
            ResourceGuard guard = new ResourceGuard(new FakeMachine(21 * GB, 80 * GB));

            assertThat(guard.refusal(platform, TPCH, 10)).isEmpty();
            guard.check(platform, TPCH, 1000, true);
        }

        @Test
        void countsWhatDuckDbSpillsBeyondItsMemoryLimitAsDiskInItsTempDirectory() {
            // memory_limit 1 GB: SF 10 holds 1 GB in memory and spills the rest, which the temp directory's disk must hold
            DuckDbPlatform platform = inMemory("1GiB");
            FakeMachine roomy = new FakeMachine(4 * GB, 80 * GB);
            FakeMachine smallDisk = new FakeMachine(4 * GB, 5 * GB);

            assertThat(new ResourceGuard(roomy).refusal(platform, TPCH, 10)).isEmpty();
            assertThat(new ResourceGuard(smallDisk).refusal(platform, TPCH, 10)).contains("SF 10 of TPC-H needs about 14 GB of disk in "
                    + dir.resolve("spill") + " for what does not fit in DuckDB's memory_limit in an in-memory DuckDB; it has 5.0 GB "
                    + "free: use a smaller scale (up to SF 3), a DuckDB file with room for it (--path) or EMR Serverless with "
                    + "--generate cluster; add --force to try anyway");
        }

        @Test
        void atItsMemoryLimitDuckDbStillHoldsMoreThanTheLimit() {
            // what once ran into the kernel: the default memory_limit is 80% of the machine, and the shell grows past it
            DuckDbPlatform platform = inMemory("18GiB");

            assertThat(new ResourceGuard(new FakeMachine(20 * GB, 1000 * GB)).refusal(platform, TPCH, 100)).contains("SF 100 of "
                    + "TPC-H needs about 21 GB of memory in an in-memory DuckDB (the engine's memory limit; the rest of its 149 GB "
                    + "goes to disk); this machine has 20 GB available: use a smaller scale (up to SF 10), a DuckDB file with room "
                    + "for it (--path) or EMR Serverless with --generate cluster; add --force to try anyway");
        }

        @Test
        void tpcdsCountsItsTablesThatDoNotScale() {
            // TPC-DS at its smallest scale still holds customer_demographics, date_dim and time_dim
            DuckDbPlatform platform = inMemory("10TB");

            assertThat(new ResourceGuard(new FakeMachine(100L << 20, 80 * GB)).refusal(platform, TPCDS, 0.01))
                    .hasValueSatisfying(message -> assertThat(message).startsWith("SF 0.01 of TPC-DS needs about ")
                            .doesNotContain("smaller scale"));
        }
    }

    @Nested
    class DuckDbFile {
        @Test
        void refusesWhatItsFoldersDiskCannotHold() {
            duckdb = DuckDbPlatform.open(dir.resolve("bench.duckdb"));
            set("1GiB");
            FakeMachine machine = new FakeMachine(8 * GB, 1000 * GB);
            machine.diskByFolder.put(dir, 10 * GB);

            assertThat(new ResourceGuard(machine).refusal(duckdb, TPCH, 100)).contains("SF 100 of TPC-H needs about 24 GB of disk in "
                    + dir + " for the database file in a DuckDB file; it has 10 GB free: use a smaller scale (up to SF 30), a "
                    + "DuckDB file on a disk with room for it (--path) or EMR Serverless with --generate cluster; add --force to "
                    + "try anyway");
            assertThat(new ResourceGuard(machine).refusal(duckdb, TPCH, 30)).isEmpty();
        }
    }

    @Nested
    class PowerRuns {
        @Test
        void aRunRefusedByTheGuardGeneratesNothingAndForceRunsIt(@TempDir Path results) {
            Session session = new Session();
            session.connect(inMemory("10TB"));
            PowerRunService service = new PowerRunService(session, results, new ResourceGuard(new FakeMachine(1L << 20, 80 * GB)));
            PowerRunRequest request = new PowerRunRequest(0.01, List.of(6), 0, 1, ValidationMode.EXACT);

            assertThatThrownBy(() -> service.run(request, LoadProgress.NONE, QUIET))
                    .isInstanceOf(BenchboxException.class)
                    .hasMessageStartingWith("SF 0.01 of TPC-H needs about ")
                    .hasMessageEndingWith("; add --force to try anyway");
            assertThat(duckdb.listTables("main")).isEmpty();

            PowerRunService.Report report = service.run(request.forced(true), LoadProgress.NONE, QUIET);
            assertThat(report.result().queries()).extracting(QueryResult::status).containsExactly(QueryResult.VALIDATED);
        }
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(ResourceGuard.bytes(512)).isEqualTo("512 bytes");
        assertThat(ResourceGuard.bytes(780L << 20)).isEqualTo("780 MB");
        assertThat(ResourceGuard.bytes(5 * GB)).isEqualTo("5.0 GB");
        assertThat(ResourceGuard.bytes(1900 * GB)).isEqualTo("1.9 TB");
    }

    private static final PowerRunService.Listener QUIET = new PowerRunService.Listener() {
        @Override
        public void loading(double scaleFactor) {
        }

        @Override
        public void executed(dev.benchbox.platform.QueryExecution execution) {
        }

        @Override
        public void validated(QueryResult result) {
        }
    };
}
