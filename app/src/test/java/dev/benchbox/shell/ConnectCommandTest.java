package dev.benchbox.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.benchbox.platform.emr.EmrOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;

class ConnectCommandTest {

    private static CommandRegistration registration() {
        PlatformFactory platforms = new PlatformFactory(List.of(new dev.benchbox.platform.duckdb.DuckDbProvider(),
                new dev.benchbox.platform.emr.EmrServerlessProvider()), mock(EnvironmentVariables.class), mock(Console.class));
        return new ConnectCommand().connectRegistration(CommandRegistration::builder, mock(ConnectionCommands.class),
                platforms, new ValueChoices.Platforms(platforms), new PathCompletion.AnyFile(), new PathCompletion.Folder(),
                new ValueChoices.PlatformOptionKeys(platforms));
    }

    private static CommandOption option(CommandRegistration registration, String name) {
        return registration.getOptions().stream().filter(o -> Arrays.asList(o.getLongNames()).contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError("connect has no --" + name));
    }

    @Test
    void everyEmrServerlessOptionIsAFlagOfConnectDescribedByIt() {
        CommandRegistration connect = registration();

        for (EmrOption emr : EmrOption.values()) {
            CommandOption flag = option(connect, emr.flag().substring(2));
            assertThat(flag.getDescription()).as(emr.flag()).startsWith("emr-serverless: " + emr.description());
            assertThat(flag.isRequired()).as(emr.flag()).isFalse();
        }
        assertThat(option(connect, "region").getDescription()).endsWith("(default us-east-1) [$AWS_REGION]");
        assertThat(option(connect, "max-cpu").getDescription()).isEqualTo("emr-serverless: " + EmrOption.MAX_CPU.description());
    }

    @Test
    void createApplicationIsASwitchAndThePlatformComesFirst() {
        CommandRegistration connect = registration();

        assertThat(option(connect, "create-application").getType().resolve()).isEqualTo(boolean.class);
        assertThat(option(connect, "create-application").getDefaultValue()).isEqualTo("false");
        assertThat(option(connect, "platform").getPosition()).isZero();
        assertThat(option(connect, "platform").getDefaultValue()).isEqualTo("duckdb");
        List<String> others = List.of("path", "platform-option", "dry-run", "replace", "session", "spark-conf");
        others.forEach(name -> option(connect, name));
        assertThat(connect.getOptions()).hasSize(2 + EmrOption.values().length + 5);
    }
}
