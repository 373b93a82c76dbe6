package dev.benchbox.results.compare;

import static dev.benchbox.results.compare.Fixtures.duckdb;
import static dev.benchbox.results.compare.Fixtures.named;
import static dev.benchbox.results.compare.Fixtures.stat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code compare --format json} against the schema shipped in {@code schemas/compare.schema.json}. */
class CompareJsonSchemaTest {
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try (InputStream in = CompareJsonSchemaTest.class.getResourceAsStream("/schemas/compare.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(Comparison comparison) throws Exception {
        return new ObjectMapper().readTree(ComparisonPrinterTest.print(CompareFormat.JSON, comparison));
    }

    @Test
    void emrComparisonWithRegressionsMatchesTheSchema() throws Exception {
        JsonNode json = json(ComparisonPrinterTest.COMPARISON);

        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(json.at("/runs/1/billed_usd").decimalValue()).isEqualByComparingTo("0.16");
        assertThat(json.at("/queries/0/cells/1/change").asText()).isEqualTo("regression");
        assertThat(json.at("/regressions/0/slower_pct").asDouble()).isEqualTo(50.0);
    }

    @Test
    void taskMetricsAndWhatChangedMatchTheSchema() throws Exception {
        JsonNode json = json(ComparisonPrinterTest.METRICS);

        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(json.at("/queries/1/cells/1/metric_changes/0/metric").asText()).isEqualTo("input_rows");
    }

    @Test
    void phasesAndThePhaseThatMovedMatchTheSchema() throws Exception {
        JsonNode json = json(ComparisonPrinterTest.PHASES);

        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(json.at("/queries/0/cells/1/phases/execution_ms").asDouble()).isEqualTo(1430.0);
        assertThat(json.at("/queries/0/cells/1/phases/phases_ms/analysis").asDouble()).isEqualTo(20.0);
        assertThat(json.at("/queries/0/cells/1/moved/phase").asText()).isEqualTo("execution");
        assertThat(json.at("/queries/0/cells/1/moved/delta_ms").asDouble()).isEqualTo(500.0);
        assertThat(json.at("/queries/2/cells/1/moved/phase").asText()).isEqualTo("analysis");
        // the same query, no change: phases but nothing moved
        assertThat(json.at("/queries/1/cells/1/phases/planning_ms").asDouble()).isEqualTo(26.0);
        assertThat(json.at("/queries/1/cells/1").has("moved")).isFalse();
    }

    @Test
    void forcedDuckDbComparisonWithMissingQueriesMatchesTheSchema() throws Exception {
        JsonNode json = json(new Comparer().compare(List.of(named("a", duckdb(1, stat("Q1", 5, null), stat("Q2", 7, null))),
                named("b", duckdb(10, stat("Q1", 50, 0.1)))), 0, null, true));

        assertThat(SCHEMA.validate(json)).isEmpty();
        assertThat(json.has("threshold_pct")).isFalse();
        assertThat(json.at("/mismatch").asText()).isEqualTo("a is tpch SF1, b is tpch SF10");
    }

    @Test
    void aRunWithCrossCheckedAnswersMatchesTheSchema() throws Exception {
        ObjectNode json = (ObjectNode) json(ComparisonPrinterTest.COMPARISON);
        ObjectNode outcomes = (ObjectNode) json.at("/runs/0/outcomes");
        assertThat(outcomes.isMissingNode()).isFalse();
        outcomes.put("exact", outcomes.get("exact").asInt() - 1).put("cross", 1);

        assertThat(SCHEMA.validate(json)).isEmpty();
    }

    @Test
    void theSchemaIsStrictEnoughToCatchAWrongShape() throws Exception {
        ObjectNode json = (ObjectNode) json(ComparisonPrinterTest.COMPARISON);
        ((ObjectNode) json.at("/queries/0/cells/1")).put("change", "worse");
        json.remove("baseline");

        Set<ValidationMessage> errors = SCHEMA.validate(json);

        assertThat(errors).hasSize(2);
    }
}
