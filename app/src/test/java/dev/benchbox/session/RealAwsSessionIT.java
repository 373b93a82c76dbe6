package dev.benchbox.session;

import dev.benchbox.IntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.shell.CommandLineRunner;
import dev.benchbox.shell.ExitStatus;
import dev.benchbox.shell.ShellTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * An EMR Serverless session on REAL AWS: {@code session start}, a query through Spark Connect, {@code session stop}.
 * It costs money (a session bills at least a minute per worker), so it runs only when asked and never in CI:
 * <pre>
 * ./mvnw -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=RealAwsSessionIT \
 *   -Dbenchbox.aws.real=true -Dbenchbox.aws.region=us-east-1 -Dbenchbox.aws.s3-staging-dir=s3://BUCKET/benchbox/ \
 *   -Dbenchbox.aws.execution-role-arn=arn:aws:iam::ACCOUNT:role/ROLE [-Dbenchbox.aws.application-id=ID]
 * </pre>
 * Credentials come from the default AWS chain (never from this file). Without an application id, the shell creates
 * one on emr-7.13.0 and deletes it at the end; with one, the application (7.13.0+, sessions enabled) is left as it was.
 */
@Tag("real-aws")
@EnabledIfSystemProperty(named = "benchbox.aws.real", matches = "true")
@SpringBootTest(properties = {"spring.shell.interactive.enabled=false", "benchbox.errors-on-terminal=true"})
@Import(ShellTestSupport.class) // not TestEnvironment: the machine's AWS_* variables (profile, region) count here
@IntegrationTest
class RealAwsSessionIT {
    @Autowired
    CommandLineRunner commandLine;
    @Autowired
    ExitStatus exitStatus;
    @Autowired
    Terminal terminal;

    private String ok(String... words) {
        ShellTestSupport.takeOutput(terminal);
        commandLine.run(words);
        String out = ShellTestSupport.takeOutput(terminal);
        assertThat(exitStatus.code()).as(String.join(" ", words) + ": " + out).isZero();
        return out;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("-D" + property + " is required for the real-AWS session test").isNotBlank();
        return value;
    }

    @Test
    void sessionStartQueryAndStopOnRealAws() {
        String applicationId = System.getProperty("benchbox.aws.application-id");
        List<String> connect = new ArrayList<>(List.of("connect", "emr-serverless", "--region", required("benchbox.aws.region"),
                "--s3-staging-dir", required("benchbox.aws.s3-staging-dir"), "--execution-role-arn",
                required("benchbox.aws.execution-role-arn")));
        if (applicationId == null || applicationId.isBlank()) {
            connect.addAll(List.of("--create-application", "--release-label", "emr-7.13.0"));
        } else {
            connect.addAll(List.of("--application-id", applicationId));
        }
        ok(connect.toArray(String[]::new));
        try {
            String started = ok("session", "start", "--idle-timeout-minutes", "5", "--name", "benchbox-real-aws-it");
            assertThat(started).containsPattern("Session \\w+ (STARTED|IDLE): queries now run through it");
            assertThat(ok("query", "SELECT 6 * 7 AS answer, DATE '1998-12-01' AS d", "--format", "csv"))
                    .startsWith("answer,d\n42,1998-12-01\n");
            assertThat(ok("session", "stop")).containsPattern("Session \\w+ TERMINATED");
        } finally {
            // whatever failed above: the session ends and an application this test created goes away
            ShellTestSupport.takeOutput(terminal);
            commandLine.run(applicationId == null || applicationId.isBlank() ? new String[] {"disconnect", "--delete"}
                    : new String[] {"disconnect"});
        }
    }
}
