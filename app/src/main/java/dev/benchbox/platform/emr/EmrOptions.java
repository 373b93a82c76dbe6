package dev.benchbox.platform.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchbox.BenchboxException;
import dev.benchbox.platform.emr.job.ReleaseLabel;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * Everything the EMR Serverless platform is configured with, validated: every value that can be checked
 * without AWS is checked here, so a typo costs no AWS call. Nullable components are the optional ones.
 *
 * @param stagingDir where data, jobs and results go
 * @param executionRoleArn the role job runs assume
 * @param applicationId an existing application (null when one is created)
 * @param createApplication whether this session creates its application
 * @param applicationName name of a created application
 * @param region AWS region
 * @param database the Glue database used as the default schema
 * @param releaseLabel EMR release of a created application
 * @param timeoutMinutes longest wait for an application state or a job run
 * @param capacity initial and maximum capacity of a created application
 * @param idleTimeoutMinutes auto-stop idle timeout of a created application
 * @param architecture {@code X86_64} or {@code ARM64}
 * @param profile AWS profile for credentials, or null for the SDK's default chain
 * @param endpointUrl one endpoint for every AWS client, or null for AWS's own
 * @param awsTimeoutSeconds longest wait for AWS to answer one request before it is retried
 * @param tags the user's tags ({@code --tag}) for everything this connection creates
 */
public record EmrOptions(
        S3Location stagingDir,
        String executionRoleArn,
        String applicationId,
        boolean createApplication,
        String applicationName,
        String region,
        String database,
        String releaseLabel,
        int timeoutMinutes,
        CapacitySettings capacity,
        int idleTimeoutMinutes,
        String architecture,
        String profile,
        URI endpointUrl,
        int awsTimeoutSeconds,
        ResourceTags tags) {

    // the IAMRoleArn pattern of the EMR Serverless model: partition, 12-digit account, role/ with an optional path
    static final Pattern ROLE_ARN = Pattern.compile("arn:(aws[a-zA-Z0-9-]*):iam::([0-9]{12}):role(/|/[\\u0021-\\u007F]+/)[\\w+=,.@-]+");
    // the model allows [0-9a-z]{1,64}
    static final Pattern APPLICATION_ID = Pattern.compile("[0-9a-z]{1,64}");
    static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    // the model's ApplicationName pattern
    static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z0-9._/#-]{1,64}");
    // Glue lower-cases database names; we accept what Spark SQL can name without quoting
    static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,254}");

    public EmrOptions {
        requireNonNull(stagingDir, "stagingDir is null");
        requireNonNull(executionRoleArn, "executionRoleArn is null");
        requireNonNull(region, "region is null");
        requireNonNull(database, "database is null");
        requireNonNull(releaseLabel, "releaseLabel is null");
        requireNonNull(capacity, "capacity is null");
        requireNonNull(architecture, "architecture is null");
        tags = tags == null ? ResourceTags.NONE : tags;
        if (createApplication == (applicationId != null)) {
            throw new BenchboxException("give exactly one of application_id and create_application=true");
        }
    }

    /**
     * Options from what the user gave (keys as in {@link EmrOption}), filled from the environment and
     * then the defaults, all checked.
     *
     * @param given option values typed by the user
     * @param environment environment variables (normally {@code System.getenv()})
     * @param dryRun a dry run with neither application_id nor create_application previews creating one
     */
    public static EmrOptions resolve(Map<String, String> given, Map<String, String> environment, boolean dryRun) {
        Map<EmrOption, String> values = new EnumMap<>(EmrOption.class);
        for (Map.Entry<String, String> entry : given.entrySet()) {
            EmrOption option = EmrOption.byKey(entry.getKey()).orElseThrow(() -> new BenchboxException(
                    "unknown emr-serverless option '" + entry.getKey() + "': expected one of " + String.join(", ", EmrOption.keys())));
            if (entry.getValue() != null) {
                values.put(option, entry.getValue().trim());
            }
        }
        for (EmrOption option : EmrOption.values()) {
            if (!values.containsKey(option) && option.environmentVariable().isPresent()) {
                String value = environment.get(option.environmentVariable().get());
                if (value != null && !value.isBlank()) {
                    values.put(option, value.trim());
                }
            }
        }
        String staging = required(values, EmrOption.S3_STAGING_DIR, "s3://bucket/prefix/");
        S3Location stagingDir = S3Location.parse(staging, "s3_staging_dir");
        String role = required(values, EmrOption.EXECUTION_ROLE_ARN, "arn:aws:iam::123456789012:role/NAME");
        if (!ROLE_ARN.matcher(role).matches()) {
            throw new BenchboxException("invalid execution_role_arn '" + role + "': expected an IAM role ARN such as "
                    + "arn:aws:iam::123456789012:role/EMRServerlessJobRole");
        }
        String applicationId = values.get(EmrOption.APPLICATION_ID);
        if (applicationId != null && !APPLICATION_ID.matcher(applicationId).matches()) {
            throw new BenchboxException("invalid application_id '" + applicationId
                    + "': EMR Serverless application ids are 1-64 lower-case letters and digits, e.g. 00fabcdef1234567");
        }
        boolean create = parseBoolean(values.get(EmrOption.CREATE_APPLICATION), "create_application");
        if (applicationId != null && create) {
            throw new BenchboxException("give either application_id " + applicationId + " or create_application=true, not both");
        }
        if (applicationId == null && !create) {
            if (!dryRun) {
                throw new BenchboxException("no application: give application_id (or EMR_APPLICATION_ID), or create_application=true "
                        + "to create one for this session");
            }
            create = true;
        }
        String name = values.getOrDefault(EmrOption.APPLICATION_NAME,
                dev.benchbox.platform.emr.job.ResourceNames.createdAt(java.time.Instant.now()));
        if (!APPLICATION_NAME.matcher(name).matches()) {
            throw new BenchboxException("invalid application_name '" + name + "': 1-64 letters, digits and . _ / # -");
        }
        URI endpoint = endpoint(values.get(EmrOption.ENDPOINT_URL));
        String region = region(value(values, EmrOption.REGION), endpoint != null);
        String database = value(values, EmrOption.DATABASE).toLowerCase(Locale.ROOT);
        if (!DATABASE.matcher(database).matches()) {
            throw new BenchboxException("invalid database '" + database + "': use letters, digits and _ (not starting with a digit)");
        }
        String release = releaseLabel(value(values, EmrOption.RELEASE_LABEL), "invalid release_label '%s'").label();
        int timeout = positiveInt(value(values, EmrOption.TIMEOUT_MINUTES), "timeout_minutes", 10_080);
        int idle = positiveInt(value(values, EmrOption.IDLE_TIMEOUT_MINUTES), "idle_timeout_minutes", 10_080);
        String architecture = switch (value(values, EmrOption.ARCHITECTURE).toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64" -> "X86_64";
            case "arm64", "aarch64" -> "ARM64";
            default -> throw new BenchboxException("invalid architecture '" + values.get(EmrOption.ARCHITECTURE)
                    + "': expected x86_64 or arm64");
        };
        CapacitySettings capacity = capacity(values.get(EmrOption.INITIAL_CAPACITY), values.get(EmrOption.MAX_CPU),
                values.get(EmrOption.MAX_MEMORY));
        if (!create && (!capacity.isEmpty() || values.containsKey(EmrOption.APPLICATION_NAME))) {
            throw new BenchboxException("initial_capacity, max_cpu, max_memory and application_name apply to a created application; "
                    + "change an existing one with 'capacity set'");
        }
        String profile = values.get(EmrOption.PROFILE);
        int awsTimeout = positiveInt(value(values, EmrOption.AWS_TIMEOUT_SECONDS), "aws_timeout_seconds", 3_600);
        ResourceTags tags = ResourceTags.parse(values.get(EmrOption.TAG));
        return new EmrOptions(stagingDir, role, applicationId, create, name, region, database, release, timeout, capacity,
                idle, architecture, profile, endpoint, awsTimeout, tags);
    }

    /**
     * A typed release label by the one rule ({@link ReleaseLabel}), its error prefixed with where it was typed.
     *
     * @param where e.g. {@code "invalid release '%s' in --sweep"}: {@code %s} is the label as typed
     */
    static ReleaseLabel releaseLabel(String typed, String where) {
        try {
            return ReleaseLabel.parse(typed);
        } catch (BenchboxException e) {
            throw new BenchboxException(where.formatted(typed) + ": " + e.getMessage());
        }
    }

    /** The account id in the execution role's ARN. */
    public String accountId() {
        var m = ROLE_ARN.matcher(executionRoleArn);
        return m.matches() ? m.group(2) : "*";
    }

    /** The partition in the execution role's ARN: aws, aws-cn, aws-us-gov. */
    public String partition() {
        var m = ROLE_ARN.matcher(executionRoleArn);
        return m.matches() ? m.group(1) : "aws";
    }

    /**
     * The role-policy scope without a connection (for {@code iam-policy}): staging prefix, database, region and the
     * role's account, from the given options, then the environment, then the defaults; the role ARN is checked with
     * the same pattern {@code connect} uses. What a connection would use is not known yet, so it covers the whole
     * feature set on that database: creating an application unless application_id is given, sessions, and Iceberg tables.
     */
    public static IamPolicy.Scope rolePolicyScope(Map<String, String> given, Map<String, String> environment) {
        String stagingDir = valueOf(EmrOption.S3_STAGING_DIR, given, environment);
        if (stagingDir == null) {
            throw new BenchboxException("iam-policy needs the staging bucket: connect emr-serverless first, or give --s3-staging-dir s3://bucket/prefix/");
        }
        S3Location location = S3Location.parse(stagingDir, EmrOption.S3_STAGING_DIR.key());
        String database = valueOf(EmrOption.DATABASE, given, environment);
        String region = valueOf(EmrOption.REGION, given, environment);
        String role = valueOf(EmrOption.EXECUTION_ROLE_ARN, given, environment);
        String applicationId = valueOf(EmrOption.APPLICATION_ID, given, environment);
        String account = "*";
        String partition = "aws";
        if (role != null) {
            var m = ROLE_ARN.matcher(role);
            if (!m.matches()) {
                throw new BenchboxException("invalid execution_role_arn '" + role + "': expected an IAM role ARN such as "
                        + "arn:aws:iam::123456789012:role/EMRServerlessJobRole");
            }
            partition = m.group(1);
            account = m.group(2);
        }
        if (applicationId != null && !APPLICATION_ID.matcher(applicationId).matches()) {
            throw new BenchboxException("invalid application_id '" + applicationId
                    + "': EMR Serverless application ids are 1-64 lower-case letters and digits, e.g. 00fabcdef1234567");
        }
        return new IamPolicy.Scope(location, List.of(database.toLowerCase(Locale.ROOT)), List.of(), region, account, partition, role,
                applicationId, applicationId == null, true, true);
    }

    private static String valueOf(EmrOption option, Map<String, String> given, Map<String, String> environment) {
        String value = given.get(option.key());
        if (value == null) {
            value = option.environmentVariable().map(environment::get).orElse(null);
        }
        return value != null ? value : option.defaultValue().orElse(null);
    }

    /** A copy using another application, e.g. the one a session created. */
    public EmrOptions withApplicationId(String id) {
        return new EmrOptions(stagingDir, executionRoleArn, id, false, applicationName, region, database, releaseLabel,
                timeoutMinutes, capacity, idleTimeoutMinutes, architecture, profile, endpointUrl, awsTimeoutSeconds, tags);
    }

    private static String required(Map<EmrOption, String> values, EmrOption option, String example) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            throw new BenchboxException("missing " + option.key() + ": give " + option.flag() + " " + example
                    + option.environmentVariable().map(v -> " or set " + v).orElse(""));
        }
        return value;
    }

    private static String value(Map<EmrOption, String> values, EmrOption option) {
        String value = values.get(option);
        return value == null || value.isBlank() ? option.defaultValue().orElseThrow() : value;
    }

    private static boolean parseBoolean(String text, String key) {
        if (text == null) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0", "" -> false;
            default -> throw new BenchboxException("invalid " + key + " '" + text + "': expected true or false");
        };
    }

    private static int positiveInt(String text, String key, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BenchboxException("invalid " + key + " '" + text + "': expected a whole number from 1 to " + max);
    }

    private static URI endpoint(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new BenchboxException("invalid endpoint_url '" + dev.benchbox.Redaction.text(text) + "': expected http(s)://host[:port]");
    }

    /**
     * Checks the region's name and, against AWS's own endpoints, that it offers EMR Serverless (the SDK's
     * region metadata, no call). With an endpoint override any well-formed region is fine.
     */
    private static String region(String region, boolean endpointOverride) {
        if (!REGION_NAME.matcher(region).matches()) {
            throw new BenchboxException("invalid region '" + region + "': expected a region name such as us-east-1");
        }
        if (endpointOverride) {
            return region;
        }
        Region r = Region.of(region);
        if (!Region.regions().contains(r)) {
            throw new BenchboxException("unknown region '" + region + "': not an AWS region this SDK knows");
        }
        Set<Region> offering = Set.copyOf(EmrServerlessClient.serviceMetadata().regions());
        if (!offering.isEmpty() && !offering.contains(r)) {
            throw new BenchboxException("EMR Serverless is not available in region " + region
                    + ": choose a region that offers it, e.g. us-east-1");
        }
        return region;
    }

    /** {@code Driver=1x4vCPU-16GB,Executor=4x4vCPU-16GB}, or the seed's JSON map of worker type to workerCount/workerConfiguration. */
    static CapacitySettings capacity(String initial, String maxCpu, String maxMemory) {
        WorkerCapacity driver = null;
        WorkerCapacity executor = null;
        if (initial != null && !initial.isBlank()) {
            Map<String, WorkerCapacity> parsed = initial.trim().startsWith("{") ? parseJsonCapacity(initial) : parseCompactCapacity(initial);
            for (Map.Entry<String, WorkerCapacity> entry : parsed.entrySet()) {
                switch (entry.getKey()) {
                    case "driver" -> driver = entry.getValue();
                    case "executor", "executors" -> executor = entry.getValue();
                    default -> throw new BenchboxException("invalid initial_capacity: unknown worker type '" + entry.getKey()
                            + "' (Spark applications have Driver and Executor)");
                }
            }
        }
        Integer cpu = maxCpu == null ? null : positiveInt(maxCpu, "max_cpu", 1_000_000);
        Integer memory = maxMemory == null ? null : positiveInt(maxMemory, "max_memory", 10_000_000);
        return new CapacitySettings(driver, executor, cpu, memory);
    }

    private static Map<String, WorkerCapacity> parseCompactCapacity(String text) {
        Map<String, WorkerCapacity> result = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new BenchboxException("invalid initial_capacity '" + text + "': expected Driver=1x4vCPU-16GB,Executor=4x4vCPU-16GB");
            }
            String type = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            result.put(type, WorkerCapacity.parse(part.substring(eq + 1), "initial_capacity " + type));
        }
        return result;
    }

    private static Map<String, WorkerCapacity> parseJsonCapacity(String text) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new BenchboxException("invalid initial_capacity: not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Map<String, WorkerCapacity> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            JsonNode config = value.path("workerConfiguration");
            if (!value.path("workerCount").canConvertToInt() || !config.isObject()) {
                throw new BenchboxException("invalid initial_capacity for " + entry.getKey()
                        + ": expected {\"workerCount\": N, \"workerConfiguration\": {\"cpu\": \"4vCPU\", \"memory\": \"16GB\"}}");
            }
            String size = config.path("cpu").asText().replace(" ", "") + "-" + config.path("memory").asText().replace(" ", "")
                    + (config.hasNonNull("disk") ? "-" + config.get("disk").asText().replace(" ", "") : "");
            result.put(entry.getKey().toLowerCase(Locale.ROOT),
                    WorkerCapacity.parse(value.get("workerCount").asInt() + "x" + size, "initial_capacity " + entry.getKey()));
        }
        return result;
    }
}
