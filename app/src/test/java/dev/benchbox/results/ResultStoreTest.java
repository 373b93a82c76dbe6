package dev.benchbox.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    private static final RunResult RUN = RunSummaryPrinterTest.smallRun(
            new RunResult.Summary(2, 1, 1, 0, 15.39, 6.2, 12345.68, "computed over 2 query timing intervals"));

    @TempDir
    Path dir;

    @Test
    void writesSnakeCaseJsonWithTheBenchboxSections() throws Exception {
        Path file = new ResultStore(dir.resolve("benchbox-results")).write(RUN);

        assertThat(file).isEqualTo(dir.resolve("benchbox-results/tpch_sf0.01_duckdb_20240102T030405Z.json"));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(fieldNames(json)).containsExactly("run", "benchmark", "platform", "summary", "queries", "statistics",
                "configuration", "outcomes");
        assertThat(json.get("outcomes").toString()).isEqualTo("{\"executions\":2,\"validated\":1,\"exact\":1,\"row_count\":0,"
                + "\"unvalidated\":0,\"failed\":1,\"errors\":0}");
        assertThat(json.at("/run/started").asText()).isEqualTo("2024-01-02T03:04:05Z");
        assertThat(json.at("/benchmark/scale_factor").asDouble()).isEqualTo(0.01);
        assertThat(fieldNames(json.get("summary"))).containsExactly("queries", "passed", "failed", "errors",
                "total_ms", "geometric_mean_ms", "power_at_size", "power_note");
        assertThat(json.at("/platform/details/description").asText()).isEqualTo("DuckDB v1.4.4 (in-memory)");

        JsonNode q1 = json.at("/queries/0");
        assertThat(fieldNames(q1)).contains("id", "ms", "rows", "iteration", "status").doesNotContain("message");
        assertThat(q1.get("id").asText()).isEqualTo("Q1");
        assertThat(q1.get("ms").asDouble()).isEqualTo(12.34);
        assertThat(q1.get("rows").asLong()).isEqualTo(4);
        assertThat(q1.get("iteration").asInt()).isEqualTo(1);
        assertThat(q1.get("status").asText()).isEqualTo("validated");
        assertThat(json.at("/queries/1/status").asText()).isEqualTo("failed");
        assertThat(json.at("/queries/1/message").asText()).isEqualTo("row 1 column revenue: expected 1, got 2");
    }

    @Test
    void aLinkPlantedAtTheOldSideFileNameIsNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Path results = Files.createDirectories(dir.resolve("benchbox-results"));
        Files.createSymbolicLink(results.resolve("tpch_sf0.01_duckdb_20240102T030405Z.json.partial"), victim);

        Path file = new ResultStore(results).write(RUN);

        assertThat(victim).hasContent("precious");
        assertThat(new ResultStore(results).read(file)).isEqualTo(RUN);
    }

    @Test
    void shellsWritingResultsOfTheSameSecondAtOnceKeepEveryFile() throws Exception {
        ResultStore store = new ResultStore(dir);
        int shells = 6;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(shells);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(shells);
        try {
            List<java.util.concurrent.Future<Path>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < shells; i++) {
                writes.add(pool.submit(() -> {
                    start.await();
                    return store.write(RUN);
                }));
            }
            java.util.Set<Path> files = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Path> write : writes) {
                files.add(write.get());
            }
            assertThat(files).hasSize(shells);
            for (Path file : files) {
                assertThat(store.read(file)).isEqualTo(RUN);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).hasSize(shells).allMatch(name -> name.endsWith(".json"));
        }
    }

    @Test
    void readsBackWhatItWrote() {
        ResultStore store = new ResultStore(dir);

        assertThat(store.read(store.write(RUN))).isEqualTo(RUN);
    }

    @Test
    void recordsSparksPhasesAndTaskMetricsPerExecutionAndReadsThemBack() throws Exception {
        java.util.Map<String, Long> metrics = new java.util.LinkedHashMap<>();
        SparkMetrics.NAMES.forEach(name -> metrics.put(name, (long) name.length()));
        RunResult spark = new RunResult(RUN.run(), RUN.benchmark(), RUN.platform(), RUN.summary(),
                RUN.queries().stream().map(q -> q.withPhases(java.util.Map.of("parsing", 2L)).withMetrics(metrics)).toList(), List.of());
        ResultStore store = new ResultStore(dir);
        Path file = store.write(spark);

        JsonNode json = store.mapper().readTree(file.toFile());
        assertThat(json.at("/queries/0/metrics/input_rows").asLong()).isEqualTo(10);
        assertThat(fieldNames(json.at("/queries/0/metrics"))).containsExactlyElementsOf(SparkMetrics.NAMES);
        assertThat(store.read(file)).isEqualTo(spark);
        assertThat(store.mapper().readTree(store.write(RUN).toFile()).at("/queries/0").has("metrics")).as("none when not reported").isFalse();
    }

    @Test
    void recordsEachQuerysStatisticsAndComputesThemForAFileWrittenWithout() throws Exception {
        ResultStore store = new ResultStore(dir);
        Path file = store.write(RUN);
        JsonNode json = store.mapper().readTree(file.toFile());
        assertThat(json.at("/statistics/0/id").asText()).isEqualTo("Q1");
        assertThat(fieldNames(json.at("/statistics/0"))).containsExactly("id", "samples", "cold_ms", "cold_included", "min_ms",
                "median_ms", "max_ms", "mean_ms");

        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("statistics");
        Path older = dir.resolve("older.json");
        store.mapper().writeValue(older.toFile(), json);

        assertThat(store.read(older).statistics()).isEqualTo(RUN.statistics()).hasSize(2);
    }

    @Test
    void recordsTheConfigurationTypedAndDerivesOneForAFileWrittenWithout() throws Exception {
        java.time.Instant started = java.time.Instant.parse("2024-01-02T03:04:05Z");
        EngineConfiguration engine = new EngineConfiguration("emr-serverless", "emr-7.0.0", "emr-7.0.0", "arm64", "us-east-1",
                new EngineConfiguration.Workers(1, 4, 16, 20), new EngineConfiguration.Workers(3, 4, 16, 20), null,
                new EngineConfiguration.Workers(2, 4, 16, 20), java.util.Map.of("spark.executor.cores", "4"));
        RunResult emr = new RunResult(RUN.run(), RUN.benchmark(), RUN.platform(), RUN.summary(), RUN.queries(), List.of(), null,
                new RunConfiguration(engine, "tpch", 0.01, List.of("Q1", "Q6"), 0, 1, 1, "exact", "0.1.0"));
        ResultStore store = new ResultStore(dir);
        Path file = store.write(emr);

        JsonNode json = store.mapper().readTree(file.toFile());
        assertThat(json.at("/configuration/engine/pre_initialized_executors/count").asInt()).isEqualTo(2);
        assertThat(json.at("/configuration/engine/executors/memory_gb").asInt()).isEqualTo(16);
        assertThat(json.at("/configuration/engine/settings/spark.executor.cores").asText()).isEqualTo("4");
        assertThat(json.at("/configuration/engine").has("pre_initialized_driver")).isFalse();
        assertThat(json.at("/configuration/shell_version").asText()).isEqualTo("0.1.0");
        assertThat(store.read(file)).isEqualTo(emr);

        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("configuration");
        Path older = dir.resolve("older.json");
        store.mapper().writeValue(older.toFile(), json);
        assertThat(store.read(older).configuration()).isEqualTo(new RunConfiguration(
                EngineConfiguration.embedded("duckdb", "v1.4.4", null), "tpch", 0.01, List.of("Q1", "Q6"), 0, 1, 1, "exact", null));
    }

    @Test
    void neverOverwritesAnEarlierResult() throws Exception {
        ResultStore store = new ResultStore(dir);

        Path first = store.write(RUN);
        Path second = store.write(RUN);
        Path third = store.write(RUN);

        assertThat(first.getFileName()).hasToString("tpch_sf0.01_duckdb_20240102T030405Z.json");
        assertThat(second.getFileName()).hasToString("tpch_sf0.01_duckdb_20240102T030405Z-2.json");
        assertThat(third.getFileName()).hasToString("tpch_sf0.01_duckdb_20240102T030405Z-3.json");
        assertThat(Files.readString(first)).isEqualTo(Files.readString(second));
    }

    @Test
    void leavesNoPartialFileBehind() throws Exception {
        new ResultStore(dir).write(RUN);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactly("tpch_sf0.01_duckdb_20240102T030405Z.json");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
