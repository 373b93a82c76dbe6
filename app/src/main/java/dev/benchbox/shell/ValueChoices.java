package dev.benchbox.shell;

import dev.benchbox.results.print.OutputFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.standard.ValueProvider;
import org.springframework.stereotype.Component;

/** TAB completion of option values that come from a fixed list. */
public final class ValueChoices {
    private ValueChoices() {
    }

    static List<CompletionProposal> starting(CompletionContext context, List<String> values) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        return values.stream().filter(v -> v.startsWith(prefix)).map(CompletionProposal::new).toList();
    }

    /**
     * The first word after {@code connect} (a platform) and after {@code load} and {@code run} (a benchmark):
     * Spring Shell only completes values that follow their {@code --option}, but people type these positionally.
     */
    @Component
    public static class Positional implements org.springframework.shell.completion.CompletionResolver {
        private final PlatformFactory platforms;

        public Positional(PlatformFactory platforms) {
            this.platforms = java.util.Objects.requireNonNull(platforms, "platforms is null");
        }

        @Override
        public List<CompletionProposal> apply(CompletionContext context) {
            if (context.getCommandRegistration() == null || context.getWordIndex() != 0) {
                return List.of();
            }
            String current = context.currentWordUpToCursor();
            if (current != null && current.startsWith("-")) {
                return List.of();
            }
            return switch (context.getCommandRegistration().getCommand()) {
                case "connect" -> starting(context, platforms.names());
                case "load" -> starting(context, dev.benchbox.benchmark.Benchmarks.names());
                case "run" -> starting(context, dev.benchbox.benchmark.Benchmarks.names());
                default -> List.of();
            };
        }
    }

    /** {@code connect <TAB>}, {@code run --platform <TAB>}: the platforms. */
    @Component
    public static class Platforms implements ValueProvider {
        private final PlatformFactory platforms;

        public Platforms(PlatformFactory platforms) {
            this.platforms = java.util.Objects.requireNonNull(platforms, "platforms is null");
        }

        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, platforms.names());
        }
    }

    /** {@code load --generator <TAB>}: the data sets {@code load} generates. */
    @Component
    public static class DataSets implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, dev.benchbox.benchmark.Benchmarks.names());
        }
    }

    /** {@code run <TAB>}, {@code run --benchmark <TAB>}: the benchmarks {@code run} runs. */
    @Component
    public static class Benchmarks implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, dev.benchbox.benchmark.Benchmarks.names());
        }
    }

    /** {@code --format <TAB>}: the output formats. */
    @Component
    public static class Formats implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, Arrays.stream(OutputFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** {@code compare --format <TAB>}: compare's formats, which are not the query formats. */
    @Component
    public static class CompareFormats implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, Arrays.stream(dev.benchbox.results.compare.CompareFormat.values())
                    .map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
