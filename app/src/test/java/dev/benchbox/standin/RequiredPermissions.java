package dev.benchbox.standin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchbox.standin.IamPolicyEvaluator.Permission;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What IAM authorises for each recorded stand-in request: the actions and resource ARNs, with the condition keys
 * the request carries, as AWS's service authorization reference and Glue's resource-level permission table give
 * them (a Glue table call needs the catalog, its database and the table; listing databases needs every database).
 * {@link #caller} is what the identity that sent the request needs; {@link #jobRole} is what the execution role needs
 * for the job run a StartJobRun started, read from its manifest as the Spark job would. A request this does not know
 * is refused, so a new kind of call cannot pass unchecked.
 */
public final class RequiredPermissions {
    private static final String PASSED_TO_SERVICE = "iam:PassedToService";
    private static final String EMR_SERVERLESS = "emr-serverless.amazonaws.com";
    /** Stands for the id AWS gives a resource the request creates. */
    private static final String NEW = "new";

    private final String partition;
    private final String region;
    private final String account;

    public RequiredPermissions(String partition, String region, String account) {
        this.partition = requireNonNull(partition, "partition is null");
        this.region = requireNonNull(region, "region is null");
        this.account = requireNonNull(account, "account is null");
    }

    /** The stand-in's partition, region and account. */
    public static RequiredPermissions standIn() {
        return new RequiredPermissions("aws", AwsStandIn.REGION.id(), AwsStandIn.ACCOUNT_ID);
    }

    /** What the identity that sent {@code request} needs for it. */
    public List<Permission> caller(RecordedRequest request) {
        return switch (request.service()) {
            case EMR_SERVERLESS -> emrServerless(request.operation(), request.input());
            case GLUE -> glue(request.operation(), request.input());
            case S3 -> s3(request.operation(), request.input());
        };
    }

    private List<Permission> emrServerless(String operation, JsonNode in) {
        String app = emr("/applications/" + in.path("applicationId").asText(NEW));
        String action = "emr-serverless:" + operation;
        List<Permission> needed = new ArrayList<>();
        switch (operation) {
            case "CreateApplication" -> {
                // no resource type: the policy must grant it on "*"
                needed.add(new Permission(action, "*", requestTags(in)));
                tagging(needed, emr("/applications/" + NEW), in);
            }
            case "GetApplication", "StartApplication", "StopApplication", "UpdateApplication", "DeleteApplication", "ListJobRuns",
                    "ListSessions" -> needed.add(new Permission(action, app));
            case "StartJobRun" -> {
                needed.add(new Permission(action, app));
                needed.add(passRole(in));
                tagging(needed, app + "/jobruns/" + NEW, in);
            }
            case "GetJobRun", "CancelJobRun", "GetDashboardForJobRun" ->
                    needed.add(new Permission(action, app + "/jobruns/" + in.path("jobRunId").asText()));
            case "StartSession" -> {
                needed.add(new Permission(action, app));
                needed.add(passRole(in));
                tagging(needed, app + "/sessions/" + NEW, in);
            }
            case "GetSession", "GetSessionEndpoint", "TerminateSession" ->
                    needed.add(new Permission(action, app + "/sessions/" + in.path("sessionId").asText()));
            case "GetResourceDashboard" -> needed.add(new Permission(action, app + "/sessions/" + in.path("resourceId").asText()));
            // authorised on the resource the ARN names, with the tags it adds as request tags
            case "TagResource" -> needed.add(new Permission(action, in.path("resourceArn").asText(), requestTags(in)));
            case "UntagResource", "ListTagsForResource" -> needed.add(new Permission(action, in.path("resourceArn").asText()));
            default -> throw new IllegalArgumentException("no IAM mapping for EMR Serverless " + operation);
        }
        return needed;
    }

    private static Permission passRole(JsonNode in) {
        return new Permission("iam:PassRole", in.path("executionRoleArn").asText(), Map.of(PASSED_TO_SERVICE, EMR_SERVERLESS));
    }

    /** Tags on a create are authorised as TagResource on the new resource too. */
    private static void tagging(List<Permission> needed, String resource, JsonNode in) {
        if (in.path("tags").size() > 0) {
            needed.add(new Permission("emr-serverless:TagResource", resource, requestTags(in)));
        }
    }

    private static Map<String, String> requestTags(JsonNode in) {
        Map<String, String> context = new LinkedHashMap<>();
        in.path("tags").fields().forEachRemaining(tag -> context.put("aws:RequestTag/" + tag.getKey(), tag.getValue().asText()));
        return context;
    }

    private List<Permission> glue(String operation, JsonNode in) {
        String action = "glue:" + operation;
        return switch (operation) {
            case "CreateDatabase" -> onDatabase(action, in.at("/DatabaseInput/Name").asText());
            case "GetDatabase" -> onDatabase(action, in.path("Name").asText());
            case "GetDatabases" -> List.of(new Permission(action, glueArn("catalog")), new Permission(action, glueArn("database/*")));
            case "GetTables" -> onTable(action, in.path("DatabaseName").asText(), "*");
            case "GetTable", "DeleteTable" -> onTable(action, in.path("DatabaseName").asText(), in.path("Name").asText());
            case "CreateTable", "UpdateTable" -> onTable(action, in.path("DatabaseName").asText(), in.at("/TableInput/Name").asText());
            default -> throw new IllegalArgumentException("no IAM mapping for Glue " + operation);
        };
    }

    private List<Permission> onDatabase(String action, String database) {
        return List.of(new Permission(action, glueArn("catalog")), new Permission(action, glueArn("database/" + database)));
    }

    private List<Permission> onTable(String action, String database, String table) {
        List<Permission> needed = new ArrayList<>(onDatabase(action, database));
        needed.add(new Permission(action, glueArn("table/" + database + "/" + table)));
        return needed;
    }

    private List<Permission> s3(String operation, JsonNode in) {
        String bucket = in.path("Bucket").asText();
        String key = in.path("Key").asText();
        return switch (operation) {
            case "HeadBucket" -> List.of(new Permission("s3:ListBucket", bucketArn(bucket)));
            case "ListObjectsV2", "ListObjects" -> List.of(list(bucket, in.hasNonNull("Prefix") ? in.path("Prefix").asText() : null));
            case "GetObject", "HeadObject" -> List.of(new Permission("s3:GetObject", objectArn(bucket, key)));
            case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload" ->
                    List.of(new Permission("s3:PutObject", objectArn(bucket, key)));
            case "AbortMultipartUpload" -> List.of(new Permission("s3:AbortMultipartUpload", objectArn(bucket, key)));
            case "ListParts" -> List.of(new Permission("s3:ListMultipartUploadParts", objectArn(bucket, key)));
            case "DeleteObject" -> List.of(new Permission("s3:DeleteObject", objectArn(bucket, key)));
            case "DeleteObjects" -> {
                List<Permission> needed = new ArrayList<>();
                in.path("Delete").forEach(k -> needed.add(new Permission("s3:DeleteObject", objectArn(bucket, k.asText()))));
                yield needed;
            }
            default -> throw new IllegalArgumentException("no IAM mapping for S3 " + operation);
        };
    }

    /**
     * What the execution role needs for the job run {@code startJobRun} started: the job jar and manifest, its logs,
     * and by the manifest's kind the data it generates, the source it checks, or the Glue tables and their files a
     * run reads; then writing its output. {@code readObject} reads an {@code s3://} object as JSON.
     */
    public List<Permission> jobRole(RecordedRequest startJobRun, Function<String, JsonNode> readObject) {
        if (!startJobRun.operation().equals("StartJobRun")) {
            throw new IllegalArgumentException("not a StartJobRun: " + startJobRun.operation());
        }
        JsonNode submit = startJobRun.input().at("/jobDriver/sparkSubmit");
        List<Permission> needed = new ArrayList<>();
        needed.add(getObject(submit.path("entryPoint").asText()));
        String logUri = startJobRun.input().at("/configurationOverrides/monitoringConfiguration/s3MonitoringConfiguration/logUri").asText(null);
        if (logUri != null) {
            needed.add(putObject(logUri + "applications/" + startJobRun.input().path("applicationId").asText() + "/jobs/stdout.gz"));
        }
        for (JsonNode argument : submit.path("entryPointArguments")) {
            String manifestUri = argument.asText();
            needed.add(getObject(manifestUri));
            JsonNode manifest = readObject.apply(manifestUri);
            String output = manifest.path("output").asText();
            switch (manifest.path("kind").asText("run")) {
                case "generate" -> manifest.path("tables").forEach(t ->
                        needed.add(putObject(manifest.path("data").asText() + t.path("name").asText() + "/part-00001.parquet")));
                case "check" -> manifest.path("tables").forEach(t -> readFiles(needed, manifest.path("source").asText() + t.asText() + "/"));
                default -> {
                    String database = manifest.path("database").asText();
                    if (manifest.path("catalog").asText().equals("glue")) {
                        // Spark's Glue client looks up default when it starts, then the database and each table a query reads
                        needed.addAll(onDatabase("glue:GetDatabase", "default"));
                        needed.addAll(onDatabase("glue:GetDatabase", database));
                        manifest.path("tables").fieldNames().forEachRemaining(t -> needed.addAll(onTable("glue:GetTable", database, t)));
                    }
                    manifest.path("tables").forEach(location -> readFiles(needed, location.asText()));
                }
            }
            needed.add(putObject(output + "summary.json"));
        }
        return needed;
    }

    /** Listing below a prefix and reading a file there. */
    private void readFiles(List<Permission> needed, String prefixUri) {
        URI uri = URI.create(prefixUri);
        String prefix = uri.getPath().substring(1);
        needed.add(list(uri.getHost(), prefix));
        needed.add(new Permission("s3:GetObject", objectArn(uri.getHost(), prefix + "part-00001.parquet")));
    }

    private Permission getObject(String s3Uri) {
        URI uri = URI.create(s3Uri);
        return new Permission("s3:GetObject", objectArn(uri.getHost(), uri.getPath().substring(1)));
    }

    private Permission putObject(String s3Uri) {
        URI uri = URI.create(s3Uri);
        return new Permission("s3:PutObject", objectArn(uri.getHost(), uri.getPath().substring(1)));
    }

    private Permission list(String bucket, String prefix) {
        return new Permission("s3:ListBucket", bucketArn(bucket), prefix == null ? Map.of() : Map.of("s3:prefix", prefix));
    }

    private String emr(String resource) {
        return "arn:" + partition + ":emr-serverless:" + region + ":" + account + ":" + resource;
    }

    private String glueArn(String resource) {
        return "arn:" + partition + ":glue:" + region + ":" + account + ":" + resource;
    }

    private String bucketArn(String bucket) {
        return "arn:" + partition + ":s3:::" + bucket;
    }

    private String objectArn(String bucket, String key) {
        return bucketArn(bucket) + "/" + key;
    }
}
