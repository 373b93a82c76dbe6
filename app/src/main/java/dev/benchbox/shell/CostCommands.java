package dev.benchbox.shell;

import dev.benchbox.cost.CostEstimatePrinter;
import dev.benchbox.cost.CostReportPrinter;
import dev.benchbox.session.CostService;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code cost} and {@code cost estimate}. */
@ShellComponent
public class CostCommands {
    private final CostService costs;
    private final Console console;

    public CostCommands(CostService costs, Console console) {
        this.costs = costs;
        this.console = console;
    }

    @ShellMethod(key = "cost", value = "What the job runs and EMR sessions since the shell started cost: billed and total resources, in dollars, each and in all.",
            group = "Benchmark")
    public void cost() {
        CostReportPrinter printer = new CostReportPrinter(console.writer());
        printer.print(costs.report());
        printer.connectionTags(costs.connectionTags());
        console.writer().flush();
    }

    @ShellMethod(key = "cost estimate", value = "Estimate a TPC-H or TPC-DS power run's cost before running it (connected capacity, or AWS's defaults).",
            group = "Benchmark")
    public void estimate(
            @ShellOption(value = "--scale", valueProvider = ValueChoices.Scales.class, help = "scale factor, e.g. 0.01 or 1") String scale,
            @ShellOption(value = "--benchmark", defaultValue = ShellOption.NULL, valueProvider = ValueChoices.Benchmarks.class,
                    help = "tpch (default) or tpcds") String benchmark,
            @ShellOption(value = "--warmup", defaultValue = "0", help = "unmeasured rounds") int warmup,
            @ShellOption(value = "--iterations", defaultValue = dev.benchbox.bench.PowerRunRequest.DEFAULT_ITERATIONS,
                    help = "measured rounds (default " + dev.benchbox.bench.PowerRunRequest.DEFAULT_ITERATIONS + ": what compare needs to judge noise)") int iterations) {
        dev.benchbox.benchmark.Benchmark chosen;
        try {
            chosen = benchmark == null ? dev.benchbox.benchmark.Benchmarks.all().get(0) : dev.benchbox.benchmark.Benchmarks.get(benchmark);
        } catch (IllegalArgumentException e) {
            throw new dev.benchbox.BenchboxException(e.getMessage());
        }
        double scaleFactor = chosen.parseScale(scale);
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("--warmup must be 0 or more and --iterations 1 or more");
        }
        if (costs.connectedProfile().isEmpty()) {
            // the same record the estimate uses says what it assumes: one source for the default capacity
            var assumed = CostService.DEFAULT_PROFILE;
            console.println("Not connected to EMR Serverless: estimating with " + assumed.capacity().describe() + " in " + assumed.region()
                    + " (" + assumed.architecture().id() + ")");
        }
        new CostEstimatePrinter(console.writer()).print(costs.estimate(chosen, scaleFactor, warmup + iterations));
        console.writer().flush();
    }
}
