package dev.benchbox.shell;

import dev.benchbox.platform.emr.EmrOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.CommandRegistration.OptionArity;

/**
 * {@code connect}, registered from {@link EmrOption}: every EMR Serverless option is a {@code --flag} of its own,
 * named, described and mapped by that one list, so a new option needs no second edit here (a hand-written
 * {@code @ShellOption} per option had drifted from it). The work is {@link ConnectionCommands#connect}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectCommand {
    static final String DESCRIPTION = "Connect to a platform: duckdb (embedded, in-memory unless --path FILE) or emr-serverless "
            + "(--s3-staging-dir, --execution-role-arn, --application-id or --create-application, ...).";

    @Bean
    CommandRegistration connectRegistration(CommandRegistration.BuilderSupplier builders, ConnectionCommands commands,
            ValueChoices.Platforms platforms) {
        CommandRegistration.Builder builder = builders.get()
                .command("connect")
                .group("Session")
                .description(DESCRIPTION);
        builder.withOption().longNames("platform").type(String.class).position(0).arity(OptionArity.EXACTLY_ONE)
                .defaultValue("duckdb").description("platform name: duckdb or emr-serverless")
                .completion(platforms::complete);
        builder.withOption().longNames("path").type(String.class).arity(OptionArity.EXACTLY_ONE)
                .description("DuckDB database file (default: in-memory)");
        for (EmrOption option : EmrOption.values()) {
            String description = "emr-serverless: " + option.description()
                    + (flag(option) ? "" : option.defaultValue().map(d -> " (default " + d + ")").orElse(""))
                    + option.environmentVariable().map(v -> " [$" + v + "]").orElse("");
            if (flag(option)) {
                builder.withOption().longNames(name(option)).type(boolean.class).arity(OptionArity.ZERO_OR_ONE)
                        .defaultValue("false").description(description);
            } else {
                builder.withOption().longNames(name(option)).type(String.class).arity(OptionArity.EXACTLY_ONE)
                        .description(description);
            }
        }
        builder.withOption().longNames("platform-option").type(String[].class).arity(1, Integer.MAX_VALUE)
                .description("emr-serverless: key=value, repeatable (any option by its key, e.g. max_cpu=64)");
        builder.withOption().longNames("dry-run").type(String.class).arity(OptionArity.EXACTLY_ONE)
                .description("emr-serverless: write the requests to this directory instead of sending them");
        builder.withOption().longNames("replace").type(boolean.class).arity(OptionArity.ZERO_OR_ONE).defaultValue("false")
                .description("with --dry-run: replace the contents of a non-empty directory");
        builder.withOption().longNames("session").type(boolean.class).arity(OptionArity.ZERO_OR_ONE).defaultValue("false")
                .description("emr-serverless: start an interactive session at once (EMR 7.13.0+)");
        return builder.withTarget().function(context -> connect(commands, context)).and().build();
    }

    private static String connect(ConnectionCommands commands, CommandContext context) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (EmrOption option : EmrOption.values()) {
            Object value = context.getOptionValue(name(option));
            if (flag(option)) {
                flags.put(option.key(), Boolean.TRUE.equals(value) ? "true" : null);
            } else {
                flags.put(option.key(), value == null ? null : value.toString());
            }
        }
        return commands.connect(context.getOptionValue("platform"), context.getOptionValue("path"), flags,
                context.getOptionValue("platform-option"), context.getOptionValue("dry-run"),
                Boolean.TRUE.equals(context.getOptionValue("replace")), Boolean.TRUE.equals(context.getOptionValue("session")));
    }

    /** The option is a yes/no switch: {@code --create-application} alone means true. */
    private static boolean flag(EmrOption option) {
        return "false".equals(option.defaultValue().orElse(null));
    }

    private static String name(EmrOption option) {
        return option.flag().substring(2);
    }
}
