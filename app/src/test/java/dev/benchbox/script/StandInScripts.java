package dev.benchbox.script;

import dev.benchbox.shell.TestEnvironment;
import dev.benchbox.standin.AwsStandIn;
import dev.benchbox.standin.StandInConfig;

/** Runs {@code .bbx} files against the AWS stand-in: dummy credentials, and the variables the scripts expand. */
final class StandInScripts {
    private StandInScripts() {
    }

    /** Starts the stand-in; the SDK's default chain reads the dummy credentials from system properties. */
    static AwsStandIn start(StandInConfig config) {
        useDummyCredentials();
        return AwsStandIn.start(config);
    }

    /** The SDK's default chain reads these system properties: no real credentials anywhere. */
    static void useDummyCredentials() {
        System.setProperty("aws.accessKeyId", AwsStandIn.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", AwsStandIn.SECRET_KEY);
    }

    /** What {@code ${BBX_ENDPOINT}}, {@code ${BBX_BUCKET}} and {@code ${BBX_ROLE}} expand to in the test scripts. */
    static void exportVariables(AwsStandIn aws) {
        TestEnvironment.VARIABLES.put("BBX_ENDPOINT", aws.endpoint().toString());
        TestEnvironment.VARIABLES.put("BBX_BUCKET", aws.bucket());
        TestEnvironment.VARIABLES.put("BBX_ROLE", AwsStandIn.EXECUTION_ROLE);
    }
}
