package dev.benchbox.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.platform.BatchListener;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.duckdb.DuckDbPlatform;
import dev.benchbox.tpch.Validation.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the 22 queries on data the product's own loader generated into DuckDB (io.trino.tpch through the
 * appender) and validates them against the references.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpchEndToEndTest {
    private static final double SCALE_FACTOR = 0.01;

    private DuckDbPlatform database;
    private final AnswerValidator validator = new AnswerValidator();

    @BeforeAll
    void loadData() {
        database = load(SCALE_FACTOR);
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private static DuckDbPlatform load(double scaleFactor) {
        DuckDbPlatform platform = DuckDbPlatform.open(null);
        platform.load("main", dev.benchbox.benchmark.Benchmarks.get("tpch").dataSet(), dev.benchbox.dataset.Scale.of(scaleFactor), List.of(), LoadProgress.NONE);
        return platform;
    }

    private static QueryExecution run(DuckDbPlatform platform, String id, String sql) {
        QueryExecution execution = platform.runBatch("main", List.of(new BatchQuery(id, sql)), 0, 1, 100_000,
                BatchListener.NONE).get(0);
        assertThat(execution.error()).as(id).isNull();
        return execution;
    }

    @Test
    void all22QueriesMatchTheSf001ReferenceAnswersExactly() {
        assertThat(failures(database, SCALE_FACTOR, ValidationMode.EXACT)).isEmpty();
    }

    @Test
    void all22QueriesPassRowCountValidationAtSf001() {
        assertThat(failures(database, SCALE_FACTOR, ValidationMode.ROWCOUNT)).isEmpty();
    }

    @Test
    void aQueryWithADifferentParameterFailsValidationWithTheFirstDifference() {
        // Q6 with DISCOUNT = 0.05 instead of the validation value 0.06: same shape, another revenue.
        String sql = TpchQueries.get(6).sql().replace("between 0.05 and 0.07", "between 0.04 and 0.06");
        QueryExecution answer = run(database, "Q6", sql);

        Validation validation = validator.validate(6, SCALE_FACTOR, ValidationMode.EXACT, answer.columns(),
                answer.rows());

        assertThat(validation.status()).isEqualTo(Status.FAILED);
        assertThat(validation.detail()).startsWith("row 1, column revenue: expected 1193053.2253, got ");
    }

    /**
     * The SF 1 answers come from the TPC-H kit's dbgen, not from io.trino.tpch; this checks that both agree and
     * that the tolerances fit answers printed to the cent. Opt-in: generating SF 1 takes a minute or more here.
     */
    @Test
    @EnabledIfSystemProperty(named = "benchbox.tpch.sf1", matches = "true")
    void all22QueriesMatchTheSf1ReferenceAnswers() {
        try (DuckDbPlatform sf1 = load(1)) {
            assertThat(failures(sf1, 1, ValidationMode.EXACT)).isEmpty();
        }
    }

    private List<String> failures(DuckDbPlatform db, double scaleFactor, ValidationMode mode) {
        List<String> failures = new ArrayList<>();
        for (TpchQuery query : TpchQueries.all()) {
            QueryExecution answer = run(db, query.name(), query.sql());
            Validation validation = validator.validate(query.number(), scaleFactor, mode, answer.columns(),
                    answer.rows());
            if (validation.status() != Status.PASSED) {
                failures.add(query.name() + " " + validation.status() + ": " + validation.detail());
            }
        }
        return failures;
    }
}
