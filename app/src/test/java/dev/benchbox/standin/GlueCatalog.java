package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The Glue Data Catalog operations the stand-in serves (JSON 1.1): databases and tables held in memory,
 * names lower-cased as Glue stores them, GetDatabases/GetTables paginated with NextToken and MaxResults,
 * and Glue's AlreadyExistsException / EntityNotFoundException (HTTP 400).
 */
public final class GlueCatalog {

    /** Glue's default page size for GetTables/GetDatabases. */
    static final int DEFAULT_PAGE = 100;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Clock clock;
    private final String accountId;
    // database name → (database, tables by name); sorted so pages are stable
    private final Map<String, ObjectNode> databases = new TreeMap<>();
    private final Map<String, Map<String, ObjectNode>> tables = new TreeMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    GlueCatalog(Clock clock, String accountId) {
        this.clock = requireNonNull(clock, "clock is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    /**
     * A table as a Spark job needs it: where its files are and what columns they hold; {@code tableType} is its
     * {@code table_type} parameter ({@code ICEBERG} for a table Iceberg's Glue catalog manages, else empty).
     */
    public record TableSnapshot(String database, String name, String location, List<ColumnSnapshot> columns,
                                List<ColumnSnapshot> partitionKeys, String serializationLibrary, String tableType) {
        public TableSnapshot {
            columns = List.copyOf(columns);
            partitionKeys = List.copyOf(partitionKeys);
        }

        /** Whether Iceberg's catalog owns it: its files are read through its metadata, not as a Hive table. */
        public boolean iceberg() {
            return "ICEBERG".equalsIgnoreCase(tableType);
        }
    }

    /** One Glue column: name and Hive type. */
    public record ColumnSnapshot(String name, String type) {
    }

    /** Told after each change to the databases or tables (open sessions re-read the catalog, as EMR's read Glue live). */
    public void onChange(Runnable listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    synchronized ObjectNode handle(String operation, ObjectNode in) {
        ObjectNode out = dispatch(operation, in);
        if (!operation.startsWith("Get")) {
            // before the answer leaves: a caller that saw CreateTable succeed finds the table in an open session
            listeners.forEach(Runnable::run);
        }
        return out;
    }

    private ObjectNode dispatch(String operation, ObjectNode in) {
        return switch (operation) {
            case "CreateDatabase" -> createDatabase(in);
            case "GetDatabase" -> getDatabase(in);
            case "GetDatabases" -> getDatabases(in);
            case "DeleteDatabase" -> deleteDatabase(in);
            case "CreateTable" -> createTable(in);
            case "UpdateTable" -> updateTable(in);
            case "GetTable" -> getTable(in);
            case "GetTables" -> getTables(in);
            case "DeleteTable" -> deleteTable(in);
            default -> throw new AwsError("InvalidInputException", 400, "Operation " + operation + " is not supported by the stand-in");
        };
    }

    /** Every table of every database, for jobs that use Glue as their metastore. */
    public synchronized List<TableSnapshot> snapshot() {
        List<TableSnapshot> out = new ArrayList<>();
        tables.forEach((db, byName) -> byName.values().forEach(t -> {
            JsonNode sd = t.path("StorageDescriptor");
            out.add(new TableSnapshot(db, t.get("Name").asText(), sd.path("Location").asText(""),
                    columns(sd.path("Columns")), columns(t.path("PartitionKeys")),
                    sd.path("SerdeInfo").path("SerializationLibrary").asText(""),
                    t.path("Parameters").path("table_type").asText("")));
        }));
        return out;
    }

    public synchronized List<String> databaseNames() {
        return List.copyOf(databases.keySet());
    }

    private static List<ColumnSnapshot> columns(JsonNode list) {
        List<ColumnSnapshot> out = new ArrayList<>();
        list.forEach(c -> out.add(new ColumnSnapshot(c.get("Name").asText(), c.path("Type").asText("string"))));
        return out;
    }

    private ObjectNode createDatabase(ObjectNode in) {
        JsonNode input = required(in, "DatabaseInput");
        String name = lower(input.get("Name").asText());
        if (databases.containsKey(name)) {
            throw new AwsError("AlreadyExistsException", 400, "Database already exists.");
        }
        ObjectNode db = ((ObjectNode) input).deepCopy();
        db.put("Name", name);
        db.put("CreateTime", now());
        db.put("CatalogId", accountId);
        databases.put(name, db);
        tables.put(name, new TreeMap<>());
        return JSON.objectNode();
    }

    private ObjectNode getDatabase(ObjectNode in) {
        ObjectNode out = JSON.objectNode();
        out.set("Database", database(in.get("Name").asText()).deepCopy());
        return out;
    }

    private ObjectNode getDatabases(ObjectNode in) {
        List<JsonNode> all = new ArrayList<>(databases.values());
        ObjectNode out = JSON.objectNode();
        page(all, in, out, "DatabaseList");
        return out;
    }

    private ObjectNode deleteDatabase(ObjectNode in) {
        String name = lower(in.get("Name").asText());
        database(name);
        databases.remove(name);
        tables.remove(name);
        return JSON.objectNode();
    }

    private ObjectNode createTable(ObjectNode in) {
        String db = lower(in.get("DatabaseName").asText());
        database(db);
        JsonNode input = required(in, "TableInput");
        String name = lower(input.get("Name").asText());
        if (tables.get(db).containsKey(name)) {
            throw new AwsError("AlreadyExistsException", 400, "Table already exists.");
        }
        ObjectNode t = table(db, name, (ObjectNode) input, now(), 0);
        tables.get(db).put(name, t);
        return JSON.objectNode();
    }

    private ObjectNode updateTable(ObjectNode in) {
        String db = lower(in.get("DatabaseName").asText());
        database(db);
        JsonNode input = required(in, "TableInput");
        String name = lower(input.get("Name").asText());
        ObjectNode old = existingTable(db, name);
        // Glue's optimistic check (what Iceberg's Glue catalog commits with): an update naming a version that is no
        // longer the table's current one lost a race and changes nothing
        if (in.hasNonNull("VersionId") && !in.get("VersionId").asText().equals(old.get("VersionId").asText())) {
            throw new AwsError("ConcurrentModificationException", 400, "Update table failed due to concurrent modifications.");
        }
        ObjectNode t = table(db, name, (ObjectNode) input, old.get("CreateTime").asDouble(), old.get("VersionId").asInt() + 1);
        tables.get(db).put(name, t);
        return JSON.objectNode();
    }

    private ObjectNode getTable(ObjectNode in) {
        String db = lower(in.get("DatabaseName").asText());
        database(db);
        ObjectNode out = JSON.objectNode();
        out.set("Table", existingTable(db, lower(in.get("Name").asText())).deepCopy());
        return out;
    }

    private ObjectNode getTables(ObjectNode in) {
        String db = lower(in.get("DatabaseName").asText());
        database(db);
        Pattern filter = in.hasNonNull("Expression") ? expression(in.get("Expression").asText()) : null;
        List<JsonNode> all = new ArrayList<>();
        tables.get(db).forEach((name, t) -> {
            if (filter == null || filter.matcher(name).matches()) {
                all.add(t);
            }
        });
        ObjectNode out = JSON.objectNode();
        page(all, in, out, "TableList");
        return out;
    }

    private ObjectNode deleteTable(ObjectNode in) {
        String db = lower(in.get("DatabaseName").asText());
        database(db);
        String name = lower(in.get("Name").asText());
        existingTable(db, name);
        tables.get(db).remove(name);
        return JSON.objectNode();
    }

    private ObjectNode table(String db, String name, ObjectNode input, double createTime, int version) {
        ObjectNode t = input.deepCopy();
        t.put("Name", name);
        t.put("DatabaseName", db);
        t.put("CreateTime", createTime);
        t.put("UpdateTime", now());
        t.put("CatalogId", accountId);
        t.put("IsRegisteredWithLakeFormation", false);
        t.put("VersionId", Integer.toString(version));
        return t;
    }

    private ObjectNode database(String name) {
        ObjectNode db = databases.get(lower(name));
        if (db == null) {
            throw new AwsError("EntityNotFoundException", 400, "Database " + lower(name) + " not found.");
        }
        return db;
    }

    private ObjectNode existingTable(String db, String name) {
        ObjectNode t = tables.get(db).get(name);
        if (t == null) {
            throw new AwsError("EntityNotFoundException", 400, "Table " + name + " not found.");
        }
        return t;
    }

    private static void page(List<JsonNode> all, ObjectNode in, ObjectNode out, String listName) {
        int size = in.hasNonNull("MaxResults") ? in.get("MaxResults").asInt() : DEFAULT_PAGE;
        int from = 0;
        if (in.hasNonNull("NextToken")) {
            try {
                from = Integer.parseInt(in.get("NextToken").asText());
            } catch (NumberFormatException e) {
                throw new AwsError("InvalidInputException", 400, "Invalid pagination token");
            }
        }
        int to = Math.min(all.size(), from + size);
        var list = out.putArray(listName);
        for (int i = from; i < to; i++) {
            list.add(all.get(i).deepCopy());
        }
        if (to < all.size()) {
            out.put("NextToken", Integer.toString(to));
        }
    }

    // Glue's Expression is a regular expression where '*' also means "any characters".
    private static Pattern expression(String expression) {
        return Pattern.compile(expression.replace(".*", "*").replace("*", ".*"), Pattern.CASE_INSENSITIVE);
    }

    private static JsonNode required(ObjectNode in, String member) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            throw new AwsError("InvalidInputException", 400, member + " is required");
        }
        return v;
    }

    private double now() {
        return clock.millis() / 1000.0;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
