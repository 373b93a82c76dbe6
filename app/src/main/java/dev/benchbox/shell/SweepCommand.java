package dev.benchbox.shell;

import dev.benchbox.dataset.Scale;
import static java.util.Objects.requireNonNull;

import dev.benchbox.BenchboxException;
import dev.benchbox.bench.PowerRunRequest;
import dev.benchbox.bench.sweep.SweepPlan;
import dev.benchbox.bench.sweep.SweepService;
import dev.benchbox.bench.sweep.SweepSpec;
import dev.benchbox.cost.MaxCost;
import dev.benchbox.cost.Usd;
import dev.benchbox.platform.LoadProgress;
import dev.benchbox.platform.QueryExecution;
import dev.benchbox.results.QueryResult;
import dev.benchbox.results.RunResult;
import dev.benchbox.results.RunSummaryPrinter;
import dev.benchbox.results.compare.CompareFormat;
import dev.benchbox.results.compare.ComparisonPrinter;
import dev.benchbox.session.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * {@code run tpch ... --sweep NAME=V1,V2}: checks the sweep before anything connects, shows every configuration and
 * the estimate before anything starts, then prints each run, the comparison, the frontier and where the report is.
 * The work is {@link SweepService}'s.
 */
@Component
public class SweepCommand {
    private final SweepService sweeps;
    private final PlatformFactory platforms;
    private final ProgressBars progressBars;
    private final Console console;
    private final Session session;

    public SweepCommand(SweepService sweeps, PlatformFactory platforms, ProgressBars progressBars, Console console, Session session) {
        this.sweeps = requireNonNull(sweeps, "sweeps is null");
        this.platforms = requireNonNull(platforms, "platforms is null");
        this.progressBars = requireNonNull(progressBars, "progressBars is null");
        this.console = requireNonNull(console, "console is null");
        this.session = requireNonNull(session, "session is null");
    }

    /**
     * Checks what was typed before connecting: the sweep's form, and with {@code --platform} its dimensions and
     * values in that platform's terms; {@code --max-cost}'s amount.
     */
    public SweepSpec check(String[] typed, String platform, String dryRun, String maxCost) {
        if (dryRun != null) {
            throw new BenchboxException("--sweep cannot be previewed with --dry-run: preview one configuration at a time");
        }
        SweepSpec spec = SweepSpec.parse(Arrays.asList(typed));
        if (platform != null) {
            platforms.sweepDimensions(platform).ifPresent(spec::checkedBy);
        }
        if (maxCost != null) {
            MaxCost.parse(maxCost);
        }
        return spec;
    }

    /** Plans, shows the plan, checks {@code --max-cost} against the whole sweep, then runs it. */
    public void run(PowerRunRequest request, SweepSpec spec, String maxCost) {
        SweepPlan plan = sweeps.plan(request, spec);
        printPlan(plan);
        java.math.BigDecimal limit = maxCost == null ? null : MaxCost.parse(maxCost);
        SweepService.checkMaxCost(plan, limit);
        RunSummaryPrinter printer = new RunSummaryPrinter(console.writer(), dev.benchbox.benchmark.Benchmarks::title);
        SweepService.Outcome outcome;
        try (LoadProgress progress = progressBars.create()) {
            outcome = sweeps.run(plan, progress, new SweepService.Listener() {
                @Override
                public void skipped(SweepPlan.Configuration configuration) {
                    console.println(String.format(Locale.ROOT, "[%d/%d] %s: results exist, skipped", configuration.number(),
                            plan.configurations().size(), configuration.describe()));
                }

                @Override
                public void deployed(String description) {
                    console.println("Using " + description);
                }

                @Override
                public void removed(String description) {
                    console.println("Removed " + description);
                }

                @Override
                public void notRemoved(String description, String message) {
                    console.error(message);
                }

                @Override
                public void starting(SweepPlan.Configuration configuration) {
                    console.println(String.format(Locale.ROOT, "[%d/%d] %s", configuration.number(), plan.configurations().size(),
                            configuration.describe()));
                }

                @Override
                public void finished(SweepPlan.Configuration configuration, RunResult result) {
                    printer.summary(result, relative(configuration.file()));
                }

                @Override
                public void failed(SweepPlan.Configuration configuration, String message) {
                    console.error(String.format(Locale.ROOT, "[%d/%d] %s failed: %s", configuration.number(),
                            plan.configurations().size(), configuration.describe(), message));
                }

                @Override
                public void loading(double scaleFactor) {
                    console.println("Schema " + session.schema() + " does not hold " + plan.request().benchmark().title() + " SF" + Scale.of(scaleFactor).text()
                            + " yet: generating and loading it");
                }

                @Override
                public void executed(QueryExecution execution) {
                    // measured executions are printed once validated; warm-ups are not part of a sweep's output
                }

                @Override
                public void validated(QueryResult result) {
                    printer.query(result);
                }
            }, limit);
        }
        printOutcome(outcome);
    }

    private void printPlan(SweepPlan plan) {
        List<SweepPlan.Configuration> all = plan.configurations();
        long created = plan.deploymentsToCreate();
        console.println("Sweep of " + plan.request().benchmark().title() + " SF" + Scale.of(plan.request().scaleFactor()).text() + " on " + plan.platform() + ": "
                + all.size() + " configurations" + (plan.toRun().size() < all.size() ? " (" + (all.size() - plan.toRun().size())
                + " with results already, skipped)" : "")
                + (created > 0 ? ", " + created + " " + plan.deploymentNoun() + (created == 1 ? "" : "s")
                        + " created for it and deleted afterwards" : "")
                + "; results in " + relative(plan.directory()));
        int width = Math.max("configuration".length(), all.stream().mapToInt(c -> c.describe().length()).max().orElse(0));
        console.println(String.format(Locale.ROOT, "  %3s  %-" + width + "s  %s", "#", "configuration", "estimate"));
        for (SweepPlan.Configuration c : all) {
            String estimate = c.done() ? "done" : c.estimateUsd() == null ? "-" : Usd.estimate(c.estimateUsd());
            console.println(String.format(Locale.ROOT, "  %3d  %-" + width + "s  %s", c.number(), c.describe(), estimate));
        }
        BigDecimal total = plan.estimateUsd();
        if (plan.toRun().isEmpty()) {
            // a fully resumed sweep: nothing to price, only the comparison and the report to make again
            console.println("All " + all.size() + " configurations already have results: nothing to run");
        } else if (total == null) {
            console.println(plan.platform() + " costs nothing per run: no estimate");
        } else {
            console.println("Estimated cost of the " + plan.toRun().size() + " configurations to run: " + Usd.estimate(total));
            plan.assumptions().forEach(a -> console.println("  - " + a));
        }
    }

    private void printOutcome(SweepService.Outcome outcome) {
        if (outcome.comparison() != null) {
            console.println("");
            try {
                ComparisonPrinter.of(CompareFormat.TABLE).print(outcome.comparison(), console.writer());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            console.writer().flush();
            if (outcome.frontier().isEmpty()) {
                console.println("Price-performance frontier: none (no configuration has a billed cost)");
            } else {
                console.println("Price-performance frontier (geometric mean against billed cost, cheapest first): "
                        + String.join(", ", outcome.frontier()));
            }
        }
        if (outcome.report() != null) {
            console.println("Report: " + relative(outcome.report()));
        }
        StringBuilder problems = new StringBuilder();
        if (!outcome.failures().isEmpty()) {
            problems.append(outcome.failures().size()).append(" of ").append(outcome.plan().configurations().size())
                    .append(" configurations failed (").append(outcome.failures().stream()
                            .map(f -> f.configuration().label()).collect(Collectors.joining(", ")))
                    .append("): run the same command again to retry them");
        }
        if (!outcome.withFailedQueries().isEmpty()) {
            problems.append(problems.isEmpty() ? "" : "; ").append("failed query executions in ")
                    .append(String.join(", ", outcome.withFailedQueries()));
        }
        if (!problems.isEmpty()) {
            throw new BenchboxException("sweep finished with problems: " + problems);
        }
    }

    private static String relative(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
