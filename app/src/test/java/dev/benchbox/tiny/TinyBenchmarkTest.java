package dev.benchbox.tiny;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.bench.PowerRunRequest;
import dev.benchbox.bench.PowerRunService;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.benchmark.Benchmarks;
import dev.benchbox.dataset.Scale;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.ResultStore;
import dev.benchbox.session.Session;
import dev.benchbox.tpch.ValidationMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-only benchmark end to end on DuckDB: found by name, loaded, run and validated through the same services as TPC-H. */
class TinyBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void isRegisteredByItsServiceLine() {
        assertThat(Benchmarks.get("tiny")).isInstanceOf(TinyBenchmark.class);
        assertThat(Benchmarks.title("tiny")).isEqualTo("Tiny");
    }

    @Test
    void loadsRunsAndValidatesOnDuckDb() {
        Benchmark tiny = Benchmarks.get("tiny");
        Session session = new Session();
        session.connect(DuckDbPlatform.open(null));
        try {
            PowerRunService service = new PowerRunService(session, dir);
            PowerRunService.Report first = service.run(new PowerRunRequest(2, tiny.queries(), 0, 1, ValidationMode.EXACT, 1, tiny),
                    LoadProgress.NONE, new Quiet());

            // loaded by the platform asking the data set for its rows, and recorded so the next run finds it
            assertThat(first.load()).isPresent();
            assertThat(first.load().get().rowCounts()).isEqualTo(Map.of("tiny_items", 200L));
            assertThat(session.platform().loadedScale(session.schema(), tiny.dataSet())).contains(Scale.of(2));
            assertThat(first.result().queries()).extracting(QueryResult::id, QueryResult::status, QueryResult::validation)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Q1", "validated", "exact"),
                            org.assertj.core.groups.Tuple.tuple("Q2", "validated", "exact"));
            assertThat(first.result().summary().passed()).isEqualTo(2);
            assertThat(new ResultStore(dir).read(first.file()).benchmark().name()).isEqualTo("tiny");

            PowerRunService.Report again = service.run(new PowerRunRequest(2, List.of(1), 0, 1, ValidationMode.EXACT, 1, tiny),
                    LoadProgress.NONE, new Quiet());
            assertThat(again.load()).isEmpty();
            assertThat(again.result().queries()).extracting(QueryResult::status).containsExactly("validated");
        } finally {
            session.disconnect();
        }
    }

    @Test
    void aWrongAnswerFails() {
        QueryResult wrong = new TinyBenchmark().check("Q1", 1, 1.0, 1, 1, ValidationMode.EXACT, List.of("items", "total"),
                List.of(List.of(99L, new java.math.BigDecimal("6312.50"))));
        assertThat(wrong.status()).isEqualTo(QueryResult.FAILED);
        assertThat(wrong.message()).isEqualTo("got [[99, 6312.5]], expected [[100, 6312.5]]");
    }

    private static final class Quiet implements PowerRunService.Listener {
        @Override
        public void loading(double scaleFactor) {
        }

        @Override
        public void executed(QueryExecution execution) {
        }

        @Override
        public void validated(QueryResult result) {
        }
    }
}
