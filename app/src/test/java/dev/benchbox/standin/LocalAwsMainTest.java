package dev.benchbox.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.benchbox.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** scripts/local-aws that cannot start says why in one line (its main then exits 1) instead of a stack trace. */
@IntegrationTest
class LocalAwsMainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AwsStandIn aws = LocalAwsMain.start(new String[] {"--port", String.valueOf(taken.getLocalPort())},
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(aws).isNull();
        }
        assertThat(errors()).startsWith("local-aws: cannot start: ").endsWith("\n");
        assertThat(errors().lines().count()).as(errors()).isEqualTo(1);
    }

    @Test
    void badArgumentsAreOneLineWithTheUsage() {
        PrintStream out = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(LocalAwsMain.start(new String[] {"--port", "eighty"}, out)).isNull();
        assertThat(LocalAwsMain.start(new String[] {"--frobnicate"}, out)).isNull();
        assertThat(LocalAwsMain.start(new String[] {"--data"}, out)).isNull();
        assertThat(errors()).isEqualTo("""
                local-aws: --port needs a number; usage: local-aws [--port N] [--data DIR]
                local-aws: unknown option '--frobnicate'; usage: local-aws [--port N] [--data DIR]
                local-aws: --data needs a value; usage: local-aws [--port N] [--data DIR]
                """);
    }
}
