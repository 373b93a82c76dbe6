/**
 * What EMR Serverless work costs: the pricing data (region × architecture, a data file on the classpath), AWS's
 * billing model for job runs, estimates made before a run, the {@code --max-cost} guard, and printers for the
 * session's cost report and for estimates.
 *
 * <p>Pure logic, no Spring and no AWS SDK: the EMR platform turns a {@code GetJobRun} answer into a
 * {@link dev.benchbox.cost.JobRunUsage}, the session keeps a list of them, and the {@code cost} command hands that
 * list to {@link dev.benchbox.cost.CostReport#of} and prints it with {@link dev.benchbox.cost.CostReportPrinter}.
 */
package dev.benchbox.cost;
