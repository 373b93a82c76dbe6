package dev.benchbox.shell;

import dev.benchbox.platform.PlatformOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.CommandRegistration.OptionArity;

/**
 * {@code connect}, registered from the platforms' own option lists ({@link PlatformFactory#options()}): every option is
 * a {@code --flag} of its own, named, described and mapped by the platform that takes it, so a new option needs no
 * second edit here (a hand-written {@code @ShellOption} per option had drifted from them). The work is
 * {@link ConnectionCommands#connect}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectCommand {
    static final String DESCRIPTION = "Connect to a platform: duckdb (embedded, in-memory unless --path FILE) or emr-serverless "
            + "(--s3-staging-dir, --execution-role-arn, --application-id or --create-application, ...).";

    @Bean
    CommandRegistration connectRegistration(CommandRegistration.BuilderSupplier builders, ConnectionCommands commands,
            PlatformFactory platformFactory, ValueChoices.Platforms platforms, PathCompletion.AnyFile files,
            PathCompletion.Folder folders, ValueChoices.PlatformOptionKeys optionKeys) {
        Collection<PlatformOption> options = platformFactory.options().values();
        CommandRegistration.Builder builder = builders.get()
                .command("connect")
                .group("Session")
                .description(DESCRIPTION);
        builder.withOption().longNames("platform").type(String.class).position(0).arity(OptionArity.EXACTLY_ONE)
                .defaultValue("duckdb").description("platform name: duckdb or emr-serverless")
                .completion(platforms::complete);
        builder.withOption().longNames("path").type(String.class).arity(OptionArity.EXACTLY_ONE)
                .description("DuckDB database file (default: in-memory)").completion(files::complete);
        for (PlatformOption option : options) {
            String description = option.description()
                    + (option.isSwitch() ? "" : option.defaultText().map(d -> " (default " + d + ")").orElse(""))
                    + option.environmentText().map(v -> " [$" + v + "]").orElse("");
            if (option.isSwitch()) {
                builder.withOption().longNames(option.flagName()).type(boolean.class).arity(OptionArity.ZERO_OR_ONE)
                        .defaultValue("false").description(description);
            } else {
                builder.withOption().longNames(option.flagName()).type(String.class).arity(OptionArity.EXACTLY_ONE)
                        .description(description)
                        .completion(context -> ValueChoices.starting(context, platformFactory.suggestions(option.key())));
            }
        }
        builder.withOption().longNames("platform-option").type(String[].class).arity(1, Integer.MAX_VALUE)
                .description("emr-serverless: key=value, repeatable (any option by its key, e.g. max_cpu=64)")
                .completion(optionKeys::complete);
        builder.withOption().longNames("dry-run").type(String.class).arity(OptionArity.EXACTLY_ONE)
                .description("emr-serverless: write the requests to this directory instead of sending them")
                .completion(folders::complete);
        builder.withOption().longNames("replace").type(boolean.class).arity(OptionArity.ZERO_OR_ONE).defaultValue("false")
                .description("with --dry-run: replace an earlier dry run in that directory (its files only)");
        builder.withOption().longNames("spark-conf").type(String[].class).arity(1, Integer.MAX_VALUE)
                .description(SparkConfs.HELP + " (session default for every job run)");
        builder.withOption().longNames("session").type(boolean.class).arity(OptionArity.ZERO_OR_ONE).defaultValue("false")
                .description("emr-serverless: start an interactive session at once (EMR 7.13.0+)");
        return builder.withTarget().function(context -> connect(commands, options, context)).and().build();
    }

    private static String connect(ConnectionCommands commands, Collection<PlatformOption> options, CommandContext context) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (PlatformOption option : options) {
            Object value = context.getOptionValue(option.flagName());
            if (option.isSwitch()) {
                flags.put(option.key(), Boolean.TRUE.equals(value) ? "true" : null);
            } else {
                flags.put(option.key(), value == null ? null : value.toString());
            }
        }
        return commands.connect(context.getOptionValue("platform"), context.getOptionValue("path"), flags,
                context.getOptionValue("platform-option"), context.getOptionValue("dry-run"),
                Boolean.TRUE.equals(context.getOptionValue("replace")), Boolean.TRUE.equals(context.getOptionValue("session")),
                context.getOptionValue("spark-conf"));
    }
}
