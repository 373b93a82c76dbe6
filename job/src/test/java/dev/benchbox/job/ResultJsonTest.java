package dev.benchbox.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultJsonTest {

    @Test
    void aRefreshFunctionsResultIsAnExecutionLikeAQuerysWithTheRowsEachTableGainedOrLost() {
        Map<String, Long> changes = new LinkedHashMap<>();
        changes.put("lineitem", -38L);
        changes.put("orders", -10L);
        Execution rf2 = new Execution("RF2", 1, false, 5_547_100_000L, 48, List.of(), List.of(), null, "results/RF2-1.json",
                Map.of(), Map.of("input_rows", 60_222L), 1_000L, changes);

        String json = new String(ResultJson.execution("r-1", rf2), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"run_id\":\"r-1\",\"id\":\"RF2\",\"iteration\":1,\"warmup\":false,\"ms\":5547.100000,"
                + "\"rows\":48,\"metrics\":{\"input_rows\":60222},\"row_changes\":{\"lineitem\":-38,\"orders\":-10},"
                + "\"columns\":[],\"data\":[],\"error\":null}");
    }

    @Test
    void aQuerysResultHasNoRowChanges() {
        Execution q1 = new Execution("Q1", 1, false, 1_000_000L, 4, List.of(), List.of(), null, "results/Q1-1.json", Map.of(), Map.of(), 0L);

        assertThat(new String(ResultJson.execution("r-1", q1), StandardCharsets.UTF_8)).doesNotContain("row_changes");
    }
}
