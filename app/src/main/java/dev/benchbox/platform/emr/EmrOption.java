package dev.benchbox.platform.emr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The options of the EMR Serverless platform, as {@code --platform-option key=value} keys (and
 * {@code --key-with-dashes} flags on {@code connect}), with the environment variable that fills each
 * when it is not given and its default.
 */
public enum EmrOption {
    S3_STAGING_DIR("s3_staging_dir", "EMR_S3_STAGING_DIR", null, "S3 prefix for data, jobs and results: s3://bucket/prefix/ (required)"),
    EXECUTION_ROLE_ARN("execution_role_arn", "EMR_EXECUTION_ROLE_ARN", null, "IAM role the job runs assume (required)"),
    APPLICATION_ID("application_id", "EMR_APPLICATION_ID", null, "an existing application to use"),
    CREATE_APPLICATION("create_application", "EMR_CREATE_APPLICATION", "false", "create an application for this session instead"),
    APPLICATION_NAME("application_name", null, "benchbox-<time>", "name of a created application"),
    REGION("region", "AWS_REGION", "us-east-1", "AWS region"),
    DATABASE("database", "EMR_DATABASE", "benchbox", "Glue database used as the schema"),
    RELEASE_LABEL("release_label", "EMR_RELEASE_LABEL", dev.benchbox.platform.emr.job.ReleaseLabel.DEFAULT, "EMR release of a created application"),
    TIMEOUT_MINUTES("timeout_minutes", null, "60", "longest wait for an application state or a job run"),
    INITIAL_CAPACITY("initial_capacity", null, null, "pre-initialised workers of a created application: Driver=1x4vCPU-16GB,Executor=4x4vCPU-16GB (or the JSON map)"),
    MAX_CPU("max_cpu", null, null, "maximum vCPUs of a created application (with max_memory)"),
    MAX_MEMORY("max_memory", null, null, "maximum memory in GB of a created application (with max_cpu)"),
    IDLE_TIMEOUT_MINUTES("idle_timeout_minutes", null, "15", "a created application stops after this many idle minutes"),
    ARCHITECTURE("architecture", null, "x86_64", "x86_64 or arm64, for a created application"),
    PROFILE("profile", "AWS_PROFILE", null, "AWS profile for credentials (default: the SDK's provider chain)"),
    ENDPOINT_URL("endpoint_url", "AWS_ENDPOINT_URL", null, "one endpoint for EMR Serverless, Glue and S3 (stand-in, LocalStack, moto)"),
    AWS_TIMEOUT_SECONDS("aws_timeout_seconds", null, "20", "longest wait for AWS to answer a request before it is retried; a call gives up after 2.5 times this"),
    TAG("tag", null, null, "your cost allocation tags on every application, job run and session created: key=value[,key=value]");

    private final String key;
    private final String environmentVariable;
    private final String defaultValue;
    private final String description;

    EmrOption(String key, String environmentVariable, String defaultValue, String description) {
        this.key = key;
        this.environmentVariable = environmentVariable;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    /** The {@code connect} flag: {@code --s3-staging-dir}. */
    public String flag() {
        return "--" + key.replace('_', '-');
    }

    /** The environment variable that fills the option when it is not given, if any. */
    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String description() {
        return description;
    }

    public static Optional<EmrOption> byKey(String key) {
        String normalized = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(o -> o.key.equals(normalized)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(EmrOption::key).toList();
    }
}
