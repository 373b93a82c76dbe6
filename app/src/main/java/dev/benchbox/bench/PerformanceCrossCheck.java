package dev.benchbox.bench;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.benchmark.Benchmark;
import dev.benchbox.cache.DataCache;
import dev.benchbox.platform.BatchQuery;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.platform.StreamConnections.StreamConnection;
import dev.benchbox.results.FullRunResult.CrossCheck;
import dev.benchbox.results.FullRunResult.CrossCheckedAnswer;
import dev.benchbox.tpch.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The performance tests' answers checked against DuckDB's ({@code run --full --validate cross}): their query parameters
 * are random, so no reference answer exists, but a second engine on the same data must give the same answer.
 *
 * <p>The answers the timed tests return cannot be the ones compared: the power test's stream runs after RF1, and the
 * throughput streams run while the refresh stream inserts and deletes, so what each query saw depends on timing no
 * second engine can reproduce. So after the timed tests, once the data is back as loaded, every distinct query text of
 * the streams runs once more, untimed, on the platform, and its answer is compared with DuckDB's over the data cache's
 * Parquet files (the data the platform loaded), under the rules a reference answer is checked with. DuckDB's answers are
 * computed before the timed tests, so a text DuckDB cannot run stops the run before the platform has spent anything on
 * the tests.
 */
final class PerformanceCrossCheck {
    /** What the answers are compared with, as results and the summary say it. */
    static final String AGAINST = "DuckDB in-process over this machine's cached Parquet copy of the loaded data, "
            + "after the data was put back as loaded";

    private final DataCache cache;
    private final Benchmark benchmark;
    private final double scaleFactor;

    private PerformanceCrossCheck(DataCache cache, Benchmark benchmark, double scaleFactor) {
        this.cache = cache;
        this.benchmark = requireNonNull(benchmark, "benchmark is null");
        this.scaleFactor = scaleFactor;
    }

    /**
     * A cross-check of a run on {@code platformName}, refused in one line before any work where it cannot mean anything:
     * on DuckDB itself, or without the benchmark's data at that scale in this machine's data cache.
     *
     * @param cache null when the shell has none: refused as an empty cache
     */
    static PerformanceCrossCheck of(DataCache cache, String platformName, Benchmark benchmark, double scaleFactor) {
        CrossReference.refusal(platformName).ifPresent(reason -> {
            throw new BenchboxException(reason);
        });
        CrossReference.cached(cache, benchmark, scaleFactor).close();
        return new PerformanceCrossCheck(cache, benchmark, scaleFactor);
    }

    /** One distinct query text and the stream queries that ran it. */
    record Text(BatchQuery query, List<String> streams) {
        Text {
            streams = List.copyOf(streams);
        }
    }

    /**
     * The distinct texts of the query streams (0: the power test's, reported as {@code power}) and DuckDB's answers to
     * them. Texts are grouped in rounds with one text per query id, since answers are told apart by id.
     */
    record Reference(List<List<Text>> rounds, Map<BatchQuery, CrossReference.Answer> answers, List<List<BatchQuery>> streams) {
        int texts() {
            return rounds.stream().mapToInt(List::size).sum();
        }
    }

    /** DuckDB's answers to every distinct text of the streams; one line when DuckDB cannot compute one. */
    Reference reference(List<List<BatchQuery>> queryStreams) {
        Map<BatchQuery, List<String>> byText = new LinkedHashMap<>();
        for (int s = 0; s < queryStreams.size(); s++) {
            for (BatchQuery query : queryStreams.get(s)) {
                byText.computeIfAbsent(query, q -> new ArrayList<>()).add(streamName(s));
            }
        }
        List<List<Text>> rounds = new ArrayList<>();
        Map<String, Integer> variants = new HashMap<>();
        for (Map.Entry<BatchQuery, List<String>> text : byText.entrySet()) {
            int round = variants.merge(text.getKey().id(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(new Text(text.getKey(), text.getValue()));
        }
        Map<BatchQuery, CrossReference.Answer> answers = new HashMap<>();
        for (List<Text> round : rounds) {
            List<BatchQuery> queries = round.stream().map(Text::query).toList();
            Map<String, CrossReference.Answer> byId = CrossReference.answers(cache, benchmark, scaleFactor, queries);
            queries.forEach(query -> answers.put(query, byId.get(query.id())));
        }
        return new Reference(rounds, answers, queryStreams);
    }

    /**
     * Runs every distinct text once on the platform through {@code connection} and compares its answers with DuckDB's;
     * {@code listener} hears each text's outcome as it comes, one answer per stream that ran it. A failure of the pass
     * itself (cancelled, the connection lost) is recorded as an incomplete cross-check, with what was not checked.
     */
    CrossCheck run(StreamConnection connection, Reference reference, Consumer<List<CrossCheckedAnswer>> listener) {
        Map<BatchQuery, List<CrossCheckedAnswer>> outcomes = new HashMap<>();
        String incomplete = null;
        try {
            for (List<Text> round : reference.rounds()) {
                Map<String, Text> byId = new HashMap<>();
                round.forEach(text -> byId.put(text.query().id(), text));
                connection.runStream(round.stream().map(Text::query).toList(), PowerRunService.MAX_ROWS_KEPT, execution -> {
                    Text text = byId.get(execution.queryId());
                    List<CrossCheckedAnswer> answers = compare(text, reference.answers().get(text.query()), execution);
                    outcomes.put(text.query(), answers);
                    listener.accept(answers);
                });
            }
        } catch (BenchboxException e) {
            incomplete = e.getMessage();
        }
        // per query of each stream, in the streams' own orders
        List<CrossCheckedAnswer> answers = new ArrayList<>();
        for (int s = 0; s < reference.streams().size(); s++) {
            String stream = streamName(s);
            for (BatchQuery query : reference.streams().get(s)) {
                answers.add(outcomes.getOrDefault(query, List.of()).stream().filter(a -> a.stream().equals(stream)).findFirst()
                        .orElse(new CrossCheckedAnswer(stream, query.id(), CrossCheckedAnswer.NOT_CHECKED, null,
                                "the cross-check stopped before this text ran")));
            }
        }
        return new CrossCheck(AGAINST, reference.texts(), count(answers, CrossCheckedAnswer.CROSS_CHECKED),
                count(answers, CrossCheckedAnswer.DIFFERS), count(answers, CrossCheckedAnswer.ERROR), answers, incomplete);
    }

    private List<CrossCheckedAnswer> compare(Text text, CrossReference.Answer duckdb, QueryExecution execution) {
        String status;
        String message;
        Long rows = null;
        if (execution.failed()) {
            status = CrossCheckedAnswer.ERROR;
            message = execution.error();
        } else {
            rows = execution.rowCount();
            Validation validation = benchmark.crossCheck(text.query().id(), duckdb.columns(), duckdb.rows(),
                    execution.columns(), execution.rows());
            status = switch (validation.status()) {
                case PASSED -> CrossCheckedAnswer.CROSS_CHECKED;
                case FAILED -> CrossCheckedAnswer.DIFFERS;
                case NOT_VALIDATED -> CrossCheckedAnswer.NOT_CHECKED;
            };
            message = validation.detail();
        }
        List<CrossCheckedAnswer> answers = new ArrayList<>();
        for (String stream : text.streams()) {
            answers.add(new CrossCheckedAnswer(stream, text.query().id(), status, rows, message));
        }
        return answers;
    }

    private static int count(List<CrossCheckedAnswer> answers, String status) {
        return (int) answers.stream().filter(a -> a.status().equals(status)).count();
    }

    /** Stream 0 is the power test's, as the timing intervals name it. */
    static String streamName(int stream) {
        return stream == 0 ? "power" : Integer.toString(stream);
    }
}
