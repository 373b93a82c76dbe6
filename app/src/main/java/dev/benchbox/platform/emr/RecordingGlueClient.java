package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseResponse;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.CreateTableResponse;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableResponse;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableResponse;

/**
 * The Glue client of a dry run: CreateDatabase and CreateTable are written by the {@link DryRunRecorder} and
 * answered as AWS would; reads answer from what the recorded requests would have created. A dry run cannot know
 * what exists, so it previews every database as existing and writes CreateDatabase once per database.
 */
final class RecordingGlueClient implements GlueClient {
    private final DryRunRecorder recorder;
    private final Map<String, Map<String, TableInput>> planned = new ConcurrentHashMap<>();

    RecordingGlueClient(DryRunRecorder recorder) {
        this.recorder = requireNonNull(recorder, "recorder is null");
    }

    @Override
    public CreateDatabaseResponse createDatabase(CreateDatabaseRequest request) {
        String name = request.databaseInput().name();
        if (planned.putIfAbsent(name, new ConcurrentHashMap<>()) != null) {
            throw AlreadyExistsException.builder().message("Database already exists.").build();
        }
        recorder.record("CreateDatabase", name, request);
        return CreateDatabaseResponse.builder().build();
    }

    @Override
    public GetDatabaseResponse getDatabase(GetDatabaseRequest request) {
        return GetDatabaseResponse.builder().database(Database.builder().name(request.name()).build()).build();
    }

    @Override
    public GetDatabasesResponse getDatabases(GetDatabasesRequest request) {
        // what the preview has planned so far: reading the catalog is not part of a dry run
        return GetDatabasesResponse.builder().databaseList(planned.keySet().stream().sorted()
                .map(name -> Database.builder().name(name).build()).toList()).build();
    }

    @Override
    public GetTablesResponse getTables(GetTablesRequest request) {
        return GetTablesResponse.builder().tableList(planned.getOrDefault(request.databaseName(), Map.of()).values().stream()
                .sorted(Comparator.comparing(TableInput::name)).map(t -> table(request.databaseName(), t)).toList()).build();
    }

    @Override
    public GetTableResponse getTable(GetTableRequest request) {
        TableInput input = planned.getOrDefault(request.databaseName(), Map.of()).get(request.name());
        if (input == null) {
            throw EntityNotFoundException.builder().message("Table " + request.name() + " not found.").build();
        }
        return GetTableResponse.builder().table(table(request.databaseName(), input)).build();
    }

    /**
     * An Iceberg table a previewed job run would create through Iceberg's Glue catalog (not the shell: no request file),
     * known to the preview's later look-ups as Glue would hold it ({@code table_type=ICEBERG}).
     */
    void icebergTableCreatedByJob(String database, String table) {
        planned.computeIfAbsent(database, d -> new ConcurrentHashMap<>()).put(table, TableInput.builder().name(table)
                .parameters(Map.of("table_type", dev.benchbox.platform.emr.job.IcebergCatalog.GLUE_TABLE_TYPE)).build());
    }

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        recorder.record("CreateTable", request.tableInput().name(), request);
        planned.computeIfAbsent(request.databaseName(), d -> new ConcurrentHashMap<>()).put(request.tableInput().name(), request.tableInput());
        return CreateTableResponse.builder().build();
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        recorder.record("UpdateTable", request.tableInput().name(), request);
        planned.computeIfAbsent(request.databaseName(), d -> new ConcurrentHashMap<>()).put(request.tableInput().name(), request.tableInput());
        return UpdateTableResponse.builder().build();
    }

    private static Table table(String database, TableInput input) {
        return Table.builder().databaseName(database).name(input.name()).storageDescriptor(input.storageDescriptor())
                .partitionKeys(input.partitionKeys()).parameters(input.parameters()).tableType(input.tableType()).build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
