package dev.benchbox.cost;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Prints a {@link CostEstimate} for {@code cost estimate}: the figure first, then what it is made of and the
 * assumptions behind it. Writes to a {@link Writer} it does not own (flushes, never closes).
 */
public final class CostEstimatePrinter {

    private final PrintWriter out;

    public CostEstimatePrinter(Writer out) {
        requireNonNull(out, "out is null");
        this.out = out instanceof PrintWriter printWriter ? printWriter : new PrintWriter(out);
    }

    public void print(CostEstimate estimate) {
        requireNonNull(estimate, "estimate is null");
        String what = estimate.powerRuns() == 1
                ? "a " + estimate.benchmark() + " SF" + CostFormat.scale(estimate.scaleFactor()) + " power run"
                : estimate.powerRuns() + " " + estimate.benchmark() + " SF" + CostFormat.scale(estimate.scaleFactor()) + " power runs in one job run";
        ResourceUtilization billed = estimate.billed();
        out.println("Estimated cost of " + what + " on EMR Serverless: " + Usd.estimate(estimate.usd()));
        out.println("  job run   about " + CostFormat.duration(estimate.duration()));
        out.println("  workers   " + estimate.capacity().describe());
        out.println("  billed    " + CostFormat.hours(billed.vCpuHours()) + " vCPU-h, "
                + CostFormat.hours(billed.memoryGbHours()) + " GB-h, "
                + CostFormat.hours(billed.storageGbHours()) + " storage GB-h");
        out.println("  prices    " + estimate.rates().describe());
        out.println("Assumptions:");
        for (String assumption : estimate.assumptions()) {
            out.println("  - " + assumption);
        }
        out.flush();
    }
}
