package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.benchbox.platform.emr.job.GenerationManifest;
import dev.benchbox.platform.emr.job.JobResults;
import dev.benchbox.platform.emr.job.RunManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;

/**
 * The BenchBox job as a dry run "runs" it: nothing runs, and the job's canned answer is left where the real job
 * writes its own, so that the code after a job run reads it as it reads a real one and runs to completion. A power
 * run's summary lists no executions; a generation's report counts every planned part as written and no rows (a preview
 * cannot know them); a check finds the data set as the shell expects it, so the preview shows what registering sends. The manifests a dry run uploads are also its readable files ({@code runs/}, {@code generation/},
 * {@code check/}, and each query's SQL under {@code queries/}).
 */
final class PreviewJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordingS3Client s3;
    /** Told of each Iceberg table a generation's job would create through Iceberg's catalog: (database, table). */
    private final java.util.function.BiConsumer<String, String> icebergTable;

    PreviewJob(RecordingS3Client s3) {
        this(s3, (database, table) -> { });
    }

    PreviewJob(RecordingS3Client s3, java.util.function.BiConsumer<String, String> icebergTable) {
        this.s3 = requireNonNull(s3, "s3 is null");
        this.icebergTable = requireNonNull(icebergTable, "icebergTable is null");
    }

    /** What kind of manifest the job is given, told apart by its fields as the job itself does. */
    enum Kind {
        RUN("runs"), GENERATE("generation"), CHECK("check");

        private final String folder;

        Kind(String folder) {
            this.folder = folder;
        }

        static Optional<Kind> of(JsonNode manifest) {
            return switch (manifest.path("kind").asText("")) {
                case "generate" -> Optional.of(GENERATE);
                case "check" -> Optional.of(CHECK);
                case "" -> manifest.has("queries") ? Optional.of(RUN) : Optional.empty();
                default -> Optional.empty();
            };
        }
    }

    /** The preview files an uploaded object makes when it is a job manifest: the manifest itself and a run's queries. */
    static Map<String, String> previewFiles(String uri, byte[] bytes) {
        Map<String, String> files = new LinkedHashMap<>();
        if (!uri.endsWith("/" + RunManifest.FILE_NAME)) {
            return files;
        }
        JsonNode manifest = parse(bytes);
        Kind kind = manifest == null ? null : Kind.of(manifest).orElse(null);
        if (kind == null) {
            return files;
        }
        files.put(kind.folder + "/" + RunManifest.FILE_NAME, new String(bytes, StandardCharsets.UTF_8));
        if (kind == Kind.RUN) {
            for (JsonNode query : manifest.path("queries")) {
                files.put("queries/" + query.path("id").asText() + ".sql", query.path("sql").asText().strip() + System.lineSeparator());
            }
        }
        return files;
    }

    /**
     * The job run of {@code request}: what its requests file is called after ({@code power-run}, {@code generate-tpch}),
     * and the job's canned answer left under the manifest's output.
     */
    String ran(StartJobRunRequest request) {
        String manifestUri = request.jobDriver().sparkSubmit().entryPointArguments().get(0);
        JsonNode manifest = s3.object(manifestUri).map(PreviewJob::parse).orElse(null);
        Kind kind = manifest == null ? null : Kind.of(manifest).orElse(null);
        if (kind == null) {
            return null;
        }
        String output = manifest.path("output").asText();
        switch (kind) {
            case RUN -> {
                ObjectNode summary = JSON.createObjectNode().put("run_id", manifest.path("run_id").asText())
                        .put("status", JobResults.Status.SUCCEEDED.name()).put("started", 0L).put("ended", 0L);
                summary.putArray("executions");
                s3.jobWrote(output + JobResults.SUMMARY, bytes(summary));
                // the kind of run, as its name says it: "benchbox power run <id>"
                String name = request.name();
                String what = name.substring("benchbox ".length(), name.length() - manifest.path("run_id").asText().length()).strip();
                return what.replace(' ', '-');
            }
            case GENERATE -> {
                int parts = 0;
                for (JsonNode table : manifest.path("tables")) {
                    parts += table.path("parts").asInt();
                }
                // every planned part as written, no table counted: a preview cannot know the rows
                ObjectNode report = JSON.createObjectNode().put("parts_generated", parts).put("parts_reused", 0);
                report.putObject("tables");
                s3.jobWrote(output + GenerationManifest.REPORT, bytes(report));
                // the job's Iceberg catalog registers the tables itself: the preview's later commands (a session, a run) see them
                String database = manifest.path("iceberg").path("database").asText(null);
                if (database != null) {
                    manifest.path("tables").forEach(table -> icebergTable.accept(database, table.path("name").asText()));
                }
                return "generate-" + manifest.path("benchmark").asText().toLowerCase(Locale.ROOT);
            }
            default -> {
                // what a check finds in a data set exactly as the shell expects it (the manifest says what that is)
                ObjectNode report = JSON.createObjectNode();
                ObjectNode tables = report.putObject("tables");
                for (JsonNode table : manifest.path("tables")) {
                    JsonNode expected = manifest.path("expect").path(table.asText());
                    ObjectNode t = tables.putObject(table.asText()).put("exists", true).put("rows", expected.path("rows").asLong());
                    t.set("columns", expected.path("columns").deepCopy());
                }
                s3.jobWrote(output + EmrDataGeneration.CHECK_REPORT, bytes(report));
                return "check-" + manifest.path("benchmark").asText().toLowerCase(Locale.ROOT);
            }
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return null; // not JSON: not a manifest
        }
    }
}
