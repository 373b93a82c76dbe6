package dev.benchbox.shell;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.Platform;
import dev.benchbox.platform.PlatformProvider;
import dev.benchbox.platform.PlatformProvider.Connection;
import dev.benchbox.platform.RolePolicy;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Opens a platform by name with the options given to {@code connect} (or the one-shot {@code run}), through the
 * registry of {@link PlatformProvider}s: the shell never names a platform class.
 */
@Component
public class PlatformFactory {
    private final List<PlatformProvider> providers;
    private final EnvironmentVariables environment;
    private final Console console;

    public PlatformFactory(List<PlatformProvider> providers, EnvironmentVariables environment, Console console) {
        this.providers = providers.stream().sorted(Comparator.comparing(PlatformProvider::name)).toList();
        this.environment = environment;
        this.console = console;
    }

    /** The platform names {@code connect} takes. */
    public List<String> names() {
        return providers.stream().map(PlatformProvider::name).toList();
    }

    /** Every platform's {@code connect} options, with the platform they belong to (a key shared by two is listed once). */
    public Map<String, dev.benchbox.platform.PlatformOption> options() {
        Map<String, dev.benchbox.platform.PlatformOption> options = new java.util.LinkedHashMap<>();
        for (PlatformProvider provider : providers) {
            for (dev.benchbox.platform.PlatformOption option : provider.options()) {
                options.putIfAbsent(option.key(), new dev.benchbox.platform.PlatformOption(option.key(),
                        provider.name() + ": " + option.description(), option.defaultValue(), option.environmentVariable(),
                        option.isSwitch()));
            }
        }
        return options;
    }

    /** What TAB offers for the {@code connect} option with this key: the first platform's that has suggestions. */
    public List<String> suggestions(String key) {
        return providers.stream().map(provider -> provider.suggestions(key)).filter(found -> !found.isEmpty())
                .findFirst().orElse(List.of());
    }

    public Platform open(String name, String path) {
        return open(name, path, Map.of(), null, false).platform();
    }

    /**
     * @param options platform options by key (flags and --platform-option merged)
     * @param dryRun directory for a dry run's request files, or null
     * @param replaceDryRun whether an earlier dry run in the directory is replaced (anything else there is refused)
     */
    public Connection open(String name, String path, Map<String, String> options, Path dryRun, boolean replaceDryRun) {
        String platform = name == null ? "duckdb" : name.toLowerCase(Locale.ROOT);
        return provider(platform).orElseThrow(() -> new BenchboxException("unknown platform '" + name + "': expected one of "
                        + String.join(", ", names())))
                .open(new PlatformProvider.ConnectRequest(path, options, environment.all(), dryRun, replaceDryRun,
                new JobProgressPrinter(console)));
    }

    /** The role policy of the first platform whose jobs run as a role, from options and the environment (no connection). */
    public RolePolicy rolePolicy(Map<String, String> options) {
        return providers.stream().map(p -> p.rolePolicy(options, environment.all())).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> new BenchboxException("no platform runs its jobs as a role"));
    }

    /** What a sweep may vary on the named platform, checked without connecting; empty for an unknown name or none. */
    public Optional<dev.benchbox.platform.SweepDimensions> sweepDimensions(String name) {
        return provider(name == null ? "duckdb" : name.toLowerCase(Locale.ROOT)).flatMap(PlatformProvider::sweepDimensions);
    }

    /** Why that platform offers no stream connections (refresh functions), asked before connecting; empty when it does. */
    public Optional<String> whyNoStreamConnections(String name) {
        return provider(name.toLowerCase(Locale.ROOT)).flatMap(PlatformProvider::whyNoStreamConnections);
    }

    private Optional<PlatformProvider> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
