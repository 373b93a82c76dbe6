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

    /** {@code run --validate <TAB>}: how answers are checked. */
    @Component
    public static class Validations implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, Arrays.stream(dev.benchbox.tpch.ValidationMode.values())
                    .map(m -> m.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** {@code run --via <TAB>}: how an EMR run reaches Spark. */
    @Component
    public static class Vias implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, List.of("job", "session"));
        }
    }

    /** {@code load --table-format <TAB>}: how the platform keeps the loaded tables. */
    @Component
    public static class TableFormats implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, Arrays.stream(dev.benchbox.platform.TableFormat.values()).map(dev.benchbox.platform.TableFormat::word).toList());
        }
    }

    /** {@code load --generate <TAB>}: where the data is generated. */
    @Component
    public static class Generations implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, Arrays.stream(dev.benchbox.platform.GenerationPlan.Where.values())
                    .map(w -> w.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /**
     * {@code --scale <TAB>}: the scales with reference answers, of the benchmark named on the line (all benchmarks'
     * otherwise); any other scale may be typed.
     */
    @Component
    public static class Scales implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            List<dev.benchbox.benchmark.Benchmark> named = dev.benchbox.benchmark.Benchmarks.all().stream()
                    .filter(b -> context.getWords().stream().anyMatch(b.name()::equalsIgnoreCase)).toList();
            return starting(context, (named.isEmpty() ? dev.benchbox.benchmark.Benchmarks.all() : named).stream()
                    .flatMap(b -> b.answeredScales().stream())
                    .sorted(java.util.Comparator.comparingDouble(dev.benchbox.dataset.Scale::value))
                    .map(dev.benchbox.dataset.Scale::text).distinct().toList());
        }
    }

    /** {@code --platform-option <TAB>}: every platform's option keys, each followed by {@code =}. */
    @Component
    public static class PlatformOptionKeys implements ValueProvider {
        private final PlatformFactory platforms;

        public PlatformOptionKeys(PlatformFactory platforms) {
            this.platforms = java.util.Objects.requireNonNull(platforms, "platforms is null");
        }

        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return keys(context, platforms.options().keySet());
        }
    }

    /** {@code --sweep <TAB>}: what a sweep may vary on the platforms, each followed by {@code =}. */
    @Component
    public static class SweepNames implements ValueProvider {
        private final PlatformFactory platforms;

        public SweepNames(PlatformFactory platforms) {
            this.platforms = java.util.Objects.requireNonNull(platforms, "platforms is null");
        }

        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return keys(context, platforms.names().stream()
                    .flatMap(name -> platforms.sweepDimensions(name).stream())
                    .flatMap(dimensions -> dimensions.names().stream())
                    .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        }
    }

    /** {@code key=}: the value follows at once, so no space after it. */
    private static List<CompletionProposal> keys(CompletionContext context, java.util.Collection<String> keys) {
        String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
        // a family of names (spark.*) is offered as its start
        return keys.stream().map(k -> k.endsWith(".*") ? k.substring(0, k.length() - 1) : k + "=").filter(k -> k.startsWith(prefix))
                .map(k -> new CompletionProposal(k).complete(false)).toList();
    }

    /** {@code --region <TAB>}: the regions with prices (read from the pricing file, never from AWS). */
    @Component
    public static class Regions implements ValueProvider {
        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            return starting(context, dev.benchbox.cost.PricingTable.load().regions());
        }
    }

    /** {@code job-runs --id <TAB>}: this session's job runs, from the shell's own ledger (never from AWS). */
    @Component
    public static class JobRunIds implements ValueProvider {
        private final dev.benchbox.session.Session session;

        public JobRunIds(dev.benchbox.session.Session session) {
            this.session = java.util.Objects.requireNonNull(session, "session is null");
        }

        @Override
        public List<CompletionProposal> complete(CompletionContext context) {
            if (!session.isConnected()) {
                return List.of();
            }
            return starting(context, session.platform().jobRuns().stream().filter(run -> !run.isSession())
                    .map(dev.benchbox.cost.JobRunUsage::jobRunId).distinct().toList());
        }
    }
}
