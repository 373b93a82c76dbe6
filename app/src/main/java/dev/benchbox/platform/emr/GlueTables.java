package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.dataset.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetTablesRequest;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/**
 * The Glue Data Catalog as the platform's schemas and tables. A dry run gives it a recording client
 * ({@link RecordingGlueClient}), which answers from what the recorded requests would have created.
 */
final class GlueTables {
    static final String SERVICE = "glue";

    private final String region;
    private final GlueClient glue;
    private final AwsUsage usage;
    private final PreviewFiles previews;

    /** {@code usage} learns each database a call names, before the call: a refused call is one the policy must allow. */
    GlueTables(String region, GlueClient glue, AwsUsage usage) {
        this(region, glue, usage, PreviewFiles.NONE);
    }

    /** As {@link #GlueTables(String, GlueClient, AwsUsage)}; {@code previews} gets each table registered as Spark DDL. */
    GlueTables(String region, GlueClient glue, AwsUsage usage, PreviewFiles previews) {
        this.region = requireNonNull(region, "region is null");
        this.glue = requireNonNull(glue, "glue is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.previews = requireNonNull(previews, "previews is null");
    }

    /** Creates the database unless it exists (idempotent). */
    void createDatabase(String database) {
        CreateDatabaseRequest request = CreateDatabaseRequest.builder()
                .databaseInput(d -> d.name(database).description("BenchBox benchmark data"))
                .build();
        usage.database(database);
        try {
            AwsCallFailed.call(SERVICE, "CreateDatabase", database, region, () -> glue.createDatabase(request));
        } catch (AwsCallFailed e) {
            if (!(e.getCause() instanceof AlreadyExistsException)) {
                throw e;
            }
        }
    }

    boolean databaseExists(String database) {
        usage.database(database);
        try {
            AwsCallFailed.call(SERVICE, "GetDatabase", database, region, () -> glue.getDatabase(b -> b.name(database)));
            return true;
        } catch (AwsCallFailed e) {
            if (e.getCause() instanceof EntityNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    /** Database names, every page of GetDatabases, sorted. */
    List<String> listDatabases() {
        List<String> names = new ArrayList<>();
        AwsCallFailed.call(SERVICE, "GetDatabases", "", region, () -> {
            glue.getDatabasesPaginator(GetDatabasesRequest.builder().build())
                    .forEach(page -> page.databaseList().forEach(d -> names.add(d.name())));
            return null;
        });
        names.sort(null);
        return names;
    }

    /** Table names, every page of GetTables, sorted. */
    List<String> listTables(String database) {
        List<String> names = new ArrayList<>();
        usage.database(database);
        try {
            AwsCallFailed.call(SERVICE, "GetTables", database, region, () -> {
                glue.getTablesPaginator(GetTablesRequest.builder().databaseName(database).build())
                        .forEach(page -> page.tableList().forEach(t -> names.add(t.name())));
                return null;
            });
        } catch (AwsCallFailed e) {
            if (e.getCause() instanceof EntityNotFoundException) {
                throw noDatabase(database);
            }
            throw e;
        }
        names.sort(null);
        return names;
    }

    /** A table's columns and parameters, or empty when it does not exist. */
    Optional<TableState> table(String database, String table) {
        String name = table.toLowerCase(Locale.ROOT);
        usage.database(database);
        try {
            Table t = AwsCallFailed.call(SERVICE, "GetTable", database + "." + name, region,
                    () -> glue.getTable(b -> b.databaseName(database).name(name))).table();
            List<Column> columns = new ArrayList<>();
            if (t.storageDescriptor() != null) {
                t.storageDescriptor().columns().forEach(c -> columns.add(new Column(c.name(), c.type())));
            }
            t.partitionKeys().forEach(c -> columns.add(new Column(c.name(), c.type())));
            return Optional.of(new TableState(t.name(), columns,
                    t.storageDescriptor() == null ? null : t.storageDescriptor().location(), new LinkedHashMap<>(t.parameters())));
        } catch (AwsCallFailed e) {
            if (e.getCause() instanceof EntityNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the table, or updates it in place when it exists (so a reload keeps one definition). */
    void createOrUpdateTable(String database, GlueTableDefinition definition) {
        CreateTableRequest create = CreateTableRequest.builder().databaseName(database).tableInput(definition.tableInput()).build();
        usage.database(database);
        try {
            AwsCallFailed.call(SERVICE, "CreateTable", database + "." + definition.name(), region, () -> glue.createTable(create));
        } catch (AwsCallFailed e) {
            if (!(e.getCause() instanceof AlreadyExistsException)) {
                if (e.getCause() instanceof EntityNotFoundException) {
                    throw noDatabase(database);
                }
                throw e;
            }
            UpdateTableRequest update = UpdateTableRequest.builder().databaseName(database).tableInput(definition.tableInput()).build();
            AwsCallFailed.call(SERVICE, "UpdateTable", database + "." + definition.name(), region, () -> glue.updateTable(update));
        }
        previews.write("tables/" + definition.name() + ".sql", definition.ddl(database));
    }

    /** Each table's location, for a run's manifest (the path-based catalog mode reads them). */
    Map<String, String> locations(String database) {
        Map<String, String> locations = new java.util.LinkedHashMap<>();
        for (String table : listTables(database)) {
            table(database, table).map(TableState::location).ifPresent(location -> locations.put(table, location));
        }
        return locations;
    }

    private static BenchboxException noDatabase(String database) {
        return new BenchboxException("Glue database '" + database + "' does not exist: create it with create-schema " + database);
    }

    /** A table as the catalog holds it. */
    record TableState(String name, List<Column> columns, String location, Map<String, String> parameters) {
    }
}
