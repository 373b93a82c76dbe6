package dev.benchbox.platform.emr;

import dev.benchbox.platform.emr.job.Backoff;
import dev.benchbox.standin.AwsStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options and clients pointing the EMR Serverless platform at an {@link AwsStandIn}, with static dummy credentials. */
final class StandInFixture {
    static final Backoff FAST = new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), 1.5);

    private StandInFixture() {
    }

    /** The SDK's default chain reads these system properties: no real credentials anywhere. */
    static void useDummyCredentials() {
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
    }

    static Map<String, String> options(AwsStandIn aws, String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("s3_staging_dir", "s3://" + aws.bucket() + "/benchbox/");
        options.put("execution_role_arn", AwsStandIn.EXECUTION_ROLE);
        options.put("endpoint_url", aws.endpoint().toString());
        options.put("region", AwsStandIn.REGION.id());
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        return options;
    }

    static EmrServerlessPlatform connect(AwsStandIn aws, String... extra) {
        EmrOptions options = EmrOptions.resolve(options(aws, extra), Map.of(), false);
        return EmrServerlessPlatform.connect(options, AwsClients.create(AwsClients.Settings.of(options)), FAST);
    }

    static Path modelsDir() {
        return dev.benchbox.standin.StandInConfig.defaultModelsDir();
    }
}
