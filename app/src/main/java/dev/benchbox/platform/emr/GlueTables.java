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

    /**
     * Each table's format (one GetTables listing): Iceberg when Iceberg's Glue catalog manages it ({@code table_type}
     * ICEBERG), else Parquet. Empty when the database does not exist.
     */
    Map<String, dev.benchbox.platform.TableFormat> tableFormats(String database) {
        Map<String, dev.benchbox.platform.TableFormat> formats = new java.util.TreeMap<>();
        usage.database(database);
        try {
            AwsCallFailed.call(SERVICE, "GetTables", database, region, () -> {
                glue.getTablesPaginator(GetTablesRequest.builder().databaseName(database).build())
                        .forEach(page -> page.tableList().forEach(t -> formats.put(t.name(), formatOf(t.parameters()))));
                return null;
            });
        } catch (AwsCallFailed e) {
            if (e.getCause() instanceof EntityNotFoundException) {
                return Map.of();
            }
            throw e;
        }
        return formats;
    }

    /** Whether the database holds Iceberg tables (one GetTables listing): then Spark reads it through Iceberg's catalog. */
    boolean holdsIceberg(String database) {
        return tableFormats(database).containsValue(dev.benchbox.platform.TableFormat.ICEBERG);
    }

    /** The format a Glue table's parameters say. */
    static dev.benchbox.platform.TableFormat formatOf(Map<String, String> parameters) {
        String type = parameters == null ? null : parameters.get("table_type");
        return type != null && type.equalsIgnoreCase(dev.benchbox.platform.emr.job.IcebergCatalog.GLUE_TABLE_TYPE)
                ? dev.benchbox.platform.TableFormat.ICEBERG : dev.benchbox.platform.TableFormat.PARQUET;
    }

    /**
     * Adds {@code parameters} to an existing table, keeping everything else it holds (an Iceberg table's metadata
     * location above all): read, then updated at the version read, as Iceberg's own commits do, so a concurrent commit
     * is never overwritten (Glue refuses the update instead).
     */
    void addParameters(String database, String table, Map<String, String> parameters) {
        String name = table.toLowerCase(Locale.ROOT);
        usage.database(database);
        Table t = AwsCallFailed.call(SERVICE, "GetTable", database + "." + name, region,
                () -> glue.getTable(b -> b.databaseName(database).name(name))).table();
        Map<String, String> all = new LinkedHashMap<>(t.parameters());
        all.putAll(parameters);
        software.amazon.awssdk.services.glue.model.TableInput input = software.amazon.awssdk.services.glue.model.TableInput.builder()
                .name(t.name()).description(t.description()).owner(t.owner()).retention(t.retention())
                .storageDescriptor(t.storageDescriptor()).partitionKeys(t.partitionKeys()).tableType(t.tableType())
                .parameters(all).build();
        UpdateTableRequest update = UpdateTableRequest.builder().databaseName(database).tableInput(input)
                .versionId(t.versionId()).skipArchive(true).build();
        AwsCallFailed.call(SERVICE, "UpdateTable", database + "." + name, region, () -> glue.updateTable(update));
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
        return forJob(database).locations();
    }

    /**
     * What a job run needs to find the database's tables: their locations, and how: through Iceberg's Glue catalog when
     * the database holds Iceberg tables, else Glue as Spark's metastore.
     */
    JobTables forJob(String database) {
        Map<String, String> locations = new java.util.LinkedHashMap<>();
        boolean iceberg = false;
        for (String table : listTables(database)) {
            Optional<TableState> state = table(database, table);
            if (state.isPresent()) {
                if (state.get().location() != null) {
                    locations.put(table, state.get().location());
                }
                iceberg |= formatOf(state.get().parameters()) == dev.benchbox.platform.TableFormat.ICEBERG;
            }
        }
        return new JobTables(iceberg ? dev.benchbox.platform.emr.job.RunManifest.Catalog.ICEBERG
                : dev.benchbox.platform.emr.job.RunManifest.Catalog.GLUE, locations);
    }

    /** A database's tables as a job run finds them. */
    record JobTables(dev.benchbox.platform.emr.job.RunManifest.Catalog catalog, Map<String, String> locations) {
    }

    private static BenchboxException noDatabase(String database) {
        return new BenchboxException("Glue database '" + database + "' does not exist: create it with create-schema " + database);
    }

    /** A table as the catalog holds it. */
    record TableState(String name, List<Column> columns, String location, Map<String, String> parameters) {
    }
}
