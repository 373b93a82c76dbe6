package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.CapacityControl;
import dev.benchbox.platform.PlatformProvider.Connection;
import dev.benchbox.session.Session;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code connect}, {@code disconnect}, {@code status}. */
@ShellComponent
public class ConnectionCommands {
    private final Session session;
    private final PlatformFactory platforms;
    private final TableNameCache tableNames;

    private final ConnectionGuard guard;
    private final Console console;
    private final SessionCommands sessions;

    public ConnectionCommands(Session session, PlatformFactory platforms, TableNameCache tableNames, ConnectionGuard guard,
            Console console, SessionCommands sessions) {
        this.guard = guard;
        this.console = console;
        this.sessions = sessions;
        this.session = session;
        this.platforms = platforms;
        this.tableNames = tableNames;
    }

    @ShellMethod(key = "connect", value = "Connect to a platform: duckdb (embedded, in-memory unless --path FILE) or emr-serverless "
            + "(--s3-staging-dir, --execution-role-arn, --application-id or --create-application, ...).", group = "Session")
    public String connect(
            @ShellOption(value = "--platform", defaultValue = "duckdb", valueProvider = ValueChoices.Platforms.class, help = "platform name: duckdb or emr-serverless") String platform,
            @ShellOption(value = "--path", defaultValue = ShellOption.NULL, help = "DuckDB database file (default: in-memory)") String path,
            @ShellOption(value = "--s3-staging-dir", defaultValue = ShellOption.NULL, help = "emr-serverless: s3://bucket/prefix/ for data, jobs and results") String s3StagingDir,
            @ShellOption(value = "--execution-role-arn", defaultValue = ShellOption.NULL, help = "emr-serverless: IAM role the job runs assume") String executionRoleArn,
            @ShellOption(value = "--application-id", defaultValue = ShellOption.NULL, help = "emr-serverless: an existing application") String applicationId,
            @ShellOption(value = "--create-application", defaultValue = "false", help = "emr-serverless: create an application for this session") boolean createApplication,
            @ShellOption(value = "--application-name", defaultValue = ShellOption.NULL, help = "emr-serverless: name of a created application") String applicationName,
            @ShellOption(value = "--region", defaultValue = ShellOption.NULL, help = "emr-serverless: AWS region (default us-east-1)") String region,
            @ShellOption(value = "--database", defaultValue = ShellOption.NULL, help = "emr-serverless: Glue database (default benchbox)") String database,
            @ShellOption(value = "--release-label", defaultValue = ShellOption.NULL, help = "emr-serverless: EMR release (default emr-7.0.0)") String releaseLabel,
            @ShellOption(value = "--timeout-minutes", defaultValue = ShellOption.NULL, help = "emr-serverless: longest wait (default 60)") String timeoutMinutes,
            @ShellOption(value = "--initial-capacity", defaultValue = ShellOption.NULL, help = "emr-serverless: Driver=1x4vCPU-16GB,Executor=4x4vCPU-16GB") String initialCapacity,
            @ShellOption(value = "--architecture", defaultValue = ShellOption.NULL, help = "emr-serverless: x86_64 or arm64") String architecture,
            @ShellOption(value = "--profile", defaultValue = ShellOption.NULL, help = "emr-serverless: AWS profile for credentials") String profile,
            @ShellOption(value = "--endpoint-url", defaultValue = ShellOption.NULL, help = "emr-serverless: one endpoint for EMR Serverless, Glue and S3") String endpointUrl,
            @ShellOption(value = "--platform-option", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE,
                    help = "emr-serverless: key=value, repeatable (any option by its key, e.g. max_cpu=64)") String[] platformOptions,
            @ShellOption(value = "--dry-run", defaultValue = ShellOption.NULL, help = "emr-serverless: write the requests to this directory instead of sending them") String dryRun,
            @ShellOption(value = "--replace", defaultValue = "false", help = "with --dry-run: replace the contents of a non-empty directory") boolean replace,
            @ShellOption(value = "--session", defaultValue = "false", help = "emr-serverless: start an interactive session at once (EMR 7.13.0+)") boolean startSession,
            @ShellOption(value = "--spark-conf", defaultValue = ShellOption.NULL, arity = Integer.MAX_VALUE, help = SparkConfs.HELP
                    + " (session default for every job run)") String[] sparkConf) {
        // checked before anything connects: a malformed value costs no AWS call
        Map<String, String> spark = dev.benchbox.platform.SparkSettings.parse(sparkConf);
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("s3_staging_dir", s3StagingDir);
        flags.put("execution_role_arn", executionRoleArn);
        flags.put("application_id", applicationId);
        flags.put("create_application", createApplication ? "true" : null);
        flags.put("application_name", applicationName);
        flags.put("region", region);
        flags.put("database", database);
        flags.put("release_label", releaseLabel);
        flags.put("timeout_minutes", timeoutMinutes);
        flags.put("initial_capacity", initialCapacity);
        flags.put("architecture", architecture);
        flags.put("profile", profile);
        flags.put("endpoint_url", endpointUrl);
        guard.beforeReplacing();
        Connection opened = platforms.open(platform, path, PlatformOptions.merge(flags, platformOptions),
                dryRun == null ? null : Path.of(dryRun), replace);
        try {
            SparkConfs.sessionDefaults(opened.platform(), spark);
        } catch (RuntimeException e) {
            opened.platform().close();
            throw e;
        }
        session.connect(opened.platform());
        tableNames.invalidate();
        String connected = connectedMessage(opened, session.schema())
                + (spark.isEmpty() ? "" : System.lineSeparator() + "Spark settings on every job run: " + describe(spark));
        if (!startSession) {
            return connected;
        }
        if (opened.platform().sessions().isEmpty()) {
            return connected + System.lineSeparator() + "--session: " + opened.platform().name() + " has no sessions (EMR Serverless 7.13.0+ has)";
        }
        console.println(connected);
        return sessions.startAfterConnect();
    }

    private static String describe(Map<String, String> conf) {
        return String.join(" ", conf.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static String connectedMessage(Connection connection, String schema) {
        StringBuilder message = new StringBuilder("Connected to " + connection.platform().description() + ", schema " + schema);
        connection.notes().forEach(note -> message.append(System.lineSeparator()).append(note));
        return message.toString();
    }

    @ShellMethod(key = "disconnect", value = "Close the connection, releasing what this session created (--delete: delete an application it created).",
            group = "Session")
    public String disconnect(
            @ShellOption(value = "--delete", defaultValue = "false", help = "emr-serverless: delete the application this session created") boolean delete) {
        if (!session.isConnected()) {
            return "Not connected";
        }
        Platform platform = session.platform();
        if (delete) {
            platform.capacity().orElseThrow(() -> new BenchboxException("--delete is not offered by the connected platform ("
                    + platform.name() + "): it deletes an EMR Serverless application this session created")).deleteOnClose();
        }
        String note = platform.closingNote().orElse(null);
        session.disconnect();
        return note == null ? "Disconnected" : "Disconnected: " + note;
    }

    @ShellMethod(key = "status", value = "Show the connection, schema and output settings.", group = "Session")
    public String status() {
        if (!session.isConnected()) {
            return "Not connected (run 'connect duckdb')";
        }
        Platform platform = session.platform();
        return String.join(System.lineSeparator(),
                "Platform: " + platform.description(),
                "Schema:   " + session.schema() + platform.loadedTpchScale(session.schema())
                        .map(sf -> " (TPC-H SF" + dev.benchbox.tpch.TpchSchema.formatScale(sf) + " loaded)").orElse(""),
                "Output:   " + session.format().name().toLowerCase(java.util.Locale.ROOT) + ", at most "
                        + (session.maxRows() == 0 ? "all" : session.maxRows()) + " rows on screen",
                "Ran:      " + session.ledger().size() + " loads, queries and runs this session");
    }
}
