package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege policies for what BenchBox does on EMR Serverless: the job runs' execution role (what Spark
 * reads and writes), its trust relationship, and the user running the shell (the calls the shell itself makes).
 * Both are narrowed to the staging bucket and prefix, the Glue databases and the data sources of the {@link Scope}.
 */
public final class IamPolicy {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Spark's Glue client looks this database up when it starts, whatever the job reads. */
    private static final String SPARK_DEFAULT_DATABASE = "default";

    private IamPolicy() {
    }

    /**
     * What the policies are narrowed to.
     *
     * @param databases every Glue database used (never empty: the connection's own is one)
     * @param sources data sources outside the staging prefix that tables were registered over ({@code load --from})
     * @param executionRoleArn the job runs' role, or null when not known (then any role of the account)
     * @param applicationId the one application used, or null for any of the account's (one is created, or it is not known)
     * @param createsApplications whether applications are created (connect --create-application, a sweep)
     * @param sessions whether interactive sessions are used
     * @param icebergTables whether job runs write Iceberg tables (their role then creates and commits the Glue tables)
     */
    public record Scope(S3Location staging, List<String> databases, List<S3Location> sources, String region, String accountId,
            String partition, String executionRoleArn, String applicationId, boolean createsApplications, boolean sessions,
            boolean icebergTables) {
        /** A scope whose job runs write no Iceberg tables. */
        public Scope(S3Location staging, List<String> databases, List<S3Location> sources, String region, String accountId,
                String partition, String executionRoleArn, String applicationId, boolean createsApplications, boolean sessions) {
            this(staging, databases, sources, region, accountId, partition, executionRoleArn, applicationId, createsApplications,
                    sessions, false);
        }

        public Scope {
            requireNonNull(staging, "staging is null");
            databases = List.copyOf(databases);
            sources = List.copyOf(sources);
            requireNonNull(region, "region is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(partition, "partition is null");
            if (databases.isEmpty()) {
                throw new IllegalArgumentException("no database");
            }
            if (createsApplications) {
                applicationId = null; // the ids of applications not created yet are not known
            }
        }

        private String glue(String resource) {
            return "arn:" + partition + ":glue:" + region + ":" + accountId + ":" + resource;
        }

        private String emrServerless(String resource) {
            return "arn:" + partition + ":emr-serverless:" + region + ":" + accountId + ":" + resource;
        }

        private String applications() {
            return emrServerless("/applications/" + (applicationId == null ? "*" : applicationId));
        }

        private String executionRole() {
            return executionRoleArn != null ? executionRoleArn : "arn:" + partition + ":iam::" + accountId + ":role/*";
        }
    }

    /**
     * The execution role's permissions: objects under the staging prefix (jar, manifests, data, results, logs) and
     * the bucket listed only below it, read-only on each data source, and read-only Glue on the databases used (plus
     * {@code default}): the shell registers tables itself, jobs only read them.
     */
    public static String executionRolePolicy(Scope scope) {
        ObjectNode policy = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        staging(statements, scope, List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"));
        sources(statements, scope);
        List<String> resources = new ArrayList<>(List.of(scope.glue("catalog"), scope.glue("database/" + SPARK_DEFAULT_DATABASE)));
        scope.databases().forEach(db -> resources.add(scope.glue("database/" + db)));
        scope.databases().forEach(db -> resources.add(scope.glue("table/" + db + "/*")));
        scope.databases().forEach(db -> resources.add(scope.glue("userDefinedFunction/" + db + "/*")));
        statement(statements, "GlueCatalogRead", List.of("glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition",
                "glue:GetPartitions", "glue:BatchGetPartition", "glue:GetUserDefinedFunction", "glue:GetUserDefinedFunctions"), resources);
        if (scope.icebergTables()) {
            // Iceberg's Glue catalog registers a table it creates and commits every change (a load, a refresh function,
            // a rollback) as an UpdateTable at the version it read
            List<String> tables = new ArrayList<>();
            tables.add(scope.glue("catalog"));
            scope.databases().forEach(db -> tables.add(scope.glue("database/" + db)));
            scope.databases().forEach(db -> tables.add(scope.glue("table/" + db + "/*")));
            statement(statements, "GlueIcebergCommits", List.of("glue:CreateTable", "glue:UpdateTable"), tables);
        }
        return write(policy);
    }

    /** The trust relationship: EMR Serverless may assume the role, for this account's applications only. */
    public static String trustPolicy(String accountId, String partition, String region) {
        ObjectNode policy = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Sid", "EmrServerlessAssumeRole").put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "emr-serverless.amazonaws.com");
        statement.put("Action", "sts:AssumeRole");
        if (!"*".equals(accountId)) {
            ObjectNode condition = statement.putObject("Condition");
            condition.putObject("StringEquals").put("aws:SourceAccount", accountId);
            condition.putObject("ArnLike").put("aws:SourceArn",
                    "arn:" + partition + ":emr-serverless:" + region + ":" + accountId + ":/applications/*");
        }
        return write(policy);
    }

    /**
     * What the user running the shell needs for its own calls: the application and its job runs (creating and
     * deleting applications only when it creates them), sessions when used, passing the execution role to EMR
     * Serverless, the Glue databases used (tables are registered by the shell), and the staging prefix (uploads,
     * results, clearing a table's old files before a reload).
     */
    public static String callerPolicy(Scope scope) {
        ObjectNode policy = MAPPER.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        String applications = scope.applications();
        List<String> applicationActions = new ArrayList<>(List.of("emr-serverless:GetApplication", "emr-serverless:StartApplication",
                "emr-serverless:StopApplication", "emr-serverless:UpdateApplication"));
        if (scope.createsApplications()) {
            applicationActions.add("emr-serverless:DeleteApplication");
        }
        // a created application and every job run are tagged (created-by, --tag, a run's id), which AWS authorises as
        // TagResource, also when the shell retags the application it created at the start of a run; job-runs shows the Spark UI
        applicationActions.addAll(List.of("emr-serverless:StartJobRun", "emr-serverless:GetJobRun", "emr-serverless:CancelJobRun",
                "emr-serverless:TagResource", "emr-serverless:GetDashboardForJobRun"));
        statement(statements, "EmrServerlessJobRuns", applicationActions, List.of(applications, applications + "/jobruns/*"));
        if (scope.createsApplications()) {
            // CreateApplication names no resource type (a new application has no ARN yet): "*", narrowed to BenchBox's tag
            ObjectNode create = statement(statements, "EmrServerlessCreateApplication", List.of("emr-serverless:CreateApplication"),
                    List.of("*"));
            create.putObject("Condition").putObject("StringEquals").put("aws:RequestTag/" + ApplicationManager.TAG_CREATED_BY, "benchbox");
            // the first application of an account creates EMR Serverless's service-linked role
            ObjectNode linked = statement(statements, "EmrServerlessServiceLinkedRole", List.of("iam:CreateServiceLinkedRole"),
                    List.of("arn:" + scope.partition() + ":iam::" + scope.accountId()
                            + ":role/aws-service-role/ops.emr-serverless.amazonaws.com/AWSServiceRoleForAmazonEMRServerless"));
            linked.putObject("Condition").putObject("StringLike").put("iam:AWSServiceName", "ops.emr-serverless.amazonaws.com");
        }
        if (scope.sessions()) {
            statement(statements, "EmrServerlessSessions", List.of("emr-serverless:StartSession", "emr-serverless:GetSession",
                    "emr-serverless:GetSessionEndpoint", "emr-serverless:ListSessions", "emr-serverless:TerminateSession",
                    "emr-serverless:TagResource", "emr-serverless:GetResourceDashboard"), List.of(applications, applications + "/sessions/*"));
        }
        ObjectNode pass = statement(statements, "PassExecutionRole", List.of("iam:PassRole"), List.of(scope.executionRole()));
        pass.putObject("Condition").putObject("StringLike").put("iam:PassedToService", "emr-serverless.amazonaws.com");
        List<String> glue = new ArrayList<>(List.of(scope.glue("catalog")));
        scope.databases().forEach(db -> glue.add(scope.glue("database/" + db)));
        scope.databases().forEach(db -> glue.add(scope.glue("table/" + db + "/*")));
        statement(statements, "GlueDatabasesUsed", List.of("glue:CreateDatabase", "glue:GetDatabase", "glue:GetTables", "glue:GetTable",
                "glue:CreateTable", "glue:UpdateTable"), glue);
        // listing schema names (the schemas command, completion): Glue authorises it on every database
        statement(statements, "GlueListDatabases", List.of("glue:GetDatabases"), List.of(scope.glue("catalog"), scope.glue("database/*")));
        staging(statements, scope, List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"));
        return write(policy);
    }

    /** Objects under the staging prefix, and listing the bucket only below it. */
    private static void staging(ArrayNode statements, Scope scope, List<String> objectActions) {
        S3Location staging = scope.staging();
        statement(statements, "StagingObjects", objectActions, List.of(bucketArn(scope, staging.bucket()) + "/" + staging.prefix() + "*"));
        ObjectNode list = statement(statements, "StagingList", List.of("s3:ListBucket"), List.of(bucketArn(scope, staging.bucket())));
        if (!staging.prefix().isEmpty()) {
            list.putObject("Condition").putObject("StringLike").putArray("s3:prefix").add(staging.prefix()).add(staging.prefix() + "*");
        }
    }

    /** Read-only: each data source's objects, and listing its bucket only below it (a list statement per bucket). */
    private static void sources(ArrayNode statements, Scope scope) {
        List<S3Location> outside = scope.sources().stream().filter(s -> !within(s, scope.staging())).toList();
        if (outside.isEmpty()) {
            return;
        }
        statement(statements, "SourceObjects", List.of("s3:GetObject"),
                outside.stream().map(s -> bucketArn(scope, s.bucket()) + "/" + s.prefix() + "*").toList());
        Map<String, List<String>> prefixes = new LinkedHashMap<>();
        outside.forEach(s -> prefixes.computeIfAbsent(s.bucket(), b -> new ArrayList<>()).add(s.prefix()));
        int n = 0;
        for (Map.Entry<String, List<String>> bucket : prefixes.entrySet()) {
            ObjectNode list = statement(statements, "SourceList" + ++n, List.of("s3:ListBucket"), List.of(bucketArn(scope, bucket.getKey())));
            if (!bucket.getValue().contains("")) {
                ArrayNode allowed = list.putObject("Condition").putObject("StringLike").putArray("s3:prefix");
                bucket.getValue().forEach(p -> allowed.add(p).add(p + "*"));
            }
        }
    }

    private static boolean within(S3Location location, S3Location prefix) {
        return location.bucket().equals(prefix.bucket()) && location.prefix().startsWith(prefix.prefix());
    }

    private static String bucketArn(Scope scope, String bucket) {
        return "arn:" + scope.partition() + ":s3:::" + bucket;
    }

    private static ObjectNode statement(ArrayNode statements, String sid, List<String> actions, List<String> resources) {
        ObjectNode statement = statements.addObject().put("Sid", sid).put("Effect", "Allow");
        ArrayNode actionList = statement.putArray("Action");
        actions.stream().distinct().forEach(actionList::add);
        ArrayNode resourceList = statement.putArray("Resource");
        resources.stream().distinct().forEach(resourceList::add);
        return statement;
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node) + System.lineSeparator();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
